import re

import pytest
from django.conf import settings

from primer.content import ContentError
from questions.content import export_questions, load_questions
from questions.engine.numbers import parse_quantities, parse_reference
from questions.models import Kind, Question
from questions.rubric import grade_answer, sample_answers

CONTENT = settings.CONTENT_DIR
pytestmark = pytest.mark.django_db


def test_the_bank_has_every_kind_of_question(question_bank):
    published = question_bank.published()
    assert published.filter(kind=Kind.SYSTEM_DESIGN).count() >= 15
    assert published.filter(kind=Kind.OBJECT_ORIENTED).count() >= 8
    assert published.filter(kind=Kind.ADDITIONAL).count() == 23


def test_the_upstream_questions_are_all_there(question_bank):
    slugs = set(question_bank.values_list("slug", flat=True))
    upstream = {
        "pastebin",
        "twitter",
        "web-crawler",
        "mint",
        "social-graph",
        "query-cache",
        "sales-rank",
        "scaling-aws",
    }
    oo = {"hash-map", "lru-cache", "call-center", "deck-of-cards", "parking-lot", "chat-server", "circular-array"}
    assert upstream - slugs == set()
    assert oo - slugs == set()


def test_every_system_design_question_has_a_full_rubric(question_bank):
    for question in question_bank.filter(kind=Kind.SYSTEM_DESIGN).prefetch_related("checkpoints", "numbers"):
        checkpoints = list(question.checkpoints.all())
        assert len(checkpoints) >= 8, question.slug
        assert {c.step for c in checkpoints} == {1, 2, 3, 4}, question.slug
        assert question.numbers.count() >= 3, question.slug
        steps = {s.step for s in question.solutions.get(is_primary=True).steps.all()}
        assert {1, 2, 3, 4} <= steps, question.slug
        assert '<pre class="mermaid">' in question.solutions.get(is_primary=True).steps.get(step=2).body_html


def test_every_primary_sample_meets_its_own_rubric_as_check_question_demands(question_bank):
    from questions.management.commands.check_question import SAMPLE_FLOOR

    for question in question_bank.practicable().prefetch_related("checkpoints", "numbers", "givens"):
        report = grade_answer(question, sample_answers(question))
        assert report.score >= SAMPLE_FLOOR, (question.slug, report.score)


@pytest.mark.parametrize(
    ("question", "others"),
    [
        ("pastebin", ["twitter", "web-crawler", "mint", "chat-app"]),
        ("twitter", ["pastebin", "file-sync", "typeahead"]),
        ("lru-cache", ["parking-lot", "deck-of-cards"]),
    ],
)
def test_an_answer_to_a_different_question_scores_far_lower(question_bank, question, others):
    target = question_bank.get(slug=question)
    own = grade_answer(target, sample_answers(target)).score
    for other in others:
        foreign = grade_answer(target, sample_answers(question_bank.get(slug=other))).score
        assert foreign <= 70, (other, foreign)
        assert own - foreign >= 30, (other, own, foreign)


def _derived_value(derivation: str, unit: str) -> float | None:
    """The value a derivation arrives at: the first quantity after its last '='."""
    tail = re.split(r"=|≈", derivation)[-1]
    quantities = parse_quantities(tail)
    if not quantities:
        return None
    expected_kind = parse_reference(1, unit).kind
    for quantity in quantities:
        if quantity.kind == expected_kind:
            return quantity.value
    return parse_reference(quantities[0].value, unit).value  # a bare number in the rubric's unit


def test_every_reference_number_agrees_with_its_derivation(question_bank):
    for question in question_bank.prefetch_related("numbers"):
        for number in question.numbers.all():
            assert "=" in number.derivation or "≈" in number.derivation, (question.slug, number.name)
            derived = _derived_value(number.derivation, number.unit)
            expected = parse_reference(number.value, number.unit).value
            assert derived is not None, (question.slug, number.name, number.derivation)
            assert max(derived / expected, expected / derived) <= 1.15, (question.slug, number.name, derived, expected)


def test_export_after_load_is_byte_identical(question_bank, tmp_path):
    export_questions(tmp_path)
    for path in sorted((CONTENT / "questions").glob("*.md")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    for path in sorted((CONTENT / "questions" / "code").glob("*.py")):
        if not path.name.startswith("test_"):
            assert (tmp_path / "code" / path.name).read_bytes() == path.read_bytes(), path.name


def test_loading_twice_changes_nothing(question_bank):
    report = load_questions(CONTENT / "questions")
    assert report.created == report.updated == []


def test_editing_a_rubric_bumps_its_version(question_bank, tmp_path):
    export_questions(tmp_path)
    path = tmp_path / "pastebin.md"
    text = path.read_text()
    path.write_text(text.replace("weight = 3", "weight = 2", 1))
    before = Question.objects.get(slug="pastebin").rubric_version
    report = load_questions(tmp_path)
    assert report.updated == ["pastebin"]
    assert Question.objects.get(slug="pastebin").rubric_version == before + 1


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ('kind = "puzzle"', "'kind' must be one of"),
        (
            'kind = "system_design"\n[[checkpoints]]\nstep = 9\nlabel = "x"\nconcepts = ["y"]',
            "needs a step from 1 to 4",
        ),
        (
            'kind = "system_design"\n[[checkpoints]]\nstep = 1\nlabel = "x"\nphrases = ["y"]',
            "unknown checkpoint field 'phrases'",
        ),
        ('kind = "system_design"\n[[checkpoints]]\nstep = 1\nlabel = "x"', "needs 'concepts'"),
        (
            'kind = "system_design"\n[[checkpoints]]\nstep = 1\nlabel = "x"\nconcepts = ["a"]\nlevel = "guru"',
            "'level' is one of",
        ),
        ('kind = "system_design"\n[[givens]]\nkey = "n"\nname = "N"\nvalue = 4\nunit = "furlongs"', "not understood"),
        (
            'kind = "system_design"\n[[numbers]]\nstep = 1\nname = "x"\nformula = "missing * 2"\nunit = "req/s"',
            "names 'missing', which is not a given",
        ),
        (
            'kind = "system_design"\n[[numbers]]\nstep = 1\nname = "x"\nvalue = 4\nunit = "req/s"',
            "unknown number field 'value'",
        ),
        ('kind = "system_design"\ntopics = ["nowhere"]', "topic 'nowhere' does not exist"),
    ],
)
def test_a_malformed_question_is_reported_with_its_line(db, tmp_path, front, expected):
    body = "## Prompt\n\nP.\n\n## Step 1: a\n\nA.\n\n## Step 2: b\n\nB.\n\n## Step 3: c\n\nC.\n\n## Step 4: d\n\nD.\n"
    (tmp_path / "bad.md").write_text(f'+++\ntitle = "Bad"\nsummary = "s"\n{front}\n+++\n\n{body}')
    with pytest.raises(ContentError, match=expected) as error:
        load_questions(tmp_path)
    assert re.match(rf"{re.escape(str(tmp_path / 'bad.md'))}:\d+: ", str(error.value))


def test_a_missing_step_is_reported(db, tmp_path):
    (tmp_path / "short.md").write_text(
        '+++\ntitle = "Short"\nsummary = "s"\nkind = "system_design"\n+++\n\n## Prompt\n\nP.\n\n## Step 1: a\n\nA.\n'
    )
    with pytest.raises(ContentError, match="no '## Step 2' section"):
        load_questions(tmp_path)


def test_a_question_whose_rubric_was_edited_in_the_admin_is_kept_on_the_next_load(tmp_path):
    import shutil

    from curation.content import load
    from questions.rubric import rubric_change

    for kind in ("topics", "lexicon", "questions"):
        shutil.copytree(CONTENT / kind, tmp_path / kind)
    load(tmp_path)
    question = Question.objects.get(slug="pastebin")
    with rubric_change(question, via="admin"):
        question.checkpoints.filter(step=1).update(label="An editor's sharper label")
    reports = {report.kind: report for report in load(tmp_path)}
    assert reports["questions"].conflicts == ["pastebin"]
    assert question.checkpoints.filter(label="An editor's sharper label").exists()
    assert Question.objects.get(slug="pastebin").rubric_version == question.rubric_version
