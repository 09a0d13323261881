"""Django's PostgreSQL backend, pointed at the embedded server (started on first connection)."""

from pathlib import Path

from django.db.backends.postgresql import base

from primer.embedded import ensure_database, ensure_server


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        socket_dir = ensure_server(Path(self.settings_dict["HOST"]))
        params["host"] = socket_dir
        params.pop("port", None)
        if params.get("dbname") and params["dbname"] != "postgres":
            _ensure_database_once(socket_dir, params["dbname"], params.get("user", "postgres"))
        return params


_databases_seen: set[tuple[str, str]] = set()


def _ensure_database_once(socket_dir: str, name: str, user: str) -> None:
    if (socket_dir, name) not in _databases_seen:
        # Test databases are created by the test runner itself, through this backend.
        if not name.startswith("test_"):
            ensure_database(socket_dir, name, user)
        _databases_seen.add((socket_dir, name))
