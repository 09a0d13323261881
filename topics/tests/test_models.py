import pytest

from tests.support.html import unsafe_markup
from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_saving_renders_sanitises_and_indexes_the_body(make_topic):
    topic = make_topic(
        "xss",
        body="## Safe\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
    )
    assert "<script" not in topic.body_html
    assert unsafe_markup(topic.body_html) == []
    assert "onerror" not in topic.body_html
    assert topic.toc[0]["id"] == "safe"
    assert "script>" not in topic.body_text  # the refused link stays as literal text


def test_a_mermaid_block_marks_the_topic_as_having_a_diagram(make_topic):
    assert make_topic("diagram", body="```mermaid\nflowchart LR\n  A --> B\n```\n").has_diagram
    assert not make_topic("plain", body="Just text.").has_diagram


def test_curriculum_order_is_depth_first_by_order(make_topic):
    second = make_topic("second", order=20)
    first = make_topic("first", order=10)
    make_topic("first-b", parent=first, order=20)
    make_topic("first-a", parent=first, order=10)
    make_topic("second-a", parent=second, order=10)
    assert list(Topic.objects.in_curriculum_order().values_list("slug", flat=True)) == [
        "first", "first-a", "first-b", "second", "second-a",
    ]  # fmt: skip
    assert Topic.objects.get(slug="first-a").section.slug == "first"
    assert Topic.objects.get(slug="first-a").level == 1


def test_publishing_stamps_the_published_date(make_topic):
    assert make_topic("now", status="published").published_at is not None
    assert make_topic("later", status="draft").published_at is None
