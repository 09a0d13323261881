"""The plan page: its form (dates, the timeline group, the too-long warning), pausing, ticking items."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from primer.publication import Publication
from progress.models import PlanItem, Progress, Status, StudyPlan
from progress.services import plan as plan_services
from questions.models import Question
from tests.support.accounts import learner_of
from topics.models import Topic

pytestmark = pytest.mark.django_db
PLAN = reverse("progress:plan")


@pytest.fixture
def today(user):
    return learner_of(user, time_zone="Europe/London").today()


def make_plan(user, today, *, timeline="short", days=None):
    interview = today + timedelta(days=days) if days else None
    return plan_services.plan_set_up(user=user, timeline=timeline, interview_date=interview, today=today)


def input_value(html: str, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, f"no input named {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def as_a_browser_submits(value: str | None) -> str:
    """What <input type="date"> sends back: its value when that is an ISO date, else "" (HTML's
    value sanitisation: 22/12/2026 shows as an empty field and is submitted empty)."""
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else ""


def checked_timeline(html: str) -> str:
    checked = [tag for tag in re.findall(r'<input type="radio" name="timeline"[^>]*>', html) if " checked" in tag]
    assert len(checked) == 1, checked
    value = re.search(r'value="(\w+)"', checked[0])
    assert value
    return value.group(1)


def test_the_edit_form_shows_the_stored_interview_date_in_iso_under_a_british_locale(
    user_client, user, catalogue, today, settings
):
    settings.LANGUAGE_CODE = "en-gb"  # where Django would write 22/12/2026, which <input type=date> cannot show
    make_plan(user, today, days=30)
    html = user_client.get(PLAN).content.decode()
    assert re.search(r'<input type="date" name="interview_date" value="(\d{4}-\d{2}-\d{2})"', html)
    assert input_value(html, "interview_date") == (today + timedelta(days=30)).isoformat()


def test_resubmitting_the_edit_form_with_another_timeline_keeps_the_date(user_client, user, catalogue, today):
    make_plan(user, today, timeline="short", days=30)
    html = user_client.get(PLAN).content.decode()
    shown = as_a_browser_submits(input_value(html, "interview_date"))
    response = user_client.post(PLAN, {"timeline": "medium", "interview_date": shown})
    assert response.status_code == 302
    plan = StudyPlan.objects.get(user=user)
    assert (plan.timeline, plan.interview_date) == ("medium", today + timedelta(days=30))
    assert checked_timeline(user_client.get(PLAN).content.decode()) == "medium"


def test_the_timeline_radios_are_a_fieldset_with_a_legend(user_client, catalogue):
    html = user_client.get(PLAN).content.decode()
    group = re.search(r"<fieldset[^>]*>\s*<legend>Timeline</legend>(.*?)</fieldset>", html, re.S)
    assert group, "the timeline radios are not grouped"
    assert len(re.findall(r'<input type="radio" name="timeline"', group.group(1))) == 3
    assert re.search(r'<label for="id_timeline_2"><input type="radio" name="timeline" value="long"', html)
    assert "6 weeks or more" in group.group(1)


def test_a_long_timeline_three_weeks_out_is_held_back_with_a_warning_and_nothing_typed_is_lost(
    user_client, user, catalogue, today
):
    interview = (today + timedelta(days=21)).isoformat()
    response = user_client.post(PLAN, {"timeline": "long", "interview_date": interview})
    assert response.status_code == 200
    assert not StudyPlan.objects.filter(user=user).exists()
    html = response.content.decode()
    warning = re.search(r'<div class="plan-warning" id="id_timeline_error" role="alert">(.*?)</div>', html, re.S)
    assert warning
    assert (
        "The long timeline is made for 6 weeks or more, and your interview is 21 days away. "
        "The medium timeline (2 to 6 weeks) fits the time you have" in warning.group(1)
    )
    assert 'name="keep_timeline"' in warning.group(1)
    assert 'aria-describedby="id_timeline_error"' in html  # on the fieldset
    assert checked_timeline(html) == "long"
    assert input_value(html, "interview_date") == interview
    assert '<details class="plan-settings" id="plan-settings" open>' in html


def test_keeping_the_long_timeline_makes_the_plan_and_says_how_tight_it_is(user_client, user, catalogue, today):
    interview = today + timedelta(days=21)
    response = user_client.post(
        PLAN, {"timeline": "long", "interview_date": interview.isoformat(), "keep_timeline": "on"}
    )
    assert response.status_code == 302
    plan = StudyPlan.objects.get(user=user)
    assert (plan.timeline, plan.interview_date) == ("long", interview)
    html = user_client.get(PLAN).content.decode()
    items = PlanItem.objects.filter(plan=plan).count()
    per_day = -(-items // 21)
    assert (
        f"A long plan (6 weeks or more) in 21 days:\n        about {per_day} items a day. "
        "The medium timeline is made for 2 to 6 weeks." in html
    )


def test_switching_to_the_timeline_that_fits_needs_no_confirmation(user_client, user, catalogue, today):
    interview = today + timedelta(days=21)
    assert user_client.post(PLAN, {"timeline": "medium", "interview_date": interview.isoformat()}).status_code == 302
    assert "plan-note" not in user_client.get(PLAN).content.decode()


def test_a_medium_timeline_ten_days_out_suggests_the_short_one(user_client, catalogue, today):
    response = user_client.post(
        PLAN, {"timeline": "medium", "interview_date": (today + timedelta(days=10)).isoformat()}
    )
    assert "The short timeline (up to 2 weeks) fits the time you have" in response.content.decode()


def test_the_pause_form_is_not_inside_a_paragraph_and_sits_with_the_other_actions(user_client, user, catalogue, today):
    make_plan(user, today)
    html = user_client.get(PLAN).content.decode()
    actions = re.search(r'<div class="actions plan-actions">(.*?)</div>', html, re.S).group(1)
    assert '<form method="post" action="/plan/pause/">' in actions
    assert 'class="button button-small button-secondary" name="action" value="pause">Pause the plan</button>' in actions
    assert actions.count('class="button button-small button-secondary"') == 3
    assert not re.search(r"<p[^>]*>(?:(?!</p>).)*<form", html, re.S)


def test_ticking_with_htmx_answers_the_item_and_the_pace_out_of_band(user_client, user, catalogue, today):
    plan = make_plan(user, today, days=10)
    item = plan.items.get(key="approach")
    response = user_client.post(
        reverse("progress:plan-item-done", args=[item.pk]),
        {"done": "1", "page": "plan"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="plan-item is-done" id="item-{item.pk}">')
    assert f'aria-label="Mark “{item.label}” as not done">✓</button>' in html
    standing = re.search(r'<div id="plan-standing" aria-live="polite" hx-swap-oob="innerHTML">(.*?)</div>', html, re.S)
    assert standing
    total = plan.items.count()
    assert re.sub(r"\s+", " ", standing.group(1)).strip() == (
        f'<p class="standing ahead"> Ahead by 1 item: 1 done, 0 expected by today, {total} in all.</p>'
    )
    item.refresh_from_db()
    assert item.done_on == today


def test_unticking_a_topic_puts_its_status_back_and_the_pace_back_on_track(user_client, user, catalogue, today):
    plan = make_plan(user, today, days=10)
    item = plan.items.get(key="topic:topic-0-0")
    url = reverse("progress:plan-item-done", args=[item.pk])
    user_client.post(url, {"done": "1", "page": "plan"}, headers={"HX-Request": "true"})
    assert Progress.objects.get(user=user, topic=item.topic).status == Status.DONE
    html = user_client.post(url, {"done": "0", "page": "plan"}, headers={"HX-Request": "true"}).content.decode()
    assert Progress.objects.get(user=user, topic=item.topic).status == Status.NOT_STARTED
    assert "On track:" in html
    assert f'<li class="plan-item" id="item-{item.pk}">' in html


def test_ticking_without_javascript_comes_back_to_the_item_on_the_plan(user_client, user, catalogue, today):
    item = make_plan(user, today).items.get(key="approach")
    response = user_client.post(reverse("progress:plan-item-done", args=[item.pk]), {"done": "1", "page": "plan"})
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}#item-{item.pk}"


def test_ticking_is_post_only_and_only_for_the_owner(user_client, client, other_user, catalogue, today):
    item = make_plan(other_user, today).items.get(key="approach")
    url = reverse("progress:plan-item-done", args=[item.pk])
    assert user_client.get(url).status_code == 405
    assert user_client.post(url, {"done": "1"}, headers={"HX-Request": "true"}).status_code == 404
    item.refresh_from_db()
    assert item.done_on is None


def test_a_plan_item_whose_topic_went_back_to_draft_is_text_for_a_learner(user_client, user, catalogue, today):
    plan = make_plan(user, today)
    Topic.objects.filter(slug="topic-0-0").update(status=Publication.DRAFT)
    html = user_client.get(PLAN).content.decode()
    item = plan.items.get(key="topic:topic-0-0")
    row = re.search(rf'<li class="plan-item" id="item-{item.pk}">(.*?)</li>', html, re.S).group(1)
    assert (
        '<span class="plan-item-label">Topic 0.0</span> <span class="muted">(not published at the moment)</span>' in row
    )
    assert 'href="/topics/topic-0-0/"' not in html
    assert 'href="/topics/topic-1-0/"' in html  # the published ones still link


def test_a_plan_item_whose_question_was_deleted_is_text_not_a_wrong_link(user_client, user, catalogue, today):
    plan = make_plan(user, today)
    item = plan.items.filter(kind="question").first()
    Question.objects.filter(pk=item.question_id).delete()
    html = user_client.get(PLAN).content.decode()
    row = re.search(rf'<li class="plan-item" id="item-{item.pk}">(.*?)</li>', html, re.S).group(1)
    assert "<a " not in row
    assert "(not published at the moment)" in row


def test_an_editor_still_gets_the_link_to_a_draft_in_their_plan(staff_client, staff_user, catalogue):
    today = learner_of(staff_user).today()
    make_plan(staff_user, today)
    Topic.objects.filter(slug="topic-0-0").update(status=Publication.DRAFT)
    assert 'href="/topics/topic-0-0/"' in staff_client.get(PLAN).content.decode()


def test_the_plan_page_makes_the_same_five_queries_with_drafts_and_warnings(user_client, user, catalogue, today):
    make_plan(user, today, timeline="long", days=20)
    Topic.objects.filter(slug="topic-0-0").update(status=Publication.DRAFT)
    user_client.get(PLAN)  # warm
    cache.clear()  # rendered again, not served from the cache (primer/pagecache.py)
    with CaptureQueriesContext(connection) as queries:
        html = user_client.get(PLAN).content.decode()
    # 1. the session 2. the user with their learner 3. the curriculum's version 4. the plan
    # 5. the plan items with their topics and questions
    assert len(queries.captured_queries) == 5
    assert "plan-note" in html
    assert "(not published at the moment)" in html
    with CaptureQueriesContext(connection) as queries:
        assert user_client.get(PLAN).content.decode() != ""
    assert len(queries.captured_queries) == 3  # from the cache: the first three alone
