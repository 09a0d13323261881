import pytest
from django.urls import reverse

from primer.fulltext import QueryProblem, clean_query
from search.views import search_everything as search
from tests.support.growth import grow_tree
from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_a_title_match_ranks_above_a_summary_match_above_a_body_match(make_topic):
    make_topic("body-hit", title="Queues", summary="About queues.", body="Workers sometimes use a bloom filter.")
    make_topic("title-hit", title="Bloom filter", summary="A set sketch.", body="Bits and hashes.")
    make_topic("summary-hit", title="Sketches", summary="Like a bloom filter, but counting.", body="Counters.")
    assert [result.title for result in search("bloom filter")] == ["Bloom filter", "Sketches", "Queues"]


def test_stemming_matches_other_forms_of_a_word(make_topic):
    make_topic("sharding", title="Sharding", body="Split the rows across several shards.")
    assert [result.title for result in search("sharded")] == ["Sharding"]


def test_snippets_highlight_matches_and_cannot_inject_markup(make_topic):
    make_topic("xss", title="Escaping", body="Never echo `<script>alert(1)</script>` into a page about escaping.")
    Topic.objects.filter(slug="xss").update(body_text='We echo 1 < 2 & "x" > y <script>alert(1)</script> here.')
    snippet = search("echo")[0].snippet
    assert "<mark>echo</mark>" in snippet
    assert "<script" not in snippet
    assert "1 &lt; 2 &amp; &quot;x&quot; &gt; y" in snippet


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ("x", "at least 2 characters"),
        ("?!.;", "punctuation alone"),
        ("a" * 201, "keep it under 200"),
    ],
)
def test_unusable_queries_get_a_clear_message(raw, message):
    with pytest.raises(QueryProblem, match=message):
        clean_query(raw)


def test_operators_and_quotes_in_a_query_are_safe(make_topic):
    make_topic("cache", title="Cache", body="Cache-aside and write-through.")
    assert search('"cache-aside" OR -through & | ! :*')  # websearch syntax never raises


def test_the_page_shows_results_and_the_htmx_request_gets_only_the_results(client, curriculum):
    page = client.get(reverse("search:index"), {"q": "consistent hashing"})
    assert page.status_code == 200
    assert 'href="/topics/consistent-hashing/"' in page.content.decode()
    assert "<form" in page.content.decode()
    fragment = client.get(reverse("search:index"), {"q": "consistent hashing"}, headers={"HX-Request": "true"})
    assert "<form" not in fragment.content.decode()
    assert 'href="/topics/consistent-hashing/"' in fragment.content.decode()


def test_the_page_explains_a_bad_query(client, db):
    assert "punctuation alone" in client.get(reverse("search:index"), {"q": "!!"}).content.decode()


def test_the_page_without_a_query_shows_the_form_only(client, db):
    response = client.get(reverse("search:index"))
    assert response.status_code == 200
    assert response.context["results"] == []
    assert response.context["problem"] == ""


@pytest.mark.parametrize("scale", [1, 10])
def test_search_query_count_does_not_grow_with_the_topics(client, django_assert_max_num_queries, scale):
    grow_tree(10, 10 * scale)
    with django_assert_max_num_queries(3):  # the curriculum's version, topics, questions
        response = client.get(reverse("search:index"), {"q": "sharding"})
    assert len(response.context["results"]) == 30


def test_a_page_and_its_fragment_are_kept_apart_by_caches(client, curriculum):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(reverse("search:index"), {"q": "cache"}, headers=headers)
        assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page_not_the_fragment(client, curriculum):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(reverse("search:index"), {"q": "consistent hashing"}, headers=headers)
    assert "<form" in response.content.decode()
    assert "<header" in response.content.decode()
