"""Files and database in step: an edit made in the admin survives the next load (a `make run` restart)."""

from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from curation.models import ContentSync, Version
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path):
    """A copy of the real topics folder that the test may change."""
    shutil.copytree(settings.CONTENT_DIR / "topics", tmp_path / "topics")
    return tmp_path


def load(content, *args) -> str:
    out = StringIO()
    call_command("load_content", "--dir", str(content), *args, stdout=out)
    return out.getvalue()


def _admin_edit(staff_client, topic: Topic, body: str) -> None:
    """Change a topic's body through the admin's form, as an editor would."""
    form = staff_client.get(reverse("admin:topics_topic_change", args=[topic.pk])).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data |= {"body": body, "links": '[{"title": "Wiki", "url": "https://example.com/"}]'}
    data |= {"advantages": "[]", "disadvantages": "[]", "parent": topic.parent_id or ""}
    data |= {"related_links-TOTAL_FORMS": "0", "related_links-INITIAL_FORMS": "0"}
    response = staff_client.post(reverse("admin:topics_topic_change", args=[topic.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_an_admin_edit_survives_a_restart_and_is_reported_as_kept(content, staff_client):
    load(content)
    topic = Topic.objects.get(slug="sharding")
    _admin_edit(staff_client, topic, "An editor's better text about sharding.")
    output = load(content)  # what `make run` does when it starts again
    topic.refresh_from_db()
    assert topic.body == "An editor's better text about sharding."
    assert "topics: 0 created, 0 updated" in output and "1 kept" in output  # noqa: PT018
    assert "topics/sharding: changed in the database since it was loaded; kept" in output
    assert "load_content --force topics:sharding" in output
    assert staff_client.get(topic.get_absolute_url()).content.decode().count("better text about sharding") == 1


def test_export_writes_the_edit_to_the_file_and_then_the_two_agree(content, staff_client):
    load(content)
    topic = Topic.objects.get(slug="sharding")
    _admin_edit(staff_client, topic, "Edited in the admin.")
    call_command("export_content", "--dir", str(content), stdout=StringIO())
    assert "Edited in the admin." in (content / "topics" / "sharding.md").read_text()
    output = load(content)
    assert "0 kept" in output
    assert "changed in the database" not in output


def test_force_takes_the_files_text(content, staff_client):
    load(content)
    topic = Topic.objects.get(slug="sharding")
    original = topic.body
    _admin_edit(staff_client, topic, "Edited in the admin.")
    output = load(content, "--force", "topics:sharding")
    topic.refresh_from_db()
    assert topic.body == original
    assert "changed in the database" not in output
    assert Version.objects.filter(object_id=topic.pk, data__body="Edited in the admin.").exists()  # nothing lost


def test_a_file_changed_in_git_updates_an_untouched_record(content):
    load(content)
    path = content / "topics" / "sharding.md"
    path.write_text(path.read_text().replace("Sharding", "Sharding (new wording)", 1))
    output = load(content)
    assert "topics: 0 created, 1 updated" in output
    assert Topic.objects.get(slug="sharding").title.startswith("Sharding (new wording)")


def test_a_record_edited_before_files_were_tracked_is_kept_too(content, staff_client):
    """A database from before this change has no ContentSync rows: its edits are found in the versions."""
    load(content)
    topic = Topic.objects.get(slug="sharding")
    _admin_edit(staff_client, topic, "Edited before the upgrade.")
    ContentSync.objects.all().delete()
    output = load(content)
    topic.refresh_from_db()
    assert topic.body == "Edited before the upgrade."
    assert "topics/sharding: changed in the database" in output


def test_an_unknown_kind_to_force_is_refused_with_the_kinds(content):
    with pytest.raises(Exception, match="with a kind of"):
        load(content, "--force", "nonsense:sharding")
