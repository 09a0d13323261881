"""Every main page under load, as ratios of the framework's floor measured in the same run.

gunicorn starts as `make run` starts it (2 sync workers) on a database of its own, `primer_bench`,
on whichever server is configured (DATABASE_URL, or the embedded one), loaded with the real
curriculum and 16 learners who have studied for a while (a medium plan, topics done, cards
reviewed, reports). wrk, a second process on loopback, holds 16 connections open against each
address for a few seconds. The floor is the cheapest response Django gives (`/favicon.ico`, a
redirect through the whole middleware stack, no template, no query); static CSS is whitenoise's
floor. Then the SQL queries each page makes, with the real data and again with ten times more.

BENCH_SECONDS (default 5) sets the length of each run; the database is dropped at the end.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "primer_bench"
CONNECTIONS = 16
LEARNERS = CONNECTIONS  # autosave and submit give each connection a learner of its own
SUBMITS_PER_LEARNER = 60
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ANSWER = (
    "Reads dominate, about 100 to 1, so a cache in front of the database takes most of the load: "
    "Redis, cache-aside, a TTL of an hour, evicting least recently used keys. Writes go to a "
    "PostgreSQL primary with two read replicas; when one node is not enough we shard by a hash "
    "of the key. A load balancer spreads requests over stateless application servers. "
) * 4


@dataclass
class Result:
    label: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    errors: int
    requests: int


# ---------------------------------------------------------------- the load generator


def _wrk() -> str | None:
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("Installing Debian's wrk for the benchmark (once)...", flush=True)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
        subprocess.run(install, env=env, capture_output=True)
    return shutil.which("wrk")


# Summary as one JSON line; `errors` counts failed sockets, timeouts and non-2xx/3xx answers.
REPORT = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests": %d, "micros": %d, "p50": %d, "p95": %d, "errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""

# One connection per wrk thread, so each thread's requests are sequential and it can keep state.
# Thread i takes the i-th argument: "cookie|csrf|attempt ids separated by commas".
PER_THREAD = """
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  local spec = args[id + 1]
  local cookie, csrf, ids = spec:match("([^|]*)|([^|]*)|(.*)")
  attempts = {}
  for value in ids:gmatch("[^,]+") do attempts[#attempts + 1] = value end
  headers = {["Cookie"] = cookie, ["X-CSRFToken"] = csrf,
             ["Content-Type"] = "application/x-www-form-urlencoded", ["HX-Request"] = "true"}
  versions = {0, 0, 0, 0}
  sent = 0
  used = 0
end
"""

AUTOSAVE = (
    PER_THREAD
    + """
local text = ("{text}"):rep(2)
function request()
  sent = sent + 1
  step = sent % 4 + 1
  local body = "text=" .. text .. sent .. "&version=" .. versions[step] .. "&seconds=2"
  return wrk.format("POST", "/attempts/" .. attempts[1] .. "/steps/" .. step .. "/save/", headers, body)
end
function response(status, headers, body)
  if status == 200 then versions[step] = versions[step] + 1 end
end
"""
)

SUBMIT = (
    PER_THREAD
    + """
function request()
  used = used + 1
  if used > #attempts then used = 1; io.write("EXHAUSTED\\n") end
  return wrk.format("POST", "/attempts/" .. attempts[used] .. "/submit/", headers, "")
end
"""
)


def _load(wrk: str, base: str, path: str, label: str, *, cookie: str = "", script: str = "", args=()) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + REPORT)
    threads = CONNECTIONS if args else 2
    command = [wrk, "-t", str(threads), "-c", str(CONNECTIONS), "-d", f"{SECONDS:g}s", "--timeout", "10s"]
    command += ["-s", lua.name] + (["-H", f"Cookie: {cookie}"] if cookie else []) + [base + path]
    if args:
        command += ["--", *args]
    output = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 60).stdout
    Path(lua.name).unlink()
    if "EXHAUSTED" in output:
        print(f"  ({label}: ran out of fresh attempts; later submits repeated earlier ones)")
    found = re.search(r"RESULT (\{.*\})", output)
    if not found:
        raise SystemExit(f"wrk gave no result for {path}:\n{output}")
    data = json.loads(found.group(1))
    seconds = data["micros"] / 1e6
    return Result(
        label, data["requests"] / seconds, data["p50"] / 1000, data["p95"] / 1000, data["errors"], data["requests"]
    )


# ---------------------------------------------------------------- the database and the app


def _server_url() -> str:
    """The configured server's address for DATABASE, starting the embedded one when it is used."""
    configured = os.environ.get("DATABASE_URL", "").strip()
    if configured:
        parts = urlsplit(configured)
        return parts._replace(path="/" + DATABASE).geturl()
    sys.path.insert(0, str(ROOT))
    from primer.embedded import ensure_server

    data = Path(os.environ.get("PRIMER_DATA_DIR", ROOT / ".data"))
    socket_dir = ensure_server(data / "postgres")
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{DATABASE}"


def _recreate(url: str) -> None:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def _drop(url: str) -> None:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _manage(*command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(url: str, cookie: str = "") -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url)  # noqa: S310 - our own 127.0.0.1
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _gunicorn(port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    workers = os.environ.get("WORKERS", "2")
    command = [gunicorn, "primer.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", workers, "--log-level", "warning"]
    server = subprocess.Popen([*command, "--forwarded-allow-ips=127.0.0.1"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _status(f"http://127.0.0.1:{port}/healthz") == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


# ---------------------------------------------------------------- learners who have studied a while


def _seed() -> dict:
    """16 learners a few weeks into a medium plan; returns their cookies, drafts and fresh attempts."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from flashcards import scheduling
    from flashcards.models import Card
    from progress.models import ActivityDay, Mode, Status
    from progress.services import plan as plan_services
    from progress.services import practice, tracking
    from questions.models import Question
    from topics.models import Topic

    rng = random.Random(7)
    topics = list(Topic.objects.published().exclude(parent=None).order_by("pk"))
    questions = [q for q in Question.objects.published().order_by("pk") if q.is_practicable]
    cards = list(Card.objects.order_by("pk")[:200])
    learners = []
    for index in range(LEARNERS):
        user = get_user_model().objects.create_user(f"bench{index}", password=None)
        today = user.learner.today()
        for topic in rng.sample(topics, len(topics) * 2 // 5):
            tracking.progress_set_status(user=user, target=topic, status=Status.DONE, today=today)
        for topic in rng.sample(topics, 6):
            tracking.progress_toggle_bookmark(user=user, target=topic)
        ActivityDay.objects.bulk_create(
            ActivityDay(user=user, day=today - timedelta(days=d), count=rng.randint(0, 9)) for d in range(1, 60)
        )
        plan_services.plan_set_up(user=user, timeline="medium", interview_date=today + timedelta(days=40), today=today)
        now = timezone.now()
        for card in cards[:60]:
            scheduling.review(user=user, learner=user.learner, card=card, rating=rng.choice([2, 3, 3, 4]), now=now,
                              today=today)  # fmt: skip
        reports = []
        for question in questions[:3]:
            attempt = _written(user, question)
            practice.attempt_submit(attempt=attempt, now=timezone.now())
            reports.append(attempt.pk)
        draft = practice.attempt_start(user=user, question=questions[0], mode=Mode.UNTIMED, now=timezone.now())
        fresh = [_written(user, questions[(i % 3) + 3]).pk for i in range(SUBMITS_PER_LEARNER)]
        client = Client()
        client.force_login(user, backend="accounts.backends.LearnerBackend")
        csrf = "".join(rng.choices(string.ascii_letters + string.digits, k=32))
        cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"
        learners.append({"cookie": cookie, "csrf": csrf, "draft": draft.pk, "report": reports[0], "fresh": fresh})
    return {
        "learners": learners,
        "topic": topics[len(topics) // 2].slug,
        "question": questions[0].slug,
    }


def _written(user, question):
    """An attempt with ANSWER in every step, not submitted."""
    from django.utils import timezone

    from progress.models import Mode
    from progress.services import practice

    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    for step in attempt.steps.all():
        practice.attempt_save_step(step=step, text=ANSWER, base_version=0, seconds=60, now=timezone.now())
    return attempt


# ---------------------------------------------------------------- the run


def _pages(seeded: dict, me: dict) -> list[tuple[str, str, bool]]:
    """(label, address, signed in) for every main page; `me` has the learner's draft and report."""
    shared = [
        ("home", "/"),
        ("topics index", "/topics/"),
        ("topic page", f"/topics/{seeded['topic']}/"),
        ("questions index", "/questions/"),
        ("question page", f"/questions/{seeded['question']}/"),
        ("search ?q=cache", "/search/?q=cache"),
        ("reference", "/reference/"),
        ("study guide", "/reference/study-guide/"),
    ]
    mine = [
        ("plan", "/plan/"),
        ("cards", "/cards/"),
        ("card review", "/cards/review/"),
        ("practice editor", f"/attempts/{me['draft']}/"),
        ("report", f"/attempts/{me['report']}/report/"),
    ]
    pages = [(f"{label}, signed out", path, False) for label, path in shared]
    pages += [(f"{label}, signed in" if label != "home" else "dashboard", path, True) for label, path in shared]
    return pages + [(label, path, True) for label, path in mine]


def run() -> None:
    wrk = _wrk()
    if wrk is None:
        print("make bench: wrk is not installed and cannot be here (install it: sudo apt-get install wrk)")
        return
    url = _server_url()
    _recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["AUTOSAVE_MAX_PER_MINUTE"] = "1000000"  # measure saving, not the flood guard
    server = None
    try:
        print(f"make bench: database {DATABASE}, the real curriculum, {LEARNERS} learners...", flush=True)
        _manage("migrate", "--no-input", "-v", "0")
        _manage("load_content", "-v", "0")
        _manage("collectstatic", "--no-input", "-v", "0")
        import django

        django.setup()
        seeded = _seed()
        from django.db import connections

        connections.close_all()
        port = _free_port()
        server = _gunicorn(port)
        base = f"http://127.0.0.1:{port}"
        me = seeded["learners"][0]
        css = next((ROOT / "staticfiles" / "css").glob("primer.*.css"), None)
        floor = [("floor: redirect /favicon.ico", "/favicon.ico"), ("healthz", "/healthz")]
        if css:
            floor.append(("static CSS (whitenoise)", f"/static/css/{css.name}"))
        results = [_load(wrk, base, path, label) for label, path in floor]
        for label, path, signed_in in _pages(seeded, me):
            cookie = me["cookie"] if signed_in else ""
            status = _status(base + path, cookie)
            if status != 200:
                raise SystemExit(f"{label} ({path}) answered {status}, not 200: nothing to measure")
            results.append(_load(wrk, base, path, label, cookie=cookie))
        drafts = [f"{s['cookie']}|{s['csrf']}|{s['draft']}" for s in seeded["learners"]]
        script = AUTOSAVE.replace("{text}", quote(ANSWER[:800], safe=""))
        results.append(_load(wrk, base, "/", "autosave (POST, 1.6 kB)", script=script, args=drafts))
        fresh = [f"{s['cookie']}|{s['csrf']}|{','.join(map(str, s['fresh']))}" for s in seeded["learners"]]
        results.append(_load(wrk, base, "/", "report submit (POST, graded)", script=SUBMIT, args=fresh))
        _table(results)
        server.terminate()
        server.wait(timeout=20)
        server = None
        _queries(seeded)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        from django.db import connections

        connections.close_all()
        _drop(url)


def _table(results: list[Result]) -> None:
    floor = results[0].requests_per_second
    print(f"\n{CONNECTIONS} connections, {SECONDS:g} s each, wrk on loopback, gunicorn with 2 sync workers")
    print(f"{'address':38} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'of floor':>9} {'errors':>7}")
    for result in results:
        share = result.requests_per_second / floor * 100
        print(
            f"{result.label:38} {result.requests_per_second:8,.0f} {result.p50_ms:7.1f} {result.p95_ms:7.1f} "
            f"{share:8.1f}% {result.errors:7d}"
        )
    errors = sum(result.errors for result in results)
    print(f"errors in all: {errors} of {sum(result.requests for result in results):,} requests")


def _queries(seeded: dict) -> None:
    """SQL queries per page, in-process, with the real data and after adding ten times more."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.support.growth import grow_everything

    def count(user, me: dict) -> list[int]:
        visitor, learner = Client(), Client()
        learner.force_login(user, backend="accounts.backends.LearnerBackend")
        counts = []
        for _, path, signed_in in _pages(seeded, me):
            client = learner if signed_in else visitor
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts.append(len(queries.captured_queries))
        return counts

    real = count(get_user_model().objects.get(username="bench0"), seeded["learners"][0])
    grown_user = get_user_model().objects.create_user("bench-grown", password=None)
    grown = count(grown_user, grow_everything(grown_user, 10))  # ten times the curriculum, and their own data
    print("\nSQL queries per page: bench0 on the real data; a learner with grow_everything(scale=10) added")
    for (label, _, _), one, ten in zip(_pages(seeded, {"draft": 0, "report": 0}), real, grown, strict=True):
        flag = "" if one == ten else "  (differs: the grown learner has other rows to show)"
        print(f"{label:38} {one:4d} {ten:4d}{flag}")
