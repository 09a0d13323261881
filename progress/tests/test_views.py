from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from primer.publication import Publication
from progress.models import PlanItem, Progress, Status
from progress.services import plan as plan_services
from tests.support.growth import add_history
from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client, catalogue):
    for name in ("progress:plan", "accounts:data", "progress:plan-print"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_making_a_plan_with_a_past_date_shows_the_message(user_client, catalogue):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = user_client.post(
        reverse("progress:plan"), {"timeline": "short", "interview_date": yesterday.isoformat()}
    )
    assert response.status_code == 200
    assert "The interview date must be in the future" in response.content.decode()


def test_the_status_control_answers_htmx_with_the_controls_only(user_client, user, catalogue):
    url = reverse("progress:status", args=["topic", "topic-0-0"])
    response = user_client.post(url, {"status": "done"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="controls" id="controls"')
    assert 'class="segment is-current"' in html
    assert Progress.objects.get(user=user).status == Status.DONE


def test_the_status_control_works_without_javascript(user_client, catalogue):
    url = reverse("progress:status", args=["topic", "topic-0-0"])
    response = user_client.post(url, {"status": "skipped", "next": "/topics/topic-0-0/"})
    assert response.status_code == 302
    assert response["Location"] == "/topics/topic-0-0/"


def test_a_bad_status_or_target_is_refused(user_client, catalogue):
    assert (
        user_client.post(reverse("progress:status", args=["topic", "topic-0-0"]), {"status": "meh"}).status_code == 400
    )
    assert (
        user_client.post(reverse("progress:status", args=["nope", "topic-0-0"]), {"status": "done"}).status_code == 404
    )
    assert (
        user_client.post(reverse("progress:status", args=["topic", "missing"]), {"status": "done"}).status_code == 404
    )


def test_another_users_plan_item_is_not_found(user_client, other_user, catalogue):
    plan = plan_services.plan_set_up(user=other_user, timeline="short", interview_date=None, today=timezone.localdate())
    item = plan.items.first()
    response = user_client.post(reverse("progress:plan-item-done", args=[item.pk]), {"done": "1"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.done_on is None


def test_the_calendar_feed_is_private_and_revocable(client, user_client, user, catalogue):
    plan_services.plan_set_up(
        user=user, timeline="short", interview_date=timezone.localdate() + timedelta(days=5), today=timezone.localdate()
    )
    token = user.learner.calendar_token
    feed = client.get(reverse("progress:calendar", args=[token]))
    body = feed.content.decode()
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == PlanItem.objects.filter(plan__user=user).count()
    assert client.get(reverse("progress:calendar", args=["guess"])).status_code == 404
    user_client.post(reverse("progress:calendar-reset"))
    assert client.get(reverse("progress:calendar", args=[token])).status_code == 404


def test_the_calendar_feed_names_a_draft_item_without_a_link_to_it(client, user, catalogue):
    today = timezone.localdate()
    plan_services.plan_set_up(user=user, timeline="short", interview_date=today + timedelta(days=5), today=today)
    Topic.objects.filter(slug="topic-0-0").update(status=Publication.DRAFT)
    body = client.get(reverse("progress:calendar", args=[user.learner.calendar_token])).content.decode()
    assert "/topics/topic-1-0/" in body
    assert "/topics/topic-0-0/" not in body
    assert "Topic 0.0" in body  # still on the calendar, by name


def test_deleting_the_account_needs_the_password_and_removes_everything(user_client, user, password, catalogue):
    plan_services.plan_set_up(user=user, timeline="short", interview_date=None, today=timezone.localdate())
    user_client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert get_user_model().objects.filter(pk=user.pk).exists()
    user_client.post(reverse("accounts:delete"), {"password": password})
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not PlanItem.objects.exists()


def test_resetting_needs_confirmation(user_client, user, catalogue):
    user_client.post(reverse("progress:status", args=["topic", "topic-0-0"]), {"status": "done"})
    user_client.post(reverse("progress:reset"), {"section": ""})
    assert Progress.objects.get(user=user).status == Status.DONE
    user_client.post(reverse("progress:reset"), {"section": "", "confirm": "on"})
    assert not Progress.objects.filter(user=user).exists()


def test_the_topics_index_shows_badges_and_section_bars(user_client, user, catalogue):
    user_client.post(reverse("progress:status", args=["topic", "topic-0-0"]), {"status": "done"})
    html = user_client.get(reverse("topics:index")).content.decode()
    assert '<span class="status-badge status-done">Done</span>' in html
    assert 'aria-label="1 of 3 topics done"' in html


@pytest.mark.parametrize("scale", [1, 10])
def test_dashboard_plan_and_index_query_counts_do_not_grow_with_history(
    user_client, user, catalogue, django_assert_max_num_queries, scale
):
    today = timezone.localdate()
    plan_services.plan_set_up(user=user, timeline="long", interview_date=today + timedelta(days=20), today=today)
    add_history(user, 30 * scale, today=today)
    with django_assert_max_num_queries(18):
        assert user_client.get(reverse("home")).status_code == 200
    with django_assert_max_num_queries(12):
        assert user_client.get(reverse("progress:plan")).status_code == 200
    with django_assert_max_num_queries(8):
        assert user_client.get(reverse("topics:index")).status_code == 200
