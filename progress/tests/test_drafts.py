"""Draft topics and questions: editors preview them (with a banner) and may track them; learners never reach them."""

import pytest
from django.test import Client
from django.urls import reverse

from primer.publication import Publication
from progress.models import Progress, Status

pytestmark = pytest.mark.django_db
BANNER = "<strong>Draft — not published:</strong> only editors see this page until it is published."


@pytest.fixture
def drafts(make_topic, make_question):
    return make_topic("draft-topic", status=Publication.DRAFT), make_question(
        "draft-question", status=Publication.DRAFT
    )


def test_an_editor_sees_a_draft_topic_and_question_with_the_draft_banner(staff_client, drafts):
    topic, question = drafts
    for url in (topic.get_absolute_url(), question.get_absolute_url()):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert BANNER in response.content.decode()


def test_a_published_page_has_no_draft_banner(staff_client, make_topic):
    topic = make_topic("published-topic")
    assert "Draft — not published" not in staff_client.get(topic.get_absolute_url()).content.decode()


def test_learners_and_visitors_get_a_404_for_a_draft(client, user_client, drafts):
    for url in (drafts[0].get_absolute_url(), drafts[1].get_absolute_url()):
        assert client.get(url).status_code == 404
        assert user_client.get(url).status_code == 404


def test_an_editor_can_set_a_status_on_the_draft_they_preview(staff_client, staff_user, drafts):
    topic, question = drafts
    for kind, target in (("topic", topic), ("question", question)):
        response = staff_client.post(
            reverse("progress:status", args=[kind, target.slug]),
            {"status": "in_progress"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
    assert set(Progress.objects.filter(user=staff_user).values_list("status", flat=True)) == {Status.IN_PROGRESS}


def test_a_learner_cannot_track_a_draft(user_client, user, drafts):
    response = user_client.post(reverse("progress:status", args=["topic", "draft-topic"]), {"status": "done"})
    assert response.status_code == 404
    assert not Progress.objects.filter(user=user).exists()


def test_an_editor_may_practise_a_draft_question_and_a_learner_may_not(staff_client, user, drafts):
    _, question = drafts
    url = reverse("progress:practice-start", args=[question.slug])
    assert staff_client.get(url).status_code == 200
    learner = Client()
    learner.force_login(user, backend="accounts.backends.LearnerBackend")
    assert learner.get(url).status_code == 404
