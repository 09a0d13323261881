import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from curation.models import Version
from primer.publication import Publication
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, db):
    editor = get_user_model().objects.create_user("eddie", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor, backend="accounts.backends.LearnerBackend")
    return client


@pytest.fixture
def topic(db):
    return Topic.objects.create(
        slug="caching",
        title="Caching",
        summary="Keep answers close.",
        body="Version one.",
        status=Publication.PUBLISHED,
    )


def test_editors_curate_content_but_not_users_or_learners_data(editor_client, topic):
    assert editor_client.get(reverse("admin:topics_topic_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:questions_question_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:flashcards_card_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    for private in ("Attempt", "Progress", "Review", "Users"):
        assert f">{private}" not in index


def test_the_editors_group_has_only_content_permissions(db):
    labels = {p.content_type.app_label for p in Group.objects.get(name="Editors").permissions.all()}
    assert labels == {"topics", "questions", "flashcards", "curation"}
    models = {p.content_type.model for p in Group.objects.get(name="Editors").permissions.all()}
    assert {"topic", "question", "card", "deck", "checkpoint", "version"} <= models
    assert not models & {"user", "group", "learner", "progress", "attempt", "cardstate", "review", "studyplan"}


def test_every_save_keeps_the_previous_version_with_who_and_how(editor_client, topic):
    url = reverse("admin:topics_topic_change", args=[topic.pk])
    form = {
        "title": "Caching", "slug": "caching", "order": 0, "depth": "core", "status": "published",
        "summary": "Keep answers close.", "body": "Version two.", "advantages": "[]", "disadvantages": "[]",
        "links": "[]", "attribution": "", "related_links-TOTAL_FORMS": "0", "related_links-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert editor_client.post(url, form).status_code == 302
    version = Version.objects.get(object_id=topic.pk)
    assert version.data["body"] == "Version one."
    assert version.user.username == "eddie"
    assert version.via == "admin"


def test_the_versions_page_shows_a_diff_and_restores(editor_client, topic):
    topic.body = "Version two."
    topic.save()
    url = reverse("admin:topics_topic_versions", args=[topic.pk])
    page = editor_client.get(url).content.decode()
    assert '<span class="diff-del">-Version one.</span>' in page
    assert '<span class="diff-add">+Version two.</span>' in page
    version = Version.objects.get(object_id=topic.pk)
    editor_client.post(url, {"version": version.pk})
    topic.refresh_from_db()
    assert topic.body == "Version one."
    assert "Version one." in topic.body_html
    assert Version.objects.filter(object_id=topic.pk, via="restore", data__body="Version two.").exists()
