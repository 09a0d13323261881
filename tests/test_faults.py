"""The app survives its database going away: gunicorn (as `make run` starts it) on a PostgreSQL
of its own, which the test stops (and starts again) while requests keep coming. A server named
by DATABASE_URL is someone else's to restart: pages answer 503 meanwhile. The embedded server
is the app's own: the next connection starts it again."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from tests.support.served import free_port, postgres, until

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own http://127.0.0.1 address
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _serve(tmp_path, *, external: bool):
    """gunicorn on a fresh PostgreSQL under tmp_path: named by DATABASE_URL, or as the embedded one."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(PRIMER_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="primer.settings", CONN_MAX_AGE="60")
    pgdata = tmp_path / "postgres"
    postgres(pgdata, "start")
    if external:
        with psycopg.connect(host=str(pgdata), dbname="postgres", user="postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE primer")
        env["DATABASE_URL"] = f"postgres://postgres@{quote(str(pgdata), safe='')}/primer"
    gunicorn = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
        port = free_port()
        gunicorn = subprocess.Popen(
            [GUNICORN, "primer.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        assert until(lambda: _reachable(base)), "gunicorn did not start"
        yield base, pgdata
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=10)
        postgres(pgdata, "stop")


@pytest.fixture
def app_on_a_server_it_does_not_manage(tmp_path):
    yield from _serve(tmp_path, external=True)


@pytest.fixture
def app_on_its_embedded_server(tmp_path):
    yield from _serve(tmp_path, external=False)


def _reachable(base: str) -> bool:
    try:
        _get(base + "/healthz")
    except OSError:
        return False
    return True


def test_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(app_on_a_server_it_does_not_manage):
    base, pgdata = app_on_a_server_it_does_not_manage
    assert _get(base + "/healthz")[0] == 200
    assert _get(base + "/topics/")[0] == 200

    postgres(pgdata, "stop")
    status, headers, body = _get(base + "/healthz")
    assert (status, body) == (503, '{"db": "unavailable"}')  # no socket path for whoever asks
    assert headers.get("Retry-After") == "10"
    status, headers, body = _get(base + "/topics/")
    assert status == 503
    assert headers.get("Retry-After") == "10"
    assert "briefly unavailable" in body

    postgres(pgdata, "start")  # the database comes back
    assert until(lambda: _get(base + "/healthz")[0] == 200), "the app did not reconnect by itself"
    assert _get(base + "/topics/")[0] == 200


def test_the_embedded_server_is_started_again_when_it_stops_under_the_app(app_on_its_embedded_server):
    base, pgdata = app_on_its_embedded_server
    assert _get(base + "/topics/")[0] == 200
    postgres(pgdata, "stop")
    assert not list(pgdata.glob(".s.PGSQL.*"))
    assert until(lambda: _get(base + "/topics/")[0] == 200, seconds=60), "the embedded server was not started again"
    assert _get(base + "/healthz")[0] == 200
