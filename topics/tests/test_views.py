import pytest
from django.urls import reverse

from primer.publication import Publication
from tests.support.growth import grow_tree

pytestmark = pytest.mark.django_db


def test_the_index_shows_the_tree_with_depth_badges(client, curriculum):
    html = client.get(reverse("topics:index")).content.decode()
    assert 'href="/topics/load-balancer/"' in html
    assert '<span class="badge badge-deep_dive">Deep dive</span>' in html
    assert html.index("Foundations") < html.index("Caching") < html.index("Appendix")


def test_the_index_hides_drafts(client, make_topic):
    make_topic("visible")
    make_topic("hidden", status=Publication.DRAFT)
    html = client.get(reverse("topics:index")).content.decode()
    assert "/topics/visible/" in html
    assert "/topics/hidden/" not in html


def test_a_draft_topic_is_not_found(client, make_topic):
    make_topic("secret", status=Publication.DRAFT)
    assert client.get(reverse("topics:detail", args=["secret"])).status_code == 404


def test_the_detail_page_has_breadcrumbs_contents_related_and_neighbours(client, curriculum):
    response = client.get(reverse("topics:detail", args=["cache-aside"]))
    html = response.content.decode()
    assert '<a href="/topics/cache/">Caching</a>' in html
    assert '<a href="/topics/cache-update-strategies/">When to update the cache</a>' in html
    assert 'id="toc-heading"' in html
    assert response.context["previous"].slug == "cache-update-strategies"
    assert response.context["next"].slug == "write-through"
    assert response.context["related"]


def test_only_pages_with_a_diagram_relax_the_style_policy(client, make_topic):
    make_topic("drawn", body="```mermaid\nflowchart LR\n  A --> B\n```\n")
    make_topic("plain", body="Text.")
    drawn = client.get(reverse("topics:detail", args=["drawn"]))
    plain = client.get(reverse("topics:detail", args=["plain"]))
    assert "style-src 'self' 'unsafe-inline'" in drawn["Content-Security-Policy"]
    assert "'unsafe-inline'" not in plain["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in drawn["Content-Security-Policy"]
    assert "mermaid.min.js" in drawn.content.decode()
    assert "mermaid.min.js" not in plain.content.decode()


@pytest.mark.parametrize("scale", [1, 10])
def test_the_index_query_count_does_not_grow_with_the_topics(client, django_assert_max_num_queries, scale):
    grow_tree(10, 10 * scale)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("topics:index"))
    assert response.context["count"] == 10 + 100 * scale


@pytest.mark.parametrize("scale", [1, 10])
def test_the_detail_query_count_does_not_grow_with_the_topics(client, django_assert_max_num_queries, scale):
    grow_tree(10, 10 * scale)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("topics:detail", args=["gen-0-4"]))
    assert response.status_code == 200
    assert len(response.context["related"]) == 3
