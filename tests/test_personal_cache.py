"""A learner's dashboard and plan come from the cache until their own data, the curriculum or
the day changes, by whatever route their data changes; cards falling due show at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from flashcards.models import Card, CardState, Deck
from progress.models import Progress, Status
from progress.services import plan as plan_services
from progress.services import tracking

pytestmark = pytest.mark.django_db


def _signed_in(person) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person, backend="accounts.backends.LearnerBackend")
    return client


def _get(client: Client, address: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


@pytest.fixture
def planned(user, catalogue):
    today = user.learner.today()
    plan_services.plan_set_up(user=user, timeline="short", interview_date=today + timedelta(days=10), today=today)
    return user


def test_the_second_dashboard_is_served_from_the_cache(planned):
    client = _signed_in(planned)
    first, rendered = _get(client, "/")
    second, cached = _get(client, "/")
    assert cached < rendered - 5

    def plain(html: str) -> str:  # tokens and nonces aside
        return re.sub(r'(value|nonce)="[^"]+"', "", html)

    assert plain(first) == plain(second)


@pytest.mark.parametrize(
    "change",
    [
        lambda user, topic: tracking.progress_set_status(
            user=user, target=topic, status=Status.DONE, today=user.learner.today()
        ),
        lambda user, topic: Progress.objects.create(user=user, topic=topic, status=Status.DONE),
        lambda user, topic: connection.cursor().execute(
            "INSERT INTO progress_progress (user_id, topic_id, status, bookmarked, note, note_html, updated_at) "
            "VALUES (%s, %s, 'done', false, '', '', now())",
            [user.pk, topic.pk],
        ),
    ],
    ids=["service", "ORM", "raw SQL"],
)
def test_any_write_to_the_learners_data_shows_on_the_next_visit(planned, change):
    from topics.models import Topic

    client = _signed_in(planned)
    before, _ = _get(client, "/")
    topic = Topic.objects.published().exclude(section=None).first()
    change(planned, topic)
    after, _ = _get(client, "/")
    done = re.compile(r"(\d+)/\d+</span>")
    assert sum(map(int, done.findall(after))) == sum(map(int, done.findall(before))) + 1


def test_a_plan_items_tick_moves_the_version_through_its_plan(planned):
    client = _signed_in(planned)
    before = planned.learner.data_version
    item = planned.study_plan.items.filter(topic=None, question=None).first()
    plan_services.plan_item_set_done(item=item, done=True, today=planned.learner.today())
    planned.learner.refresh_from_db()
    assert planned.learner.data_version > before
    assert "is-done" in _get(client, "/plan/")[0]


def test_someone_elses_writes_leave_my_page_in_the_cache(planned, other_user, catalogue):
    client = _signed_in(planned)
    _get(client, "/plan/")
    today = other_user.learner.today()
    plan_services.plan_set_up(user=other_user, timeline="short", interview_date=today + timedelta(days=9), today=today)
    _, cached = _get(client, "/plan/")
    assert cached == 3  # session, user with learner, the curriculum's version: nothing rendered


def test_two_learners_never_see_each_others_dashboard(planned, other_user):
    mine, _ = _get(_signed_in(planned), "/")
    theirs, _ = _get(_signed_in(other_user), "/")
    assert f"Hello, {planned.username}" in mine
    assert f"Hello, {other_user.username}" in theirs
    assert f"Hello, {planned.username}" not in theirs


def test_cards_falling_due_show_without_any_write(planned):
    from flashcards import scheduling

    deck = Deck.objects.create(slug="d", title="Caching deck", order=0)
    card = Card.objects.create(deck=deck, guid="g1", front="F", back="B")
    now = timezone.now()
    scheduling.review(
        user=planned, learner=planned.learner, card=card, rating=3, now=now, today=planned.learner.today()
    )
    CardState.objects.filter(user=planned).update(due=now + timedelta(days=3))

    def cards_due(page: str) -> str:
        return page.split('id="cards-heading"')[1].split("</section>")[0]

    client = _signed_in(planned)
    assert "Caching deck" not in cards_due(_get(client, "/")[0])
    CardState.objects.filter(user=planned).update(due=now - timedelta(minutes=1))  # as if three days passed
    assert "1 due" in cards_due(_get(client, "/")[0])
    assert "1 due" in cards_due(_get(client, "/")[0])  # kept now: nothing falls due before it is reviewed
    scheduling.review(
        user=planned, learner=planned.learner, card=card, rating=3, now=now, today=planned.learner.today()
    )
    assert "Caching deck" not in cards_due(_get(client, "/")[0])  # the review moved the data version on


def test_a_form_on_a_cached_plan_page_still_posts(planned):
    client = _signed_in(planned)
    _get(client, "/plan/")
    page, _ = _get(client, "/plan/")  # from the cache: its CSRF fields were filled for this request
    token = re.search(r'action="/plan/pause/">.*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S)
    assert token
    response = client.post("/plan/pause/", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    assert "paused" in client.get("/plan/").content.decode()


def test_the_progress_controls_follow_the_learners_status(user, make_topic):
    topic = make_topic("caching")
    client = _signed_in(user)

    def current(page: str) -> str:
        found = re.search(r'class="segment is-current"[^>]*>([^<]+)<', page)
        assert found
        return found.group(1)

    assert current(_get(client, "/topics/caching/")[0]) == "Not started"
    assert current(_get(client, "/topics/caching/")[0]) == "Not started"  # the controls from the cache
    Progress.objects.create(user=user, topic=topic, status=Status.IN_PROGRESS)
    assert current(_get(client, "/topics/caching/")[0]) == "In progress"
    Progress.objects.filter(user=user).update(status=Status.DONE)  # a bulk update: no signal, still seen
    assert current(_get(client, "/topics/caching/")[0]) == "Done"


def test_the_topics_index_statuses_follow_the_learner(user, make_topic):
    section = make_topic("storage")
    make_topic("caching", parent=section)
    client = _signed_in(user)
    assert "status-badge" not in _get(client, "/topics/")[0]
    Progress.objects.create(user=user, topic=section.children.get(), status=Status.DONE)
    page = _get(client, "/topics/")[0]
    assert '<span class="status-badge status-done">Done</span>' in page
    assert 'aria-label="1 of 1 topics done"' in page
    Progress.objects.filter(user=user).delete()
    assert "status-badge" not in _get(client, "/topics/")[0]
