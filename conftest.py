"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"
PASSWORD = "a-long-test-passphrase-42"


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)


@pytest.fixture
def other_user(db):
    return get_user_model().objects.create_user("grace", "grace@example.com", PASSWORD)


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


@pytest.fixture
def user_client(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture(autouse=True)
def _reset_axes(db) -> None:
    from axes.utils import reset

    reset()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Rate-limit windows (sign-ups, resets, autosaves) start empty in every test."""
    from django.core.cache import cache

    cache.clear()


def script_nonces(html: str) -> list[str | None]:
    """The nonce of every <script> tag in a page (None where a tag has none)."""
    tags = re.findall(r"<script\b[^>]*>", html)
    return [m.group(1) if (m := re.search(r'nonce="([^"]+)"', tag)) else None for tag in tags]


# Browser tests ------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium or set CHROMIUM")
    # Playwright's sync API runs an event loop in this thread; the live server's database
    # calls happen in its own thread, and the test's own ORM calls are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen by a page."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.csp_violations: list[str] = []

    def assert_none(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.csp_violations == [], self.csp_violations


@pytest.fixture
def page(browser, live_server, request) -> Iterator:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = PageProblems()

    def on_console(message) -> None:
        if message.type == "error":
            target = problems.csp_violations if "Content Security Policy" in message.text else problems.console_errors
            target.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.console_errors.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.problems = problems
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"FAILED-{request.node.name}.png", full_page=True)
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def pytest_configure(config) -> None:
    from django.conf import settings

    # WhiteNoise warns when the collected-static folder is missing; tests serve through finders.
    Path(settings.STATIC_ROOT).mkdir(exist_ok=True)
