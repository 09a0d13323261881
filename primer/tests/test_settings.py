"""Settings read from the environment, checked in fresh interpreters (no pytest loaded)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 64 + "-production-secret-for-the-deploy-check",
    "ALLOWED_HOSTS": "primer.example.com",
    "DATABASE_URL": "postgres://primer:secret@db.example.com:5432/primer",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ENV", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def python_setting(expression: str, **env: str) -> subprocess.CompletedProcess:
    return run_manage("shell", "--no-imports", "-c", f"from django.conf import settings; print({expression})", **env)


@pytest.fixture
def reachable_database_url(db) -> str:
    """A DATABASE_URL that answers: model checks of a GeneratedField ask the server its version."""
    from django.db import connection

    params = connection.get_connection_params()
    host = quote(params["host"], safe="") if params["host"].startswith("/") else params["host"]
    password = f":{quote(params['password'])}" if params.get("password") else ""
    return f"postgres://{params['user']}{password}@{host}:{params.get('port') or 5432}/{params['dbname']}"


def test_check_deploy_is_clean_in_production(reachable_database_url):
    env = dict(PRODUCTION, DATABASE_URL=reachable_database_url)
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_hashes_passwords_with_argon2_first():
    result = python_setting("settings.PASSWORD_HASHERS[0]", **PRODUCTION)
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher", result.stderr


def test_a_bad_debug_value_stops_start_up_naming_the_variable():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_a_bad_database_url_stops_start_up_naming_the_variable():
    result = run_manage("check", DATABASE_URL="mysql://root@localhost/primer")
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_production_requires_a_secret_key():
    env = dict(PRODUCTION, SECRET_KEY="")
    result = run_manage("check", **env)
    assert "SECRET_KEY must be set when DJANGO_ENV=production" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", **dict(PRODUCTION, DEBUG="true"))
    assert "DEBUG must be false when DJANGO_ENV=production" in result.stderr
