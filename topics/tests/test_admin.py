import pytest
from django.urls import reverse

from primer.publication import Publication
from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_the_topic_admin_lists_filters_and_searches(staff_client, curriculum):
    url = reverse("admin:topics_topic_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"status__exact": "published", "depth__exact": "core"}).status_code == 200
    section = Topic.objects.get(slug="cache")
    response = staff_client.get(url, {"section": section.pk})
    assert response.context["cl"].result_count == 14  # the section, its 9 topics and 4 subtopics
    assert staff_client.get(url, {"q": "sharding"}).context["cl"].result_count >= 1


def test_the_change_form_has_the_markdown_editor(staff_client, curriculum):
    topic = Topic.objects.get(slug="sharding")
    html = staff_client.get(reverse("admin:topics_topic_change", args=[topic.pk])).content.decode()
    assert "markdownx" in html
    assert "markdownx.min.js" in html or "markdownx.js" in html


def test_bulk_publish_and_unpublish(staff_client, make_topic):
    first, second = make_topic("one", status=Publication.DRAFT), make_topic("two", status=Publication.DRAFT)
    url = reverse("admin:topics_topic_changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [first.pk, second.pk]})
    assert set(Topic.objects.values_list("status", flat=True)) == {Publication.PUBLISHED}
    assert Topic.objects.get(pk=first.pk).published_at is not None
    staff_client.post(url, {"action": "unpublish", "_selected_action": [first.pk]})
    assert Topic.objects.get(pk=first.pk).status == Publication.DRAFT


def test_saving_in_the_admin_renders_the_body_and_renumbers(staff_client, make_topic):
    parent = make_topic("parent-topic", order=10)
    response = staff_client.post(
        reverse("admin:topics_topic_add"),
        {
            "title": "New child",
            "slug": "new-child",
            "parent": parent.pk,
            "order": 5,
            "depth": "core",
            "status": "published",
            "summary": "A child.",
            "body": "## Hello\n\n<script>x</script>",
            "advantages": "[]",
            "disadvantages": "[]",
            "links": "[]",
            "attribution": "",
            "related_links-TOTAL_FORMS": "0",
            "related_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    child = Topic.objects.get(slug="new-child")
    assert '<h2 id="hello">Hello</h2>' in child.body_html
    assert "<script" not in child.body_html
    assert child.sequence == parent.sequence + 1
