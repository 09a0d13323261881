from datetime import date, timedelta

import pytest

from progress.models import PlanItem, Progress, Status, StudyPlan
from progress.planning import PlanError
from progress.services import activity, tracking
from progress.services import plan as plan_services
from tests.support.accounts import learner_of
from topics.models import Topic

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def test_a_plan_without_a_date_is_a_sequence(user, catalogue):
    plan = plan_services.plan_set_up(user=user, timeline="short", interview_date=None, today=TODAY)
    items = list(plan.items.all())
    assert [i.kind for i in items[:2]] == ["approach", "topic"]
    assert all(i.due_on is None for i in items)
    assert {i.topic.depth for i in items if i.topic} == {"core"}


def test_a_dated_plan_spreads_items_until_the_day_before(user, catalogue):
    plan = plan_services.plan_set_up(user=user, timeline="long", interview_date=TODAY + timedelta(days=7), today=TODAY)
    dues = [i.due_on for i in plan.items.all()]
    assert min(dues) == TODAY
    assert max(dues) == TODAY + timedelta(days=6)


def test_a_past_date_is_refused_with_a_message(user, catalogue):
    with pytest.raises(PlanError, match="must be in the future"):
        plan_services.plan_set_up(user=user, timeline="short", interview_date=TODAY - timedelta(days=1), today=TODAY)
    assert not StudyPlan.objects.exists()


def test_replanning_keeps_done_items(user, catalogue):
    plan_services.plan_set_up(user=user, timeline="long", interview_date=None, today=TODAY)
    deep = Topic.objects.get(slug="topic-0-2")
    tracking.progress_set_status(user=user, target=deep, status=Status.DONE, today=TODAY)
    plan = plan_services.plan_set_up(user=user, timeline="short", interview_date=TODAY + timedelta(days=5), today=TODAY)
    done = plan.items.get(key="topic:topic-0-2")  # not in a short plan, kept because it is done
    assert done.done_on == TODAY


def test_marking_a_topic_done_ticks_its_plan_item_and_counts_as_activity(user, catalogue):
    plan = plan_services.plan_set_up(user=user, timeline="short", interview_date=None, today=TODAY)
    topic = Topic.objects.get(slug="topic-1-0")
    tracking.progress_set_status(user=user, target=topic, status=Status.DONE, today=TODAY)
    assert plan.items.get(key="topic:topic-1-0").done_on == TODAY
    tracking.progress_set_status(user=user, target=topic, status=Status.IN_PROGRESS, today=TODAY)
    assert plan.items.get(key="topic:topic-1-0").done_on is None
    assert user.activity.get(day=TODAY).count == 3  # plan set up, done, in progress


def test_overdue_items_roll_forward_when_the_plan_is_read_and_nothing_is_saved(user, catalogue):
    plan = plan_services.plan_set_up(user=user, timeline="long", interview_date=TODAY + timedelta(days=10), today=TODAY)
    later = TODAY + timedelta(days=4)
    stored = list(plan.items.values_list("due_on", flat=True))
    current = plan.current_items(later)
    assert not [row for row in current if not row.done_on and row.due_on < later]
    assert min(row.due_on for row in current) == later
    assert list(plan.items.values_list("due_on", flat=True)) == stored  # a read writes nothing


def test_pausing_freezes_and_resuming_shifts_the_dates(user, catalogue):
    plan = plan_services.plan_set_up(user=user, timeline="long", interview_date=TODAY + timedelta(days=20), today=TODAY)
    plan.pause(TODAY + timedelta(days=1))
    stored = [row.due_on for row in plan.items.order_by("position")]
    assert [row.due_on for row in plan.current_items(TODAY + timedelta(days=5))] == stored  # frozen while paused
    plan_services.plan_resume(plan=plan, today=TODAY + timedelta(days=5))
    assert min(i.due_on for i in plan.items.filter(done_on__isnull=True)) == TODAY + timedelta(days=5)
    plan.refresh_from_db()
    assert not plan.is_paused


def test_a_note_is_rendered_and_sanitised(user, catalogue):
    topic = Topic.objects.get(slug="topic-0-0")
    progress = tracking.progress_save_note(user=user, target=topic, note="**mine** <script>x()</script>", today=TODAY)
    assert "<strong>mine</strong>" in progress.note_html
    assert "<script" not in progress.note_html


def test_resetting_a_section_forgets_only_its_statuses(user, catalogue):
    for slug in ("topic-0-0", "topic-1-0"):
        tracking.progress_set_status(user=user, target=Topic.objects.get(slug=slug), status=Status.DONE, today=TODAY)
    tracking.progress_reset(user=user, section=Topic.objects.get(slug="section-0"))
    statuses = dict(Progress.objects.values_list("topic__slug", "status"))
    assert statuses == {"topic-0-0": Status.NOT_STARTED, "topic-1-0": Status.DONE}


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ({TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=2)}, TODAY, 3),
        ({TODAY - timedelta(days=1), TODAY - timedelta(days=2)}, TODAY, 2),  # today not yet active
        ({TODAY - timedelta(days=2)}, TODAY, 0),  # a missed day breaks it
        (set(), TODAY, 0),
    ],
)
def test_the_streak_counts_consecutive_days(days, today, expected):
    assert activity.streak(days, today) == expected


def test_activity_lands_on_the_learners_own_day_across_time_zones(user, user_client, catalogue):
    from datetime import UTC, datetime
    from unittest import mock

    from django.urls import reverse

    from progress.models import ActivityDay

    # 23:30 UTC on the 22nd is already the 23rd in Tokyo and still the 22nd in Los Angeles.
    instant = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    learner = learner_of(user, time_zone="Asia/Tokyo")
    url = reverse("progress:status", args=["topic", "topic-0-0"])
    with mock.patch("django.utils.timezone.now", return_value=instant):
        user_client.post(url, {"status": "done"})
        learner.time_zone = "America/Los_Angeles"
        learner.save()
        user_client.post(url, {"status": "in_progress"})
    assert dict(ActivityDay.objects.values_list("day", "count")) == {date(2026, 11, 23): 1, date(2026, 11, 22): 1}
    # The next morning in Los Angeles the streak counts both days.
    assert activity.streak({date(2026, 11, 22), date(2026, 11, 23)}, date(2026, 11, 23)) == 2


def test_plan_items_belong_to_their_plan(user, other_user, catalogue):
    plan_services.plan_set_up(user=user, timeline="short", interview_date=None, today=TODAY)
    plan_services.plan_set_up(user=other_user, timeline="short", interview_date=None, today=TODAY)
    assert PlanItem.objects.filter(plan__user=user).count() == PlanItem.objects.filter(plan__user=other_user).count()
