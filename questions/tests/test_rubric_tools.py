import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from questions.steps import answer_steps

pytestmark = pytest.mark.django_db


def test_an_answer_file_is_split_by_its_step_headings():
    text = "Intro ignored\n## Step 1: scope\nUsers.\n## Step 2\nBoxes.\n### step 4 - scale\nShards.\n"
    assert answer_steps(text) == {1: "Users.", 2: "Boxes.", 4: "Shards."}


def test_check_rubric_prints_a_report_for_answer_files(make_question, tmp_path, capsys):
    make_question("demo")
    answer = tmp_path / "answer.md"
    answer.write_text(
        "## Step 1\nAbout 40 requests per second.\n## Step 2\nReads go to Redis first, so the database sees few of them.\n"
    )
    call_command("check_rubric", "demo", str(answer))
    out = capsys.readouterr().out
    assert f"{answer}: 100% (" in out
    assert "[met         ] Caches (mid, weight 2)" in out
    assert "[ok          ] Requests: expected 40 req/s, yours '40 requests per second'" in out


def test_check_rubric_speaks_json(make_question, tmp_path, capsys):
    make_question("demo")
    answer = tmp_path / "answer.md"
    answer.write_text("## Step 1\n400 requests per second\n")
    call_command("check_rubric", "demo", str(answer), json=True)
    report = json.loads(capsys.readouterr().out)[str(answer)]
    numbers = report["steps"][0]["numbers"]
    assert numbers[0]["verdict"] == "slip"
    assert numbers[0]["factor"] == pytest.approx(10)


def test_check_rubric_explains_an_unknown_question(db):
    with pytest.raises(CommandError, match="No question with the slug 'nope'"):
        call_command("check_rubric", "nope", "--sample")


def test_the_admin_tests_a_rubric(staff_client, make_question):
    question = make_question("demo")
    url = reverse("admin:questions_question_test_rubric", args=[question.pk])
    assert "Fill in the primary sample" in staff_client.get(url).content.decode()
    step2 = "We put Redis in front of the database for reads."
    response = staff_client.post(
        url, {"step1": "About 40 requests per second.", "step2": step2, "step3": "", "step4": ""}
    )
    html = response.content.decode()
    assert "Score: 100%" in html
    assert f"“{step2}”" in html


def test_changing_the_rubric_in_the_admin_bumps_its_version_and_keeps_the_old_set(staff_client, make_question):
    from curation.models import Version
    from questions.models import Checkpoint, Given, ReferenceNumber

    question = make_question("demo")
    checkpoint = Checkpoint.objects.get(question=question)
    number = ReferenceNumber.objects.get(question=question)
    given = Given.objects.get(question=question)
    url = reverse("admin:questions_question_change", args=[question.pk])
    form = {
        "title": question.title, "slug": question.slug, "kind": question.kind, "difficulty": question.difficulty,
        "order": 0, "status": "published", "summary": question.summary, "prompt": question.prompt, "links": "[]",
        "code_filename": "", "code": "",
        "solutions-TOTAL_FORMS": "1", "solutions-INITIAL_FORMS": "1", "solutions-0-id": question.solutions.get().pk,
        "solutions-0-question": question.pk, "solutions-0-label": "Primer", "solutions-0-is_primary": "on",
        "solutions-0-order": "0",
        "checkpoints-TOTAL_FORMS": "1", "checkpoints-INITIAL_FORMS": "1", "checkpoints-0-id": checkpoint.pk,
        "checkpoints-0-question": question.pk, "checkpoints-0-step": "2", "checkpoints-0-weight": "3",
        "checkpoints-0-order": "0", "checkpoints-0-key": "cache", "checkpoints-0-label": "Caches",
        "checkpoints-0-explanation": "", "checkpoints-0-example": "", "checkpoints-0-level": "mid",
        "checkpoints-0-concepts": "cache\nmemory-cache", "checkpoints-0-qualifiers": "", "checkpoints-0-contradicts": "",
        "numbers-TOTAL_FORMS": "1", "numbers-INITIAL_FORMS": "1", "numbers-0-id": number.pk,
        "numbers-0-question": question.pk, "numbers-0-step": "1", "numbers-0-key": "rps", "numbers-0-name": "Requests",
        "numbers-0-formula": "requests", "numbers-0-weight": "1", "numbers-0-unit": "req/s", "numbers-0-tolerance": "50", "numbers-0-derivation": "",
        "numbers-0-keywords": "", "numbers-0-order": "0",
        "givens-TOTAL_FORMS": "1", "givens-INITIAL_FORMS": "1", "givens-0-id": given.pk,
        "givens-0-question": question.pk, "givens-0-key": "requests", "givens-0-name": given.name,
        "givens-0-value": str(given.value), "givens-0-unit": "/month", "givens-0-words": "request", "givens-0-order": "0",
        "errata-TOTAL_FORMS": "0", "errata-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.rubric_version == 2
    assert Checkpoint.objects.get(question=question).weight == 3
    assert Checkpoint.objects.get(question=question).concepts == "cache\nmemory-cache"
    kept = Version.objects.get(object_id=question.pk, data__has_key="__rubric__").data["__rubric__"]
    assert kept["checkpoints"][0]["weight"] == 2
