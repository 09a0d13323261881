"""`manage.py backup` and `restore` (make backup / make restore) round-trip every table exactly."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from progress.models import Mode
from progress.services import practice
from questions.models import Question
from tests.support.browser import PASSWORD
from tests.support.curriculum import load_curriculum
from topics.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of all its rows."""
    tables = connection.introspection.table_names()
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {quoted} t"  # noqa: S608 - names from introspection
            )
            found[table] = cursor.fetchone()
    return found


def _some_of_everything() -> None:
    load_curriculum("topics", "questions", "cards")
    learner = get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)
    attempt = practice.attempt_start(
        user=learner, question=Question.objects.get(slug="pastebin"), mode=Mode.UNTIMED, now=timezone.now()
    )
    step = attempt.steps.get(step=1)
    practice.attempt_save_step(
        step=step, text="About 4 writes a second.", base_version=0, seconds=9, now=timezone.now()
    )
    practice.attempt_submit(attempt=attempt, now=timezone.now())


def test_a_restore_brings_back_every_table_exactly(tmp_path):
    _some_of_everything()
    before = snapshot()
    assert before["topics_topic"][0] > 90
    assert before["progress_attempt"][0] == 1
    call_command("backup", str(tmp_path / "primer.dump"))

    get_user_model().objects.all().delete()
    Topic.objects.filter(slug="sharding").update(title="Changed after the backup")
    assert snapshot() != before

    call_command("restore", str(tmp_path / "primer.dump"), "--yes")
    assert snapshot() == before


def test_a_bad_backup_file_is_refused_and_changes_nothing(tmp_path):
    _some_of_everything()
    before = snapshot()
    (tmp_path / "not-a-backup.dump").write_bytes(b"PGDMP this is not a dump")
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore", str(tmp_path / "not-a-backup.dump"), "--yes")
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")
    assert snapshot() == before
