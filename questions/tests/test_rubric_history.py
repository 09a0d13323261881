import pytest

from curation.models import Version
from questions.models import Checkpoint, Question
from questions.rubric import VERSION_KEY, rubric_change, rubric_replace

pytestmark = pytest.mark.django_db


def test_a_rubric_change_keeps_the_old_rubric_and_bumps_the_version_once():
    question = Question.objects.create(slug="q", title="Q", summary="s")
    Checkpoint.objects.create(question=question, step=1, key="a", label="A", concepts="cache")
    with rubric_change(question, via="admin"):
        question.checkpoints.all().delete()
        Checkpoint.objects.create(question=question, step=2, key="b", label="B", concepts="sharding")
    assert question.rubric_version == 2
    version = Version.objects.get(object_id=question.pk, data__has_key=VERSION_KEY)
    assert [c["key"] for c in version.data[VERSION_KEY]["checkpoints"]] == ["a"]


def test_restoring_a_rubric_version_puts_it_back_and_keeps_the_one_it_replaced():
    question = Question.objects.create(slug="q", title="Q", summary="s")
    Checkpoint.objects.create(question=question, step=1, key="a", label="A", concepts="cache")
    with rubric_change(question):
        question.checkpoints.all().delete()
        Checkpoint.objects.create(question=question, step=2, key="b", label="B", concepts="sharding")
    version = Version.objects.get(object_id=question.pk, data__has_key=VERSION_KEY)
    rubric_replace(question, version.data[VERSION_KEY], via="restore")
    assert list(question.checkpoints.values_list("key", flat=True)) == ["a"]
    assert question.rubric_version == 3
    kept = Version.objects.filter(object_id=question.pk, data__has_key=VERSION_KEY).order_by("-pk").first()
    assert [c["key"] for c in kept.data[VERSION_KEY]["checkpoints"]] == ["b"]
    assert kept.via == "restore"
