import pytest
from django.urls import reverse

from questions.models import Erratum, Kind
from tests.support.growth import grow_questions

pytestmark = pytest.mark.django_db


def test_the_list_groups_questions_by_kind_and_filters(client, question_bank):
    html = client.get(reverse("questions:index")).content.decode()
    assert 'href="/questions/pastebin/"' in html
    assert 'href="/questions/lru-cache/"' in html
    filtered = client.get(reverse("questions:index"), {"kind": "object_oriented"})
    assert all(q.kind == Kind.OBJECT_ORIENTED for _, _, items in filtered.context["groups"] for q in items)
    by_topic = client.get(reverse("questions:index"), {"topic": "sharding"})
    slugs = {q.slug for _, _, items in by_topic.context["groups"] for q in items}
    assert slugs
    assert all(question_bank.get(slug=slug).topics.filter(slug="sharding").exists() for slug in slugs)
    hard = client.get(reverse("questions:index"), {"difficulty": "hard"})
    assert all(q.difficulty == "hard" for _, _, items in hard.context["groups"] for q in items)


def test_a_bad_filter_value_shows_everything_with_the_form(client, question_bank):
    response = client.get(reverse("questions:index"), {"kind": "nonsense"})
    assert response.status_code == 200
    assert response.context["count"] == question_bank.published().count()


def test_the_detail_hides_the_sample_behind_a_control(client, question_bank):
    html = client.get(reverse("questions:detail", args=["pastebin"])).content.decode()
    assert '<details class="solution" id="solution">' in html
    assert "Show sample solution" in html
    assert html.index("Show sample solution") < html.index('id="step-1"')


def test_mermaid_loads_only_when_the_sample_is_opened(client, question_bank):
    html = client.get(reverse("questions:detail", args=["pastebin"])).content.decode()
    assert 'data-mermaid="/static/vendor/mermaid/mermaid.min.js"' in html  # diagrams.js fetches it when shown
    assert '<script src="/static/vendor/mermaid' not in html


def test_a_question_without_diagrams_loads_no_diagram_script(client, make_question):
    make_question("no-diagram")
    html = client.get(reverse("questions:detail", args=["no-diagram"])).content.decode()
    assert "diagrams.js" not in html
    assert "mermaid" not in html


def test_an_object_oriented_sample_is_headed_with_the_object_oriented_steps(client, question_bank):
    html = client.get(reverse("questions:detail", args=["parking-lot"])).content.decode()
    assert '<h2 id="step-2">Step 2: Core objects and their relations</h2>' in html
    assert '<h2 id="step-4">Step 4: Concurrency and extensions</h2>' in html
    assert "High-level design" not in html
    assert "Scaling and extensions" not in html


def test_a_chosen_sample_opens_where_it_was_chosen(client, question_bank):
    solution = question_bank.get(slug="pastebin").solutions.first()
    html = client.get(reverse("questions:detail", args=["pastebin"]), {"solution": solution.pk}).content.decode()
    assert '<details class="solution" id="solution" open>' in html


def test_errata_are_shown_beside_their_step(client, question_bank):
    question = question_bank.get(slug="pastebin")
    Erratum.objects.create(question=question, step=3, text="The **base62** length is off by one.")
    html = client.get(reverse("questions:detail", args=["pastebin"])).content.decode()
    assert "<strong>base62</strong>" in html
    assert html.index('id="step-3"') < html.index("base62") < html.index('id="step-4"')


def test_object_oriented_code_is_highlighted(client, question_bank):
    html = client.get(reverse("questions:detail", args=["lru-cache"])).content.decode()
    assert 'id="code"' in html
    assert '<div class="highlight">' in html


def test_additional_questions_point_at_their_full_version(client, question_bank):
    html = client.get(reverse("questions:detail", args=["add-tinyurl"])).content.decode()
    assert 'href="/questions/pastebin/"' in html


def test_a_topic_lists_the_questions_that_practise_it(client, question_bank):
    html = client.get(reverse("topics:detail", args=["sharding"])).content.decode()
    assert "Practise it" in html


def test_search_finds_questions_too(client, question_bank):
    response = client.get(reverse("search:index"), {"q": "pastebin"})
    assert any(
        result.kind == "Question" and result.url == "/questions/pastebin/" for result in response.context["results"]
    )


@pytest.mark.parametrize("scale", [1, 10])
def test_list_and_detail_query_counts_do_not_grow(client, make_question, django_assert_max_num_queries, scale):
    make_question("anchor")
    grow_questions(10 * scale)
    with django_assert_max_num_queries(4):
        client.get(reverse("questions:index"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("questions:detail", args=["anchor"]))
    assert response.status_code == 200


def test_a_draft_question_is_not_found(client, make_question):
    make_question("secret", status="draft")
    assert client.get(reverse("questions:detail", args=["secret"])).status_code == 404
