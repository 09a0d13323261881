"""Helpers for the browser tests (the fixtures that use them are in the root conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "a-long-test-passphrase-42"


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen by a page."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.csp_violations: list[str] = []

    def assert_none(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.csp_violations == [], self.csp_violations


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def script_nonces(html: str) -> list[str | None]:
    """The nonce of every <script> tag in a page (None where a tag has none)."""
    tags = re.findall(r"<script\b[^>]*>", html)
    return [m.group(1) if (m := re.search(r'nonce="([^"]+)"', tag)) else None for tag in tags]
