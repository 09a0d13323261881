"""The optional shared cache: REDIS_URL switches every process to one Redis."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_redis_url_gives_a_working_shared_cache():
    code = (
        "from django.core.cache import cache, caches; cache.set('primer-test', 42, 5); "
        "print(type(caches['default']).__name__, cache.get('primer-test'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env={"REDIS_URL": "redis://127.0.0.1:6379/15", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "RedisCache 42", result.stderr
