"""Fixtures shared by every app's tests (helpers they import live in tests/support/)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from primer.publication import Publication
from questions.models import Kind, Question, SampleSolution, SolutionStep
from tests.support.browser import ARTIFACTS, PASSWORD, PageProblems
from tests.support.curriculum import load_curriculum
from tests.support.rubric import add_checkpoint, add_estimate
from topics.models import Depth, Topic, renumber


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
    client.force_login(user, backend="accounts.backends.LearnerBackend")
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user, backend="accounts.backends.LearnerBackend")
    return client


@pytest.fixture
def curriculum(db):
    """The real curriculum from content/topics/ (parsed once per test process)."""
    load_curriculum("topics")
    return Topic.objects.all()


@pytest.fixture
def question_bank(db):
    """The real curriculum and question bank from content/ (parsed once per test process)."""
    load_curriculum("topics", "questions")
    return Question.objects.all()


@pytest.fixture
def make_topic(db):
    def make(slug: str, *, parent: Topic | None = None, order: int = 0, **fields) -> Topic:
        fields.setdefault("title", slug.replace("-", " ").capitalize())
        fields.setdefault("summary", f"What {slug} is.")
        fields.setdefault("status", Publication.PUBLISHED)
        fields.setdefault("depth", Depth.CORE)
        topic = Topic.objects.create(slug=slug, parent=parent, order=order, **fields)
        renumber()
        topic.refresh_from_db()
        return topic

    return make


@pytest.fixture
def make_question(db):
    def make(slug: str, *, kind: str = Kind.SYSTEM_DESIGN, steps: dict | None = None, **fields) -> Question:
        fields.setdefault("title", slug.replace("-", " ").capitalize())
        fields.setdefault("summary", f"Design {slug}.")
        fields.setdefault("status", Publication.PUBLISHED)
        question = Question.objects.create(slug=slug, kind=kind, prompt="Design it.", **fields)
        solution = SampleSolution.objects.create(question=question, is_primary=True)
        for number, body in (steps or {1: "Use cases.", 2: "Boxes.", 3: "APIs.", 4: "Scale."}).items():
            SolutionStep.objects.create(solution=solution, step=number, body=body)
        add_checkpoint(question)
        add_estimate(question, name="Requests")
        return question

    return make


@pytest.fixture
def catalogue(db):
    """A small published curriculum: 2 sections of 3 topics, and three questions of each kind."""
    for s in range(2):
        section = Topic.objects.create(
            slug=f"section-{s}", title=f"Section {s}", summary="s", status=Publication.PUBLISHED, order=s
        )
        for t in range(3):
            Topic.objects.create(
                slug=f"topic-{s}-{t}", title=f"Topic {s}.{t}", summary="t", parent=section, order=t,
                status=Publication.PUBLISHED, depth=(Depth.CORE, Depth.DEEPER, Depth.DEEP_DIVE)[t],
            )  # fmt: skip
    renumber()
    for kind in Kind.values:
        for i in range(3):
            Question.objects.create(
                slug=f"{kind}-{i}", title=f"{kind} {i}", kind=kind, summary="q", status=Publication.PUBLISHED, order=i
            )
    return Topic.objects.all()


@pytest.fixture(autouse=True)
def _reset_axes(db) -> None:
    from axes.utils import reset

    reset()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Rate-limit windows (sign-ups, resets, autosaves) start empty in every test."""
    from django.core.cache import cache

    cache.clear()


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
