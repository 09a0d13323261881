"""The dashboard on the home page: ticking Today's items, and what moves when one is ticked."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from primer.publication import Publication
from progress.models import Progress
from progress.services import plan as plan_services
from progress.services import tracking
from tests.support.accounts import learner_of
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(user):
    return learner_of(user, time_zone="Europe/London").today()


@pytest.fixture
def plan(user, catalogue, today):
    return plan_services.plan_set_up(
        user=user, timeline="short", interview_date=today + timedelta(days=10), today=today
    )


def today_card(html: str) -> str:
    card = re.search(r'<section class="card" aria-labelledby="today-heading">(.*?)</section>', html, re.S)
    assert card, "no Today card"
    return card.group(1)


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def test_each_today_item_has_a_tick_form_that_works_without_javascript(user_client, plan, today):
    card = today_card(user_client.get("/").content.decode())
    due = list(plan.items.filter(due_on=today).order_by("position"))
    assert due
    for item in due:
        action = reverse("progress:plan-item-done", args=[item.pk])
        assert f'<form method="post" action="{action}" hx-post="{action}" hx-target="#item-{item.pk}"' in card
        assert f'aria-label="Mark “{item.label}” as done"' in card
    assert card.count('<input type="hidden" name="page" value="dashboard">') == len(due)
    response = user_client.post(
        reverse("progress:plan-item-done", args=[due[0].pk]), {"done": "1", "page": "dashboard"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    due[0].refresh_from_db()
    assert due[0].done_on == today


def test_ticking_a_today_item_with_htmx_moves_the_counts_streak_and_heatmap(user_client, user, plan, today):
    item = plan.items.filter(due_on=today, kind="topic").order_by("position").first()
    total = plan.items.count()
    response = user_client.post(
        reverse("progress:plan-item-done", args=[item.pk]),
        {"done": "1", "page": "dashboard"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="plan-item is-done" id="item-{item.pk}">')
    assert '<input type="hidden" name="page" value="dashboard">' in html
    standing = re.search(
        r'<p class="lead" id="dashboard-standing" aria-live="polite" hx-swap-oob="innerHTML">(.*?)</p>', html, re.S
    )
    assert squash(standing.group(1)) == "<strong>10 days</strong> to your interview. You are ahead by 1 item."
    progress = re.search(
        r'<section class="card" id="dashboard-progress"[^>]*hx-swap-oob="innerHTML">(.*?)</section>', html, re.S
    )
    assert f'<p class="big-number">1 <span>of {total} plan items</span></p>' in progress.group(1)
    assert '<p class="big-number">1 <span>day streak</span></p>' in progress.group(1)
    section = item.topic.section or item.topic
    sections = re.search(
        r'<section class="card wide" id="dashboard-sections"[^>]*hx-swap-oob="innerHTML">(.*?)</section>', html, re.S
    )
    assert sections
    assert f"{section.title}</a>" in sections.group(1)
    assert 'id="dashboard-activity" aria-labelledby="activity-heading" hx-swap-oob="innerHTML"' in html
    assert Progress.objects.get(user=user, topic=item.topic).status == "done"


def test_the_section_bar_in_the_answer_counts_the_ticked_topic(user_client, user, plan, today):
    item = plan.items.get(key="topic:topic-1-0")
    html = user_client.post(
        reverse("progress:plan-item-done", args=[item.pk]),
        {"done": "1", "page": "dashboard"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'aria-label="1 of 3 topics done"' in html


def test_the_plan_page_answer_carries_none_of_the_dashboard_parts(user_client, plan, today):
    item = plan.items.get(key="approach")
    html = user_client.post(
        reverse("progress:plan-item-done", args=[item.pk]),
        {"done": "1", "page": "plan"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "dashboard-" not in html  # an out-of-band part with no target on the page is a console error
    assert 'id="plan-standing"' in html


def test_a_bookmarked_topic_taken_back_to_draft_is_text_on_the_dashboard(user_client, user, plan, today):
    topic = Topic.objects.get(slug="topic-1-1")
    tracking.progress_toggle_bookmark(user=user, target=topic)
    Topic.objects.filter(pk=topic.pk).update(status=Publication.DRAFT)
    html = user_client.get("/").content.decode()
    bookmarks = re.search(r'aria-labelledby="bookmarks-heading">(.*?)</section>', html, re.S).group(1)
    assert '<li>Topic 1.1 <span class="muted">(not published at the moment)</span></li>' in bookmarks
    assert 'href="/topics/topic-1-1/"' not in bookmarks


def test_a_today_item_whose_topic_is_a_draft_is_text_but_still_tickable(user_client, plan, today):
    item = plan.items.filter(due_on=today, kind="topic").order_by("position").first()
    Topic.objects.filter(pk=item.topic_id).update(status=Publication.DRAFT)
    card = today_card(user_client.get("/").content.decode())
    assert (
        f'<span class="plan-item-label">{item.label}</span> <span class="muted">(not published at the moment)</span>'
        in card
    )
    assert f'id="check-{item.pk}"' in card
