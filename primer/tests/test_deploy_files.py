"""No Docker engine runs here, so check that the Dockerfile and compose.yaml agree with the Makefile."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = (ROOT / "Makefile").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = (ROOT / "compose.yaml").read_text()


def make_target(name: str) -> str:
    found = re.search(rf"^{name}:.*?\n((?:\t.*\n|\n)+)", MAKEFILE, re.MULTILINE)
    assert found, f"no {name} target in the Makefile"
    return found.group(1)


def test_the_image_uses_the_projects_python_version():
    version = (ROOT / ".python-version").read_text().strip()
    assert DOCKERFILE.count(f"FROM python:{version}-") == 2  # two stages


def test_the_image_runs_what_make_run_runs():
    run = make_target("run")
    for step in ("manage.py migrate --no-input", "manage.py load_content", "gunicorn primer.wsgi --bind"):
        assert step in run
        assert step in DOCKERFILE
    assert "manage.py collectstatic --no-input" in run
    assert "manage.py collectstatic --no-input" in DOCKERFILE


def test_the_image_installs_the_pinned_requirements_and_runs_as_a_non_root_user():
    assert "pip install -r /tmp/requirements.txt" in DOCKERFILE
    assert re.search(r"^USER primer$", DOCKERFILE, re.MULTILINE)
    assert "DJANGO_ENV=production" in DOCKERFILE


def test_compose_runs_postgres_17_with_a_volume_and_health_checks():
    assert "image: postgres:17" in COMPOSE
    assert "pgdata:/var/lib/postgresql/data" in COMPOSE
    assert "pg_isready" in COMPOSE
    assert "condition: service_healthy" in COMPOSE
    assert "DATABASE_URL: postgres://primer:" in COMPOSE
    assert "/healthz" in COMPOSE


def test_every_requirement_is_pinned():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and line[0] != "#"]
    assert lines
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", line) for line in lines), lines


def test_the_readme_lists_every_environment_variable_the_settings_read():
    settings_source = (ROOT / "primer" / "settings.py").read_text()
    readme = (ROOT / "README.md").read_text()
    names = set(re.findall(r'env\w*\("([A-Z_]+)"', settings_source))
    names |= set(re.findall(r'(?:required|environ\.get)\("([A-Z_]+)"', settings_source))
    names |= set(re.findall(r'environ\["([A-Z_]+)"\]', settings_source))
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert missing == []


def test_the_image_trusts_forwarded_headers_only_from_named_proxies():
    assert "--forwarded-allow-ips=*" not in DOCKERFILE
    assert "--forwarded-allow-ips=${FORWARDED_ALLOW_IPS:-127.0.0.1}" in DOCKERFILE
