"""One test (or more) per finding of the security audit; each failed before its fix."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import genanki
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import portability
from curation.models import Version
from flashcards.models import Card, Deck
from primer.content import ContentError, UnsafeExportPathError, links_field, parse_file, write_text
from primer.markdown import RenderRefused, render
from primer.publication import Publication
from progress import calendar, reports
from progress.models import Attempt, Mode, PlanItem, Progress
from progress.services import plan as plan_services
from progress.services import practice, tracking
from questions.content import export_questions
from questions.engine.grade import VERDICTS, Span
from questions.engine.stored import read_report
from questions.models import Kind, Question, SampleSolution, SolutionStep
from tests.support.html import elements, unsafe_markup
from tests.support.rubric import add_checkpoint, add_estimate
from topics.models import Topic

pytestmark = pytest.mark.django_db
TAKEOVER = (
    '"><i hx-post="/admin/auth/user/1/change/" hx-vals=\'{"is_superuser": "on"}\' hx-trigger="load">x</i><b class="'
)


@pytest.fixture
def question(db):
    question = Question.objects.create(
        slug="pastebin",
        title="Pastebin",
        kind=Kind.SYSTEM_DESIGN,
        summary="s",
        prompt="p",
        status=Publication.PUBLISHED,
    )
    solution = SampleSolution.objects.create(question=question, is_primary=True)
    SolutionStep.objects.create(solution=solution, step=1, body="Sample.")
    add_checkpoint(question, step=1, label="A cache")
    add_estimate(question, name="Writes")
    return question


@pytest.fixture
def submitted(user, question):
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    step = attempt.steps.get(step=1)
    practice.attempt_save_step(
        step=step, text="We add a cache; 40 writes/s.", base_version=0, seconds=1, now=timezone.now()
    )
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    return attempt


def _export_with_report(user, report) -> bytes:
    data = portability.export_data(user)
    data["attempts"][0]["report"] = report
    return json.dumps(data).encode()


# 1. The share-link takeover -------------------------------------------------------------------


def test_an_imported_report_is_graded_again_never_stored_as_given(user, user_client, submitted):
    crafted = {"engine_version": 2, "score": 100, "steps": [{"numbers": [{"verdict": TAKEOVER}]}]}
    upload = SimpleUploadedFile("data.json", _export_with_report(user, crafted))
    assert user_client.post(reverse("accounts:data-import"), {"file": upload}).status_code == 302
    attempt = Attempt.objects.get(user=user)
    assert TAKEOVER not in json.dumps(attempt.report)
    read_report(attempt.report)  # what is stored is a report the engine wrote
    assert {n["verdict"] for s in attempt.report["steps"] for n in s["numbers"]} <= set(VERDICTS)


def test_a_stored_report_with_markup_is_shown_as_unreadable_to_an_editor_on_the_share_link(submitted, staff_client):
    report = submitted.report
    report["steps"][0]["numbers"][0] |= {"verdict": TAKEOVER}
    Attempt.objects.filter(pk=submitted.pk).update(report=report)
    practice.attempt_share(attempt=submitted, enable=True)
    html = staff_client.get(reverse("progress:shared", args=[submitted.share_token])).content.decode()
    assert "This report could not be read" in html
    assert 'hx-post="/admin' not in html
    assert "is_superuser" not in html


def test_highlighting_draws_only_known_kinds_and_escapes_what_it_is_given():
    spans = [Span(1, 2, 7, "met"), Span(1, 8, 12, TAKEOVER)]
    html = reports.marked_answer("a cache here", spans)
    assert unsafe_markup(html) == []
    assert html.count("<mark") == 1
    assert 'class="mark-met"' in html


def test_every_region_of_someones_text_tells_htmx_to_keep_out(client, staff_client, submitted, question):
    topic = Topic.objects.create(slug="t", title="T", summary="s", body="Body", status=Publication.PUBLISHED)
    pages = {
        reverse("topics:detail", args=[topic.slug]): ["topic-body"],
        reverse("questions:detail", args=[question.slug]): ["prose"],
    }
    practice.attempt_share(attempt=submitted, enable=True)
    pages[reverse("progress:shared", args=[submitted.share_token])] = ["answer-text"]
    for url, classes in pages.items():
        for tag, attrs in elements(staff_client.get(url).content.decode()):
            attributes = dict(attrs)
            if set((attributes.get("class") or "").split()) & set(classes) and tag == "div":
                assert "hx-disable" in attributes, (url, tag, attributes)


def test_no_element_hands_the_csrf_token_to_everything_inside_it(user_client):
    for url in ("/", reverse("progress:plan"), reverse("topics:index")):
        assert "hx-headers" not in user_client.get(url).content.decode()


# 2. An editor writing files ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../evil.py", "/etc/cron.d/x.py", "x.py\n", "code/x.py", "..py", "X.sh"])
def test_a_code_file_name_must_be_a_bare_python_file_name(question, name):
    question.code_filename = name
    with pytest.raises(ValidationError, match="bare file name"):
        question.full_clean()


def test_exporting_refuses_a_name_that_would_leave_the_folder(question, tmp_path):
    Question.objects.filter(pk=question.pk).update(code_filename="../../escaped.py", code="print('x')")
    with pytest.raises(UnsafeExportPathError):
        export_questions(tmp_path)
    assert not (tmp_path.parent / "escaped.py").exists()
    with pytest.raises(UnsafeExportPathError):
        write_text(tmp_path, "/tmp/absolute.md", "x")


# 3. Markdown that stops the site ---------------------------------------------------------

HOSTILE = {
    "brackets": "[" * 51_200,
    "links": "[a](" * 12_800,
    "images": "![" * 25_600,
    "nested": "[" * 25_600 + "]" * 25_600,
    "emphasis": "*_" * 25_600,
    "html": "<a " * 17_066,
    "headings": "## h\n" * 10_240,
    "table": "|a" * 64 + "\n" + "|-" * 64 + "\n" + ("|b" * 64 + "\n") * 390,
    "wide-table": "|a" * 2000 + "\n" + "|-" * 2000 + "\n" + "|b\n" * 2000,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_50kb_of_hostile_markdown_renders_or_is_refused_within_a_second(name):
    text = HOSTILE[name][:51_200]
    started = time.process_time()
    try:
        render(text)
    except RenderRefused as exc:
        refused = str(exc)
    else:
        refused = "rendered"
    assert refused  # rendered, or refused with a message for the writer
    assert time.process_time() - started < 1.0


def test_the_preview_refuses_hostile_text_with_a_message(user_client):
    response = user_client.post("/markdownx/markdownify/", {"content": "[" * 60_000})
    assert response.status_code == 413
    assert "too much Markdown punctuation" in response.content.decode()


def test_an_autosave_of_hostile_text_is_refused_and_the_saved_text_kept(user, user_client, question):
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    url = reverse("progress:attempt-save", args=[attempt.pk, 1])
    user_client.post(url, {"text": "kept", "version": 0})
    response = user_client.post(url, {"text": "![" * 20_000, "version": 1}, headers={"HX-Request": "true"})
    assert response.status_code == 413
    assert "Your last saved text is kept" in response.content.decode()
    assert attempt.steps.get(step=1).text == "kept"


# 4. Lockouts behind a proxy --------------------------------------------------------------


def test_behind_a_proxy_an_attacker_cannot_lock_out_someone_elses_address(client, user, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    login = reverse("login")
    for _ in range(6):
        client.post(login, {"username": user.username, "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = client.post(login, {"username": user.username, "password": password}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert locked.status_code == 429
    victim = client.post(login, {"username": user.username, "password": password}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert victim.status_code == 302


def test_a_forged_address_in_front_of_the_proxys_own_is_ignored(rf, settings):
    from primer.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"


# 5. Editor links -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "JAVASCRIPT:x",
        "//evil.example",
        "data:,x",
    ],
)
def test_a_link_must_be_http_or_on_this_site_at_save_and_at_load(url, tmp_path):
    topic = Topic(slug="t", title="T", summary="s", links=[{"title": "x", "url": url}])
    with pytest.raises(ValidationError):
        topic.full_clean()
    path = tmp_path / "t.md"
    path.write_text(f'+++\ntitle = "T"\nlinks = [{{ title = "x", url = {json.dumps(url)} }}]\n+++\n', encoding="utf-8")
    with pytest.raises(ContentError, match="not an http"):
        links_field(parse_file(path))


def test_a_bad_link_already_stored_is_shown_as_text(client):
    Topic.objects.create(
        slug="t", title="T", summary="s", status=Publication.PUBLISHED,
        links=[{"title": "Evil", "url": "javascript:alert(1)"}, {"title": "Here", "url": "/topics/"}],
    )  # fmt: skip
    html = client.get(reverse("topics:detail", args=["t"])).content.decode()
    assert "javascript:" not in html
    assert '<a href="/topics/" rel="noopener noreferrer">Here</a>' in html
    assert "<li>Evil</li>" in html


# 6. Drafts through the data import ---------------------------------------------------------


def test_an_import_cannot_reach_a_draft_topic_or_question(user, user_client, question):
    Topic.objects.create(slug="secret-draft", title="Secret draft title", summary="s", status=Publication.DRAFT)
    Question.objects.create(
        slug="draft-q", title="Draft question", summary="s", status=Publication.DRAFT, prompt="hidden"
    )
    data = {
        "format": portability.FORMAT, "version": portability.VERSION,
        "progress": [{"topic": "secret-draft", "status": "done", "bookmarked": True}],
        "attempts": [{"question": "draft-q", "mode": "untimed", "started_at": timezone.now().isoformat(),
                      "submitted_at": timezone.now().isoformat(), "steps": [{"step": 1, "text": "x"}]}],
        "plan": {"timeline": "short", "items": [{"key": "topic:secret-draft", "kind": "topic", "label": "x"}]},
    }  # fmt: skip
    response = user_client.post(
        reverse("accounts:data-import"), {"file": SimpleUploadedFile("d.json", json.dumps(data).encode())}
    )
    assert response.status_code == 302
    assert not Progress.objects.filter(user=user).exists()
    assert not Attempt.objects.filter(user=user).exists()
    assert PlanItem.objects.get(plan__user=user).topic_id is None
    assert "Secret draft title" not in user_client.get("/").content.decode()


# 7. Server errors that are now clear 4xx answers --------------------------------------------


def _import(client, document) -> object:
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    return client.post(reverse("accounts:data-import"), {"file": SimpleUploadedFile("d.json", raw)})


def _doc(**fields) -> dict:
    return {"format": portability.FORMAT, "version": portability.VERSION, **fields}


NOW = "2026-11-22T10:00:00+00:00"
BAD_IMPORTS = {
    "NUL in a note": _doc(progress=[{"topic": "t", "status": "done", "note": "a\x00b"}]),
    "NUL in a step": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                     "steps": [{"step": 1, "text": "\x00"}]}]),
    "NUL in a plan label": _doc(plan={"timeline": "short", "items": [{"key": "approach", "kind": "approach",
                                                                       "label": "\x00"}]}),
    "NUL in the time zone": _doc(time_zone="UTC\x00"),
    "progress without a status": _doc(progress=[{"topic": "t"}]),
    "progress as a string": _doc(progress="everything"),
    "an attempt without a start": _doc(attempts=[{"question": "pastebin", "mode": "untimed"}]),
    "an attempt with a step of 99": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                                    "steps": [{"step": 99, "text": "x"}]}]),
    "a step number as text": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                             "steps": [{"step": "one", "text": "x"}]}]),
    "a duplicated step": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                         "steps": [{"step": 1, "text": "x"}, {"step": 1, "text": "y"}]}]),
    "a huge version": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                      "steps": [{"step": 1, "text": "x", "version": 10**30}]}]),
    "negative seconds": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                        "steps": [{"step": 1, "text": "x", "seconds_spent": -5}]}]),
    "a huge duration": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                       "duration_minutes": 10**12}]),
    "revealed steps as text": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                              "revealed_early": "all"}]),
    "self-assessment as a list": _doc(attempts=[{"question": "pastebin", "mode": "untimed", "started_at": NOW,
                                                 "self_assessment": [1, 2]}]),
    "a date that is not a date": _doc(activity=[{"day": "2026-02-31", "count": 1}]),
    "a year 0 date": _doc(activity=[{"day": "0000-01-01", "count": 1}]),
    "a duplicated day": _doc(activity=[{"day": "2026-11-01", "count": 1}, {"day": "2026-11-01", "count": 2}]),
    "a huge count": _doc(activity=[{"day": "2026-11-01", "count": 10**20}]),
    "a count as a float": _doc(activity=[{"day": "2026-11-01", "count": 1.5}]),
    "a duplicated plan key": _doc(plan={"timeline": "short", "items": [{"key": "approach", "kind": "approach"},
                                                                        {"key": "approach", "kind": "approach"}]}),
    "a plan key that is not ours": _doc(plan={"timeline": "short", "items": [{"key": "../../x", "kind": "topic"}]}),
    "a plan item as a string": _doc(plan={"timeline": "short", "items": ["approach"]}),
    "a plan with no timeline": _doc(plan={"items": []}),
    "an interview date as a number": _doc(plan={"timeline": "short", "interview_date": 20261122}),
    "a card state without fsrs": _doc(cards=[{"card": "c1", "due": NOW}]),
    "a card state with a bad fsrs state": _doc(cards=[{"card": "c1", "due": NOW, "fsrs": {"state": 99}}]),
    "a review rated 7": _doc(reviews=[{"card": "c1", "rating": 7, "reviewed_at": NOW}]),
    "a review with a bad time": _doc(reviews=[{"card": "c1", "rating": 3, "reviewed_at": "yesterday"}]),
    "an unknown time zone": _doc(time_zone="Mars/Olympus"),
    "a time zone as a number": _doc(time_zone=5),
    "deeply nested JSON": b'{"format": "primer-learner-data", "version": 1, "plan": ' + b"[" * 100_000 + b"]" * 100_000
    + b"}",
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_IMPORTS)
def test_a_bad_import_is_a_400_with_a_message_and_changes_nothing(user, user_client, case):
    Card.objects.create(deck=Deck.objects.create(slug="d", title="D"), guid="c1", front="f", back="b")
    Topic.objects.create(slug="t", title="T", summary="s", status=Publication.PUBLISHED)
    tracking.progress_save_note(user=user, target=Topic.objects.get(slug="t"), note="mine", today=date.today())
    before = portability.export_data(user)
    response = _import(user_client, BAD_IMPORTS[case])
    assert response.status_code == 400, response.status_code
    assert "Nothing was imported" in response.content.decode()
    assert portability.export_data(user) == before


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=cache%00",
        "/cards/review/?deck=x%00",
        "/calendar/abc%00def.ics",
        "/topics/%00/",
        "/reference/estimate/?daily_active_users=1%00",
    ],
)
def test_a_nul_anywhere_in_a_request_is_a_400(user_client, url):
    response = user_client.get(url)
    assert response.status_code in (400, 404)
    assert response.status_code != 500


def test_a_nul_in_an_autosave_is_a_400_and_keeps_the_text(user, user_client, question):
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    response = user_client.post(reverse("progress:attempt-save", args=[attempt.pk, 1]), {"text": "a\x00", "version": 0})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert attempt.steps.get(step=1).version == 0


@pytest.mark.parametrize("card", ["abc", "", "1e3", "99999999999999999999999", "-1"])
def test_a_rating_for_a_card_that_is_not_an_id_is_a_400(user_client, card):
    response = user_client.post(reverse("flashcards:review"), {"card": card, "rating": "3"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/attempts/99999999999999999999999/", "/attempts/99999999999999999999999/report/"])
def test_an_id_too_big_for_the_database_is_a_404(user_client, path):
    assert user_client.get(path).status_code == 404


def _topic_with_version():
    topic = Topic.objects.create(slug="t", title="T", summary="s", body="one", status=Publication.PUBLISHED)
    topic.body = "two"
    topic.save()
    return topic


@pytest.mark.parametrize("version", ["abc", "", "1.5", "99999999999999999999999"])
def test_restoring_a_version_that_is_not_an_id_is_a_400_or_404(staff_client, version):
    topic = _topic_with_version()
    response = staff_client.post(reverse("admin:topics_topic_versions", args=[topic.pk]), {"version": version})
    assert response.status_code in (400, 404)


def _apkg(**changes) -> bytes:
    model = genanki.Model(1_111, "M", fields=[{"name": "F"}, {"name": "B"}], templates=[
        {"name": "c", "qfmt": "{{F}}", "afmt": "{{B}}"}])  # fmt: skip
    deck = genanki.Deck(2_222, "D")
    deck.add_note(genanki.Note(model=model, fields=["front", "back"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.apkg"
        genanki.Package(deck).write_to_file(str(path))
        data = path.read_bytes()
    if not changes:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive, tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "c.sqlite"
        database.write_bytes(archive.read("collection.anki2"))
        connection = sqlite3.connect(database)
        for statement in changes.get("sql", []):
            connection.execute(statement)
        connection.commit()
        connection.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            target.writestr("collection.anki2", database.read_bytes())
            target.writestr("media", "{}")
        return out.getvalue()


def _corrupt(data: bytes, *, offset_from_end: int) -> bytes:
    """Flip bytes inside the collection's compressed data (the first entry of the archive)."""
    header = data.index(b"collection.anki2") + len("collection.anki2")
    position = header + 200
    broken = bytearray(data)
    for index in range(position, position + 40):
        broken[index] ^= 0xFF
    return bytes(broken)


APKG_CASES = {
    "bad CRC or deflate data": lambda: _corrupt(_apkg(), offset_from_end=0),
    "decks that are not JSON": lambda: _apkg(sql=["UPDATE col SET decks = 'not json'"]),
    "decks JSON of the wrong shape": lambda: _apkg(sql=["UPDATE col SET decks = '[1, 2]'"]),
    "deck ids that are not numbers": lambda: _apkg(sql=['UPDATE col SET decks = \'{"abc": {"name": "x"}}\'']),
    "an empty col table": lambda: _apkg(sql=["DELETE FROM col"]),
    "a note with a NUL": lambda: _apkg(sql=["UPDATE notes SET flds = 'a' || char(0) || 'b'"]),
    "a guid too long": lambda: _apkg(sql=["UPDATE notes SET guid = printf('%.300c', 'g')"]),
    "not a zip at all": lambda: b"PK\x03\x04 not really",
}


@pytest.mark.parametrize("case", APKG_CASES)
def test_a_damaged_anki_package_is_refused_with_a_message(staff_client, case):
    upload = SimpleUploadedFile("x.apkg", APKG_CASES[case]())
    response = staff_client.post(reverse("admin:flashcards_deck_import"), {"file": upload})
    assert response.status_code == 400
    assert "nothing was imported" in response.content.decode()
    assert not Card.objects.exists()


# 8. The rest -----------------------------------------------------------------------------


def test_a_version_restores_only_onto_the_kind_of_object_it_came_from(staff_client):
    topic = _topic_with_version()
    question = Question.objects.create(slug="q", title="Q", summary="s", pk=topic.pk)
    version = Version.objects.get(content_type=ContentType.objects.get_for_model(Topic), object_id=topic.pk)
    response = staff_client.post(
        reverse("admin:questions_question_versions", args=[question.pk]), {"version": version.pk}
    )
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.title == "Q"


def test_the_calendar_escapes_text_so_a_label_cannot_add_lines(user):
    plan = plan_services.plan_set_up(user=user, timeline="short", interview_date=date.today() + timedelta(days=5),
                                today=date.today())  # fmt: skip
    PlanItem.objects.filter(plan=plan).update(label="Read\r\nATTENDEE:mailto:evil@example.com\r\nX;Y,Z\\")
    feed = calendar.ics(list(plan.items.all()), host="example.com", base_url="https://example.com/").decode()
    assert "\r\nATTENDEE" not in feed
    assert re.search(r"SUMMARY:Read\\nATTENDEE:mailto:evil@example\.com\\nX\\;Y\\,Z\\\\", feed.replace("\r\n ", ""))


def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.SIGNUPS_PER_HOUR = 2
    for number in range(3):
        response = client.post(
            reverse("signup"),
            {"username": f"user{number}", "password1": "a long pass phrase 9", "password2": "a long pass phrase 9"},
        )
        client.logout()
    assert response.status_code == 429
    assert "Retry-After" in response


def test_password_reset_emails_are_limited_per_address_and_per_email(client, user, settings, mailoutbox):
    settings.PASSWORD_RESETS_PER_HOUR = 2
    url = reverse("password_reset")
    for _ in range(3):
        client.post(url, {"email": user.email}, REMOTE_ADDR="198.51.100.1")
    assert len(mailoutbox) == 2  # the third asked for the same email: the page said "sent", nothing went
    responses = [client.post(url, {"email": "x@example.com"}, REMOTE_ADDR="198.51.100.2") for _ in range(3)]
    assert [r.status_code for r in responses] == [302, 302, 429]


def test_signed_in_pages_and_the_export_are_never_cached(user_client):
    for url in ("/", reverse("accounts:data-export"), reverse("topics:index")):
        response = user_client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url  # noqa: PT018
    assert "no-store" not in Client().get(reverse("topics:index")).get("Cache-Control", "")
