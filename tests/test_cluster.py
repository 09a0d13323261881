"""Several instances: bin/cluster (as `make cluster` starts it) runs two gunicorn instances behind
nginx on a PostgreSQL database and a Redis database of this test's own. A session, a sign-in
lockout and the autosave flood guard made on one instance hold on the other, a client cannot
forge its address through nginx, a load run through nginx has no errors (as one straight to an
instance has none), and Ctrl-C stops everything.

The database is made on the server at 127.0.0.1:5432 when DATABASE_URL names that one, else it is
the embedded server under the test's own folder (both instances share it, as on one machine).
Skipped, with the reason, when nginx cannot be installed or no Redis answers on 127.0.0.1:6379.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
import redis
from psycopg import sql

from tests.support.served import postgres, until

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
PASSWORD = "correct-horse-battery-staple-42"
AUTOSAVE_LIMIT = 6  # per learner per minute, for these instances
QUESTION = "url-shortener"
TOPIC = "caching"
SEED = f"""
from primer.publication import Publication
from questions.models import Kind, Question
from topics.models import Depth, Topic, renumber
Topic.objects.create(slug="{TOPIC}", title="Caching", summary="Keep answers close.", status=Publication.PUBLISHED,
                     depth=Depth.CORE, body="Read-through and write-through.")
renumber()
Question.objects.create(slug="{QUESTION}", title="URL shortener", kind=Kind.SYSTEM_DESIGN, summary="Design one.",
                        prompt="Design it.", status=Publication.PUBLISHED)
"""


# The suite's autouse fixtures reset axes and the cache in the test database; these tests use
# neither (everything goes over HTTP to a database of their own), so they need no test database.
@pytest.fixture(autouse=True)
def _reset_axes() -> None:
    pass


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    pass


# Helpers, as in tests/test_faults.py ---------------------------------------------------------


def _free_ports(count: int) -> list[int]:
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class Visitor:
    """One browser: its cookies go to whichever instance it asks, redirects are not followed."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, base: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
        return self._send(base + path, None, headers)

    def post(self, base: str, path: str, data: dict, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
        body = urlencode(data | {"csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}).encode()
        return self._send(base + path, body, headers)

    def _send(self, url: str, form: bytes | None, headers: dict[str, str] | None) -> tuple[int, dict, str]:
        request = urllib.request.Request(url, data=form, headers=headers or {})  # noqa: S310 - our own 127.0.0.1
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        try:
            with _OPENER.open(request, timeout=30) as response:
                status, answer, body = response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            status, answer, body = error.code, error.headers, error.read().decode()
        for line in answer.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)  # deleted (signed out)
        return status, dict(answer), body


def _sign_up(visitor: Visitor, base: str, username: str) -> None:
    visitor.get(base, "/accounts/signup/")
    form = {"username": username, "email": "", "password1": PASSWORD, "password2": PASSWORD}
    status, headers, body = visitor.post(base, "/accounts/signup/", form)
    assert (status, headers.get("Location")) == (302, "/"), body[:2000]


def _sign_in(visitor: Visitor, base: str, username: str, password: str, headers: dict | None = None) -> int:
    visitor.get(base, "/accounts/login/")
    return visitor.post(base, "/accounts/login/", {"username": username, "password": password}, headers)[0]


# The cluster -----------------------------------------------------------------------------------


@dataclass
class Cluster:
    nginx: str
    a: str
    b: str
    process: subprocess.Popen
    nginx_folder: Path  # its config, pid file, temp files and logs
    log: Path  # what bin/cluster and the instances printed


def _missing_service() -> str | None:
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"no Redis answers on 127.0.0.1:6379 ({error})"
    # Two test processes may both find nginx missing: one installs, the other waits for it.
    with open(Path(tempfile.gettempdir()) / "primer-ensure-nginx.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ensure = [str(ROOT / "bin" / "ensure-debian-package"), "nginx", NGINX]
        result = subprocess.run(ensure, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        return result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "nginx cannot be installed"
    return None


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "")


@contextlib.contextmanager
def _database(env: dict[str, str], folder: Path) -> Iterator[None]:
    """A fresh database of this test's own, dropped (or its embedded server stopped) at the end."""
    configured = urlsplit(os.environ.get("DATABASE_URL", "").strip())
    if configured.hostname not in ("127.0.0.1", "localhost") or (configured.port or 5432) != 5432:
        try:
            yield  # DATABASE_URL unset or elsewhere: the instances start the embedded server in `folder`
        finally:
            if (folder / "postgres").exists():
                postgres(folder / "postgres", "stop")
        return
    name = f"test_{configured.path.lstrip('/') or 'postgres'}_cluster{'_' + _worker() if _worker() else ''}"
    admin = configured._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env["DATABASE_URL"] = configured._replace(path="/" + name).geturl()
    try:
        yield
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextlib.contextmanager
def _redis_database(env: dict[str, str]) -> Iterator[None]:
    """A Redis database number of this test process's own (14, then 13 for the next xdist worker...),
    flushed before and after: only that one."""
    number = 14 - int(_worker().removeprefix("gw") or 0)
    client = redis.Redis(host="127.0.0.1", port=6379, db=number)
    client.flushdb()
    env["REDIS_URL"] = f"redis://127.0.0.1:6379/{number}"
    try:
        yield
    finally:
        client.flushdb()
        client.close()


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=5) as response:  # noqa: S310 - our own 127.0.0.1
            return response.status == 200
    except OSError:
        return False


def _start(env: dict[str, str], folder: Path) -> Cluster:
    """bin/cluster in a process group of its own (as a terminal's foreground job), on free ports."""
    port, a, b = _free_ports(3)
    log, nginx_folder = folder / f"cluster-{port}.log", folder / f"nginx-{port}"
    command = [PYTHON, str(ROOT / "bin" / "cluster"), "--port", str(port), "--instance-port", str(a)]
    command += ["--instance-port", str(b), "--folder", str(nginx_folder)]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    nginx, instance_a, instance_b = (f"http://127.0.0.1:{number}" for number in (port, a, b))
    cluster = Cluster(nginx, instance_a, instance_b, process, nginx_folder, log)
    up = until(lambda: process.poll() is not None or "Ctrl-C stops everything" in log.read_text(), seconds=90)
    if not up or process.poll() is not None:
        _end(process)
        pytest.fail(f"bin/cluster did not start:\n{log.read_text()[-4000:]}")
    return cluster


def _end(process: subprocess.Popen) -> None:
    """Stop bin/cluster as SIGTERM would, then make sure nothing of its group is left."""
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=60)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> Iterator[tuple[dict[str, str], Path]]:
    """The instances' environment on a migrated database with a topic and a question."""
    if reason := _missing_service():
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("cluster")
    unset = ("DATABASE_URL", "REDIS_URL", "TRUSTED_PROXY_COUNT", "DJANGO_ENV", "NGINX")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(
        PRIMER_DATA_DIR=str(folder),
        NGINX=NGINX,
        AUTOSAVE_MAX_PER_MINUTE=str(AUTOSAVE_LIMIT),
        SIGNUPS_PER_HOUR="100",  # every sign-up here comes from 127.0.0.1
        LOG_LEVEL="WARNING",
    )
    with _database(env, folder), _redis_database(env):
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
        subprocess.run([*manage, "shell", "--no-imports", "-c", SEED], cwd=ROOT, env=env, check=True, timeout=120)
        yield env, folder


@pytest.fixture(scope="module")
def cluster(environment) -> Iterator[Cluster]:
    running = _start(*environment)
    try:
        yield running
    finally:
        _end(running.process)


# Sessions ---------------------------------------------------------------------------------------


def test_a_session_made_on_one_instance_is_signed_in_on_the_other(cluster):
    ada = Visitor()
    _sign_up(ada, cluster.a, "ada-cluster")
    status, _, body = ada.get(cluster.b, "/account/data/")
    assert status == 200
    assert "ada-cluster" in body
    assert Visitor().get(cluster.b, "/account/data/")[0] == 302  # without the cookie: to the sign-in page

    before_sign_out = Visitor(dict(ada.cookies))
    assert ada.post(cluster.b, "/accounts/logout/", {})[0] == 302
    assert before_sign_out.get(cluster.a, "/account/data/")[0] == 302  # signed out on B is out on A

    assert _sign_in(ada, cluster.a, "ada-cluster", PASSWORD) == 302
    status, _, body = ada.get(cluster.b, "/account/data/")
    assert status == 200
    assert "ada-cluster" in body


# The autosave flood guard -----------------------------------------------------------------------


def _saves(instances: tuple[str, ...], username: str) -> Counter[int]:
    """Statuses of three times the limit of saves of one step by a new learner, sent to the instances
    in turn. The guard counts per clock minute: a run that crossed into the next is made again."""
    for retry in range(2):
        visitor = Visitor()
        _sign_up(visitor, instances[0], f"{username}-{retry}")
        status, headers, _ = visitor.post(instances[0], f"/practice/{QUESTION}/", {"mode": "untimed"})
        assert status == 302
        attempt = re.fullmatch(r"/attempts/(\d+)/", headers["Location"])
        assert attempt, headers["Location"]
        minute = int(time.time() // 60)
        statuses: Counter[int] = Counter()
        version = 0
        for index in range(3 * AUTOSAVE_LIMIT):
            form = {"text": f"Draft {index}", "version": version, "seconds": 1}
            path = f"/attempts/{attempt[1]}/steps/1/save/"
            status = visitor.post(instances[index % len(instances)], path, form, {"HX-Request": "true"})[0]
            statuses[status] += 1
            if status == 200:
                version += 1
        if int(time.time() // 60) == minute:
            return statuses
    raise AssertionError("two runs in a row crossed into a new minute")


def test_the_autosave_flood_guard_counts_the_saves_on_both_instances_together(cluster):
    alternated = _saves((cluster.a, cluster.b), "alternating")
    one_instance = _saves((cluster.a,), "staying")
    assert alternated == one_instance == Counter({200: AUTOSAVE_LIMIT, 429: 2 * AUTOSAVE_LIMIT})


# Sign-in lockouts (django-axes) -------------------------------------------------------------------


def test_a_lockout_made_through_one_instance_holds_on_the_other(cluster):
    _sign_up(Visitor(), cluster.a, "grace-cluster")
    # The instances trust one proxy: the client is the last address in X-Forwarded-For, as nginx
    # appends it. Here the test speaks for nginx.
    client = {"X-Forwarded-For": "203.0.113.9"}
    guesses = [_sign_in(Visitor(), cluster.a, "grace-cluster", "wrong", client) for _ in range(5)]
    assert guesses == [200, 200, 200, 200, 429]  # the form again, four times, then locked out

    assert _sign_in(Visitor(), cluster.b, "grace-cluster", PASSWORD, client) == 429
    another_client = {"X-Forwarded-For": "198.51.100.7"}
    assert _sign_in(Visitor(), cluster.b, "grace-cluster", PASSWORD, another_client) == 302


def test_through_nginx_a_client_cannot_forge_its_way_out_of_a_lockout(cluster):
    _sign_up(Visitor(), cluster.nginx, "alan-cluster")
    guesses = [_sign_in(Visitor(), cluster.nginx, "alan-cluster", "wrong") for _ in range(5)]
    assert guesses[-1] == 429
    forged = {"X-Forwarded-For": "198.51.100.7"}  # nginx appends the address it saw: that one counts
    assert _sign_in(Visitor(), cluster.nginx, "alan-cluster", PASSWORD, forged) == 429
    assert _sign_in(Visitor(), cluster.a, "alan-cluster", PASSWORD, forged) == 302  # as if from that address


# Load ---------------------------------------------------------------------------------------------

LOAD_REQUESTS = 240
LOAD_THREADS = 6


def _load(base: str, pages: list[tuple[str, Visitor]]) -> tuple[Counter[int | str], float]:
    """LOAD_REQUESTS requests over the pages from LOAD_THREADS threads: their statuses (or errors)."""

    def one(index: int) -> int | str:
        path, visitor = pages[index % len(pages)]
        try:
            return Visitor(dict(visitor.cookies)).get(base, path)[0]
        except OSError as error:
            return type(error).__name__

    started = time.monotonic()
    with ThreadPoolExecutor(LOAD_THREADS) as pool:
        statuses = Counter(pool.map(one, range(LOAD_REQUESTS)))
    return statuses, time.monotonic() - started


def test_a_load_run_through_nginx_has_no_errors_like_one_straight_to_an_instance(cluster):
    learner = Visitor()
    _sign_up(learner, cluster.nginx, "load-cluster")
    learner.get(cluster.nginx, "/")  # shows (and so clears) the welcome message
    visitor = Visitor()
    pages = [
        ("/", visitor),
        ("/topics/", visitor),
        (f"/topics/{TOPIC}/", visitor),
        (f"/questions/{QUESTION}/", visitor),
        ("/search/?q=cache", visitor),
        ("/static/css/primer.css", visitor),
        ("/", learner),
        ("/account/data/", learner),
    ]
    access_log = cluster.nginx_folder / "access.log"
    logged_before = len(access_log.read_text().splitlines())

    through_nginx, nginx_seconds = _load(cluster.nginx, pages)
    direct, direct_seconds = _load(cluster.a, pages)

    assert through_nginx == direct == Counter({200: LOAD_REQUESTS})
    served = Counter(re.findall(r"upstream=(\S+)", "\n".join(access_log.read_text().splitlines()[logged_before:])))
    assert set(served) == {urlsplit(cluster.a).netloc, urlsplit(cluster.b).netloc}
    assert min(served.values()) >= LOAD_REQUESTS // 3, served  # in turn, not all to one
    print(f"{LOAD_REQUESTS} requests: {nginx_seconds:.2f} s through nginx, {direct_seconds:.2f} s to one instance")


# Stopping -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("stop", ["Ctrl-C in its terminal", "SIGTERM to bin/cluster alone"])
def test_ctrl_c_or_sigterm_stops_nginx_and_both_instances(environment, stop):
    running = _start(*environment)
    try:
        assert all(_healthy(base) for base in (running.nginx, running.a, running.b))
        if stop.startswith("Ctrl-C"):
            os.killpg(running.process.pid, signal.SIGINT)  # what a terminal sends its foreground job
        else:
            running.process.terminate()
        assert running.process.wait(timeout=60) == 0, running.log.read_text()[-4000:]
        assert not any(_healthy(base) for base in (running.nginx, running.a, running.b))
        with pytest.raises(ProcessLookupError):
            os.killpg(running.process.pid, 0)  # no worker or nginx process is left in its group
    finally:
        _end(running.process)
