"""The journeys people take, end to end in Chromium, with the keyboard: every link and button
is reached by focus and worked with Enter or Space, never clicked. Each journey ends with no
console error and no CSP violation. (Practising a question, the plan and flashcard review
have their own journeys in progress/tests and flashcards/tests.)"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from primer.publication import Publication
from progress.models import Progress
from progress.services import tracking
from tests.support.browser import PASSWORD, screenshot
from tests.support.curriculum import load_curriculum
from topics.models import Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press(locator, key: str = "Enter") -> None:
    """Work a control the way a keyboard does: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    press(page.get_by_role("button", name="Log in"))
    page.locator(".account-menu summary", has_text=username).wait_for()


def test_a_visitor_reads_searches_goes_back_and_signs_up(page):
    load_curriculum("topics", "questions")
    page.goto("/")
    press(page.locator(".start-cards").get_by_role("link").first)
    page.wait_for_url(re.compile(r"/topics/"))
    press(page.get_by_role("link", name="Caching", exact=True).first)
    page.get_by_role("heading", level=1, name="Caching").wait_for()

    press(page.get_by_role("navigation", name="Main").get_by_role("link", name="Search"))
    page.get_by_label("Search topics and questions").press_sequentially("write-through", delay=30)
    page.wait_for_url(re.compile(r"q=write-through"))
    result = page.locator(".search-results li a").first
    result.wait_for()
    title = result.inner_text()
    press(result)
    page.get_by_role("heading", level=1, name=title).wait_for()
    page.go_back()
    page.locator("header.site-header").wait_for()
    page.locator(".search-results li a").first.wait_for()  # the whole page again, with its results

    press(page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up"))
    page.get_by_label("Username").fill("margaret")
    page.get_by_label("Password", exact=True).fill("apollo guidance 1969")
    page.get_by_label("Password confirmation").fill("apollo guidance 1969")
    page.get_by_label("Password confirmation").press("Enter")
    page.get_by_text("Welcome, margaret. Your account is ready.").wait_for()
    page.problems.assert_none()


def test_an_editor_publishes_a_topic_and_a_learner_reads_it(page, browser, live_server):
    load_curriculum("topics")
    users = get_user_model().objects
    users.create_superuser("editor", "editor@example.com", PASSWORD)
    users.create_user("ada", "ada@example.com", PASSWORD)
    draft = Topic.objects.get(slug="sharding")
    Topic.objects.filter(pk=draft.pk).update(status=Publication.DRAFT)

    sign_in(page, "editor")
    page.goto(f"/admin/topics/topic/{draft.pk}/change/")
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n\nA sentence the editor added today about hot shards.\n")
    page.get_by_label("Status").select_option(Publication.PUBLISHED)
    press(page.get_by_role("button", name="Save", exact=True))
    page.get_by_text("was changed successfully").wait_for()
    page.problems.assert_none()

    reader = browser.new_context(base_url=live_server.url).new_page()
    reader.goto("/accounts/login/")
    reader.get_by_label("Username").fill("ada")
    reader.get_by_label("Password").fill(PASSWORD)
    reader.get_by_label("Password").press("Enter")
    reader.locator(".account-menu summary", has_text="ada").wait_for()
    reader.goto("/topics/")
    press(reader.get_by_role("link", name="Sharding", exact=True).first)
    reader.get_by_text("A sentence the editor added today about hot shards.").wait_for()
    assert reader.locator(".draft-banner, .message-warning", has_text="Draft").count() == 0
    reader.context.close()


def test_a_learner_exports_resets_imports_and_deletes_their_account(page, tmp_path):
    load_curriculum("topics")
    learner = get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)
    today = timezone.localdate()
    for slug in ("sharding", "cache"):
        tracking.progress_set_status(user=learner, target=Topic.objects.get(slug=slug), status="done", today=today)
    sign_in(page, "ada")
    page.goto("/account/data/")

    with page.expect_download() as download:
        press(page.get_by_role("link", name="Download my data"))
    exported = tmp_path / "primer-data.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data  # a JSON document with the learner's records

    press(page.get_by_label("Yes, forget this progress"), " ")
    press(page.get_by_role("button", name="Reset"))
    page.locator(".message-success", has_text="Progress reset").wait_for()
    assert Progress.objects.filter(user=learner, status="done").count() == 0

    page.get_by_label("File").set_input_files(exported)
    press(page.get_by_role("button", name="Import and replace my data"))
    page.locator(".message-success").wait_for()
    assert Progress.objects.filter(user=learner, status="done").count() == 2
    screenshot(page, "account-after-import")

    delete = page.locator("section[aria-labelledby=delete]")
    press(delete.get_by_role("button", name="Delete my account"))
    delete.get_by_text("Enter your password to delete your account.").wait_for()  # beside its field
    # Bad input is answered 400 with the form again, which Chromium logs; that one is expected.
    page.problems.console_errors.remove(
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    )
    delete.get_by_label("Password").fill(PASSWORD)
    press(delete.get_by_role("button", name="Delete my account"))
    page.get_by_text("Your account and everything it owned have been deleted.").wait_for()
    assert not get_user_model().objects.filter(username="ada").exists()
    page.problems.assert_none()
