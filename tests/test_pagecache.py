"""A visitor's page comes from the cache until the curriculum changes, by whatever route it changes."""

from __future__ import annotations

import os
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from curation.history import CURATED
from topics.models import Topic

pytestmark = pytest.mark.django_db
STAMP_ONLY = ["SELECT value FROM primer_content_stamp"]


def _nonce(response) -> str:
    found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert found
    return found.group(1)


def _queries(client, address: str, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, headers=headers)
    return response, [q["sql"] for q in queries.captured_queries]


def _saved_with_title(topic: Topic, title: str) -> None:
    topic.title = title
    topic.save()


@pytest.fixture
def topic(make_topic):
    return make_topic("caching", body="## Why\n\nA cache keeps **hot** rows near the reader.")


def test_the_second_visit_is_one_query_with_a_fresh_nonce_in_page_and_header(client, topic):
    first, queries = _queries(client, "/topics/caching/")
    assert len(queries) > 1
    assert queries[0] == STAMP_ONLY[0]
    second, queries = _queries(client, "/topics/caching/")
    assert queries == STAMP_ONLY
    assert second.status_code == 200
    assert "<strong>hot</strong>" in second.content.decode()
    one, two = _nonce(first), _nonce(second)
    assert one != two
    assert f'nonce="{two}"' in second.content.decode()
    assert one not in second.content.decode()
    assert second.content.decode().replace(two, "N") == first.content.decode().replace(one, "N")


@pytest.mark.parametrize(
    "change",
    [
        lambda topic: _saved_with_title(topic, "Caches, revised"),
        lambda topic: Topic.objects.filter(pk=topic.pk).update(title="Caches, revised"),  # no signals
        lambda topic: connection.cursor().execute(
            "UPDATE topics_topic SET title = 'Caches, revised' WHERE id = %s", [topic.pk]
        ),
    ],
    ids=["save", "bulk update", "raw SQL"],
)
def test_any_write_to_the_curriculum_shows_on_the_next_visit(client, topic, change):
    assert "Caches, revised" not in client.get("/topics/caching/").content.decode()
    change(topic)
    assert "Caches, revised" in client.get("/topics/caching/").content.decode()


def test_a_link_between_question_and_topic_is_content_too(client, topic, make_question):
    question = make_question("url-shortener")
    assert "Url shortener" not in client.get("/topics/caching/").content.decode()
    question.topics.add(topic)  # the many-to-many table
    assert "Url shortener" in client.get("/topics/caching/").content.decode()


def test_every_curated_table_moves_the_version_on():
    tables = {model._meta.db_table for model in CURATED}
    tables |= {f.remote_field.through._meta.db_table for model in CURATED for f in model._meta.local_many_to_many}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'primer_content_stamp'")
        watched = {row[0] for row in cursor.fetchall()}
    assert tables <= watched
    assert not {"progress_attempt", "flashcards_cardstate", "auth_user"} & watched  # a learner's writes do not


def test_a_learners_write_does_not_throw_the_cache_away(client, user, topic):
    from progress.models import Status
    from progress.services import tracking

    client.get("/topics/caching/")
    tracking.progress_set_status(user=user, target=topic, status=Status.DONE, today=user.learner.today())
    assert _queries(client, "/topics/caching/")[1] == STAMP_ONLY


def test_etag_answers_304_until_the_page_changes(client, topic):
    etag = client.get("/topics/caching/")["ETag"]
    again = client.get("/topics/caching/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert "Content-Security-Policy" not in again  # the browser's copy keeps its own policy and nonce
    topic.title = "Caches, revised"
    topic.save()
    changed = client.get("/topics/caching/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_fragment_and_the_page_are_kept_apart(client, curriculum):
    page = client.get("/search/", {"q": "cache"}).content.decode()
    fragment = client.get("/search/", {"q": "cache"}, headers={"HX-Request": "true"}).content.decode()
    assert "<header" in page
    assert "<header" not in fragment
    assert "<header" in client.get("/search/", {"q": "cache"}).content.decode()


def test_a_learner_gets_the_stored_page_with_their_own_parts_an_editor_a_fresh_one(user, staff_user, topic):
    Client().get("/topics/caching/")  # stored by a visitor
    learner = Client()
    learner.force_login(user, backend="accounts.backends.LearnerBackend")
    page, queries = _queries(learner, "/topics/caching/")
    assert len(queries) == 4  # session, user with learner, version, their progress (for their controls)
    page, queries = _queries(learner, "/topics/caching/")
    assert len(queries) == 3  # the page and their controls both stored now
    assert f"<summary>{user.username}</summary>" in page.content.decode()
    assert 'class="status-form"' in page.content.decode()
    editor = Client()
    editor.force_login(staff_user, backend="accounts.backends.LearnerBackend")
    page, queries = _queries(editor, "/topics/caching/")
    assert len(queries) > 3  # rendered for them: an editor may see drafts
    assert f"<summary>{staff_user.username}</summary>" in page.content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_page_rendered_for_them(client, topic):
    client.get("/topics/caching/")
    client.cookies["messages"] = "anything"
    assert len(_queries(client, "/topics/caching/")[1]) > 1


def test_a_draft_seen_by_an_editor_never_reaches_a_visitor(staff_client, make_topic):
    make_topic("draft-topic", status="draft")
    assert staff_client.get("/topics/draft-topic/").status_code == 200
    assert Client().get("/topics/draft-topic/").status_code == 404


def test_a_deploy_changes_every_key(settings):
    """A template edited (or any .py or .html file) gives another code version: no old page survives it."""
    from primer.pagecache import code_stamp

    template = settings.BASE_DIR / "templates" / "_account.html"
    before = template.stat()
    code_stamp.cache_clear()
    old = code_stamp()
    try:
        os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        code_stamp.cache_clear()
        assert code_stamp() != old
    finally:
        os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
        code_stamp.cache_clear()
    assert code_stamp() == old
