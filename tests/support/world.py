"""One of everything, with a given text in every field anyone can write.

`build_world(text)` writes `text` through each way text gets in: an editor's records (saved
as the admin saves them, validation skipped, so the worst that could reach the database
does), a learner's notes, answers and ticks (through the views), a learner's data import,
an Anki package, the upstream importer and the content loader. `World.pages` lists every
page that shows any of it, with the client (visitor, owner, another learner, editor) that
sees it. The XSS tests render those pages and look for anything that could act.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import genanki
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import portability
from curation.history import current_via
from flashcards.anki import AnkiImportError, import_apkg
from flashcards.models import Card, Deck
from primer.content import ContentError, toml_string
from primer.publication import Publication
from progress.models import Attempt
from questions.models import (
    Checkpoint,
    Concept,
    Erratum,
    Given,
    Kind,
    LexiconArea,
    Question,
    ReferenceNumber,
    SampleSolution,
    SolutionStep,
)
from topics.content import load_topics
from topics.models import AlternativeText, Topic, renumber
from upstream.importer import import_primer

PASSWORD = "a-long-test-passphrase-42"
SAFE_URL = "https://example.com/"


@dataclass
class World:
    text: str
    clients: dict[str, Client]
    pages: list[tuple[str, str]] = field(default_factory=list)  # (role, url)
    searches: list[str] = field(default_factory=list)  # a visitor's search for each text
    # Forms that show back what was sent (errors, reports): (role, url, a function giving the data)
    posts: list[tuple[str, str, object]] = field(default_factory=list)
    share_url: str = ""

    def add(self, role: str, *urls: str) -> None:
        self.pages.extend((role, url) for url in urls)


def _short(text: str, limit: int) -> str:
    return text[:limit] if text.strip() else "x"


def _users() -> dict:
    User = get_user_model()  # noqa: N806
    users = {
        "owner": User.objects.create_user("ada", "ada@example.com", PASSWORD),
        "importer": User.objects.create_user("grace", "grace@example.com", PASSWORD),
        "editor": User.objects.create_superuser("editor", "editor@example.com", PASSWORD),
    }
    return users


def _clients(users: dict) -> dict[str, Client]:
    clients = {"visitor": Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user, backend="accounts.backends.LearnerBackend")
        clients[role] = client
    return clients


def _editor_content(text: str) -> tuple[Topic, Topic, Question]:
    """What an editor writes in the admin: every text field of every content model."""
    token = current_via.set("admin")
    try:
        section = Topic.objects.create(
            slug="xss-section",
            title=_short(text, 200),
            summary=_short(text, 600),
            status=Publication.PUBLISHED,
            order=1,
        )
        topic = Topic.objects.create(
            slug="xss-topic",
            title=_short(text, 200),
            parent=section,
            summary=_short(text, 600),
            body=text,
            advantages=[text],
            disadvantages=[text],
            links=[{"title": text, "url": text}, {"title": text, "url": SAFE_URL}],
            attribution=text,
            status=Publication.PUBLISHED,
        )
        renumber()
        AlternativeText.objects.create(
            topic=topic, source="other", label=_short(text, 120), attribution=text, body=text
        )
        question = Question.objects.create(
            slug="xss-question",
            title=_short(text, 200),
            kind=Kind.SYSTEM_DESIGN,
            summary=_short(text, 600),
            prompt=text,
            links=[{"title": text, "url": text}],
            code=text,
            status=Publication.PUBLISHED,
        )
        question.topics.set([topic])
        solution = SampleSolution.objects.create(
            question=question, label=_short(text, 200), attribution=text, is_primary=True
        )
        for number in (1, 2, 3, 4, 5):
            SolutionStep.objects.create(solution=solution, step=number, title=_short(text, 120), body=text)
        other = SampleSolution.objects.create(question=question, label=_short(text, 200), attribution=text, order=2)
        SolutionStep.objects.create(solution=other, step=1, title=_short(text, 120), body=text)
        area = LexiconArea.objects.create(slug="xss-area", title=_short(text, 120), notes=text)
        Concept.objects.create(area=area, slug="xss-concept", name=_short(text, 120), terms="words\ncache")
        for number in (1, 2, 3, 4):
            Checkpoint.objects.create(
                question=question, step=number, key=f"check-{number}", label=_short(text, 200),
                explanation=text, example=text, concepts="xss-concept",
            )  # fmt: skip
        Given.objects.create(
            question=question, key="rate", name=_short(text, 200), value=1e8, unit="/month", words=text
        )
        ReferenceNumber.objects.create(
            question=question, step=1, key="rate", name=_short(text, 200), formula="rate", value=38.6, unit="req/s",
            derivation=text, keywords=text,
        )  # fmt: skip
        Erratum.objects.create(question=question, step=1, text=text)
        Erratum.objects.create(question=question, text=text)
        deck = Deck.objects.create(slug="xss-deck", title=_short(text, 200), description=text, attribution=text)
        Card.objects.create(
            deck=deck, guid="xss-card", front=text, back=text, topic=topic, question=question, flags=[text]
        )
        topic.body = f"{text}\n\nedited"  # a second save leaves a version for the versions page
        topic.save()
    finally:
        current_via.reset(token)
    return section, topic, question


def _learner_writes(world: World, text: str, topic: Topic, question: Question) -> tuple[int, int]:
    """What the owner writes through the pages: notes, a plan, answers, ticks, a share link."""
    owner = world.clients["owner"]
    for kind, slug in (("topic", topic.slug), ("question", question.slug)):
        owner.post(reverse("progress:note", args=[kind, slug]), {"note": text})
        owner.post(reverse("progress:bookmark", args=[kind, slug]))
    owner.post(reverse("progress:plan"), {"timeline": "long", "interview_date": ""})
    owner.post(reverse("progress:practice-start", args=[question.slug]), {"mode": "untimed"})
    submitted = question.attempts.order_by("pk").last()
    assert submitted is not None
    for number in (1, 2, 3, 4):
        owner.post(reverse("progress:attempt-save", args=[submitted.pk, number]), {"text": text, "version": 0})
    owner.post(reverse("progress:attempt-submit", args=[submitted.pk]))
    owner.post(reverse("progress:attempt-self-check", args=[submitted.pk]), {"ticked": [text, "check-1"]})
    owner.post(reverse("progress:attempt-share", args=[submitted.pk]), {"share": "on"})
    owner.post(reverse("progress:practice-start", args=[question.slug]), {"mode": "interview"})
    draft = question.attempts.order_by("-pk")[0]
    for number in (1, 2, 3, 4):
        owner.post(reverse("progress:attempt-save", args=[draft.pk, number]), {"text": text, "version": 0})
    owner.post(reverse("progress:attempt-step-action", args=[draft.pk, 2, "reveal"]))
    return submitted.pk, draft.pk


def _legacy_report(world: World, text: str, attempt_id: int) -> str:
    """A report stored before imports were re-graded: the audit's vector, `text` in every field.

    Returns the share address of a copy of the attempt that carries it.
    """
    attempt = Attempt.objects.get(pk=attempt_id)
    steps = list(attempt.steps.all())
    attempt.pk, attempt.share_token = None, f"legacy{attempt_id}x" * 2
    attempt.report = {
        "engine_version": 1,
        "score": 50,
        "steps": [
            {
                "step": step.step, "score": 50, "earned": 1, "possible": 2,
                "checkpoints": [{"key": text[:200], "step": step.step, "label": text[:500], "weight": 1, "hit": True,
                                 "phrase": text[:500], "start": 0, "end": 5, "sentence": text}],
                "numbers": [{"key": text[:200], "step": step.step, "name": text[:500], "expected": 1, "unit": text[:50],
                             "tolerance": 50, "verdict": text[:200], "found": text[:500], "start": 0, "end": 3}],
            }
            for step in steps
        ],
    }  # fmt: skip
    attempt.save()
    for step in steps:
        step.pk, step.attempt = None, attempt
        step.save()
    return reverse("progress:shared", args=[attempt.share_token])


def _imported_data(world: World, text: str, topic: Topic, question: Question) -> None:
    """What a learner brings in a data file: every text field of the export format."""
    now = timezone.now()
    data = {
        "format": portability.FORMAT,
        "version": portability.VERSION,
        "username": _short(text, 150),
        "time_zone": "UTC",
        "plan": {
            "timeline": "short",
            "interview_date": (now + timedelta(days=20)).date().isoformat(),
            "started_on": now.date().isoformat(),
            "paused_on": None,
            "items": [
                {"key": f"topic:{topic.slug}", "kind": "topic", "label": _short(text, 250), "due_on": None},
                {"key": "reading:blogs:1", "kind": "reading", "label": _short(text, 250), "due_on": None},
            ],
        },
        "progress": [
            {"topic": topic.slug, "question": None, "status": "done", "note": text, "bookmarked": True},
            {"topic": None, "question": question.slug, "status": "in_progress", "note": text, "bookmarked": True},
        ],
        "attempts": [
            {
                "question": question.slug,
                "mode": "untimed",
                "started_at": now.isoformat(),
                "submitted_at": now.isoformat(),
                "self_assessment": {_short(text, 80): True},
                "report": {"engine_version": 1, "score": 100, "steps": [{"verdict": text}]},
                "steps": [{"step": n, "text": text, "version": 1} for n in (1, 2, 3, 4)],
            }
        ],
    }
    upload = json.dumps(data).encode()
    response = world.clients["importer"].post(reverse("accounts:data-import"), {"file": _upload("data.json", upload)})
    assert response.status_code in (302, 400), response.status_code


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _anki_package(text: str) -> None:
    model = genanki.Model(1_234_567, "X", fields=[{"name": "F"}, {"name": "B"}], templates=[
        {"name": "c", "qfmt": "{{F}}", "afmt": "{{B}}"}
    ])  # fmt: skip
    deck = genanki.Deck(7_654_321, f"Imported::{_short(text, 100)}")
    deck.add_note(genanki.Note(model=model, fields=[text or "x", text or "x"], guid="xss-anki-note"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.apkg"
        genanki.Package(deck).write_to_file(str(path))
        with contextlib.suppress(AnkiImportError):  # refusing (a NUL, a note too costly to render) is safe
            import_apkg(path.read_bytes(), attribution=text)


def _upstream(text: str) -> None:
    """The upstream importer, fed a primer whose section about our topic is `text`."""
    readme = (
        "# The System Design Primer\n\n## Index of system design topics\n\n* [Xss topic](#xss-topic)\n\n"
        f"## System design topics: start here\n\nIntro.\n\n## Xss topic\n\n{text}\n\n"
        "## Additional system design interview questions\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "README.md").write_text(readme, encoding="utf-8")
        token = current_via.set("import")
        try:
            import_primer(folder)
        finally:
            current_via.reset(token)


def _content_file(text: str) -> None:
    """The content loader, reading a topic file written by someone with `text` in every field."""
    with tempfile.TemporaryDirectory() as folder:
        body = text.replace("+++", "+ ++")
        (Path(folder) / "xss-loaded.md").write_text(
            f"+++\ntitle = {toml_string(_short(text, 200))}\nsummary = {toml_string(_short(text, 600))}\n"
            f'parent = "xss-section"\nadvantages = [{toml_string(text or "x")}]\n+++\n{body}\n',
            encoding="utf-8",
        )
        with contextlib.suppress(ContentError):  # the loader refusing the file is a safe outcome
            load_topics(Path(folder))


def _list_records(texts: list[str], section: Topic) -> None:
    """One small record per text, so list pages (indexes, search, admin lists) show each in a title."""
    for index, text in enumerate(texts):
        Topic.objects.create(
            slug=f"xss-extra-{index}", title=_short(text, 200), summary=_short(text, 600), parent=section,
            order=10 + index, status=Publication.PUBLISHED, body=f"caching {text}",
        )  # fmt: skip
        Question.objects.create(
            slug=f"xss-extra-{index}", title=_short(text, 200), summary=_short(text, 600), status=Publication.PUBLISHED,
            kind=Kind.ADDITIONAL, prompt=f"caching {text}",
        )  # fmt: skip
        deck = Deck.objects.create(slug=f"xss-extra-{index}", title=_short(text, 200), description=text)
        Card.objects.create(deck=deck, guid=f"xss-extra-{index}", front=text or "x", back=text or "x")
    renumber()


def build_world(texts: str | list[str]) -> World:
    """A world whose every field holds the texts (joined by blank lines), and a titled record per text."""
    texts = [texts] if isinstance(texts, str) else texts
    text = "\n\n".join(texts)
    users = _users()
    world = World(text=text, clients=_clients(users))
    section, topic, question = _editor_content(text)
    _list_records(texts, section)
    submitted, draft = _learner_writes(world, text, topic, question)
    legacy = _legacy_report(world, text, submitted)
    _imported_data(world, text, topic, question)
    _anki_package(text)
    _upstream(text)
    _content_file(text)
    token = users["owner"].attempts.get(pk=submitted).share_token
    world.share_url = reverse("progress:shared", args=[token])
    imported = users["importer"].attempts.order_by("pk").first()
    public = [
        "/", reverse("topics:index"), reverse("topics:detail", args=[topic.slug]),
        reverse("topics:detail", args=[section.slug]), reverse("topics:detail", args=[topic.slug]) + "?text=other",
        reverse("topics:detail", args=[topic.slug]) + "?text=system-design-primer",
        reverse("questions:index"), reverse("questions:detail", args=[question.slug]),
        reverse("search:index") + "?q=caching", reverse("reference:estimate") + "?daily_active_users=" + _query(text),
    ]  # fmt: skip
    world.searches = [reverse("search:index") + "?q=" + _query(one) for one in texts]
    world.add("visitor", *public, world.share_url)
    world.add(
        "owner",
        "/", reverse("progress:plan"), reverse("progress:plan-print"), reverse("topics:detail", args=[topic.slug]),
        reverse("questions:detail", args=[question.slug]), reverse("progress:practice-start", args=[question.slug]),
        reverse("progress:attempt", args=[draft]), reverse("progress:attempt-report", args=[submitted]),
        reverse("flashcards:index"), reverse("flashcards:review") + "?deck=xss-deck", reverse("accounts:data"),
    )  # fmt: skip
    if imported is not None:
        world.add("importer", "/", reverse("progress:plan"), reverse("progress:attempt-report", args=[imported.pk]))
    card = Card.objects.filter(guid="anki:xss-anki-note").select_related("deck").first()
    if card is not None:
        world.add("importer", reverse("flashcards:review") + f"?deck={card.deck.slug}")
    admin = [
        world.share_url,
        legacy,
        reverse("admin:topics_topic_change", args=[topic.pk]),
        reverse("admin:topics_topic_versions", args=[topic.pk]),
        reverse("admin:topics_topic_changelist"),
        reverse("admin:questions_question_change", args=[question.pk]),
        reverse("admin:questions_question_changelist"),
        reverse("admin:questions_question_test_rubric", args=[question.pk]) + "?sample=1",
        reverse("admin:questions_samplesolution_change", args=[question.solutions.all()[0].pk]),
        reverse("admin:questions_solutionstep_change", args=[SolutionStep.objects.filter(solution__question=question)[0].pk]),
        reverse("admin:flashcards_card_change", args=[Card.objects.get(guid="xss-card").pk]),
        reverse("admin:flashcards_deck_change", args=[Deck.objects.get(slug="xss-deck").pk]),
        reverse("admin:topics_alternativetext_change", args=[topic.alternatives.all()[0].pk]),
        reverse("admin:auth_user_change", args=[users["importer"].pk]),
    ]  # fmt: skip
    world.add("editor", *admin)
    _reflected(world, text, question)
    return world


def _reflected(world: World, text: str, question: Question) -> None:
    """Forms whose answer shows what was typed or uploaded: each gets `text` in every field."""
    short = _short(text, 150)
    world.posts += [
        ("visitor", reverse("signup"), lambda: {"username": short, "email": short, "password1": text[:100]}),
        ("visitor", reverse("login"), lambda: {"username": short, "password": "x"}),
        ("visitor", reverse("password_reset"), lambda: {"email": short}),
        ("owner", reverse("accounts:data"), lambda: {"form": "time_zone", "time_zone": short}),
        ("owner", reverse("flashcards:index"), lambda: {"desired_retention": short, "new_cards_per_day": short}),
        ("owner", reverse("progress:plan"), lambda: {"timeline": short, "interview_date": short}),
        ("owner", reverse("accounts:data-import"), lambda: {"file": _upload("d.json", text.encode())}),
        (
            "editor",
            reverse("admin:questions_question_test_rubric", args=[question.pk]),
            lambda: {f"step{n}": text for n in (1, 2, 3, 4)},
        ),
        ("editor", reverse("admin:flashcards_deck_import"), lambda: {"file": _upload("x.apkg", _apkg_bytes(text))}),
        (
            "editor",
            reverse("admin:topics_alternativetext_import"),
            lambda: {"archive": _upload("primer.zip", _primer_zip(text)), "dry_run": "on"},
        ),
    ]


def _apkg_bytes(text: str) -> bytes:
    model = genanki.Model(1_234_568, "Y", fields=[{"name": "F"}, {"name": "B"}], templates=[
        {"name": "c", "qfmt": "{{F}}", "afmt": "{{B}}"}
    ])  # fmt: skip
    deck = genanki.Deck(7_654_322, _short(text, 100))
    deck.add_note(genanki.Note(model=model, fields=[text or "x", text or "x"], guid="xss-reflected"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()


def _primer_zip(text: str) -> bytes:
    import io
    import zipfile

    heading = " ".join(text.split())[:200] or "x"
    readme = (
        "# The System Design Primer\n\n## Index of system design topics\n\n"
        f"* [{heading}](#x)\n\n## System design topics: start here\n\nIntro.\n\n## {heading}\n\n{text}\n\n"
        "## Additional system design interview questions\n"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("system-design-primer/README.md", readme)
    return out.getvalue()


def _query(text: str) -> str:
    from urllib.parse import quote

    return quote(text[:200], safe="")
