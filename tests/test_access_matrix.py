"""Every URL with an id, a slug or a token, as its owner, another learner, an editor and a visitor.

The list of URLs comes from the URL configuration itself, so a new URL joins the matrix (and
fails until it is given a rule below). For each URL and role, a GET and a POST: the status
must be what the rule says, the response must not show the owner's private text to anyone
else, and nothing of the owner's may change unless the owner asked.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import portability
from primer.publication import Publication
from progress.models import Attempt, Mode
from progress.services import plan as plan_services
from progress.services import practice, tracking
from questions.models import Question
from tests.support.catalogue import small_catalogue
from topics.models import Topic

pytestmark = pytest.mark.django_db
SECRET = "owner-secret-words-7431"
ROLES = ("owner", "other", "editor", "visitor")


def _patterns(patterns=None, prefix="", namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


WITH_PARAMETERS = sorted({name for name, route in _patterns() if "<" in route or "(?P<" in route})


@dataclass
class Fixture:
    users: dict
    clients: dict[str, Client]
    attempt: Attempt
    draft: Attempt
    plan_item: int
    topic: Topic
    draft_topic: Topic
    question: Question


@pytest.fixture
def world(db) -> Fixture:
    User = get_user_model()  # noqa: N806
    users = {
        "owner": User.objects.create_user("owner", "owner@example.com", "pw-owner-123456"),
        "other": User.objects.create_user("other", "other@example.com", "pw-other-123456"),
        "editor": User.objects.create_superuser("editor", "editor@example.com", "pw-editor-123456"),
    }
    catalogue = small_catalogue()
    topic, question = catalogue.topic, catalogue.question
    draft_topic = Topic.objects.create(slug="unpublished", title="Unpublished", summary="s", status=Publication.DRAFT)
    owner = users["owner"]
    plan_services.plan_set_up(user=owner, timeline="short", interview_date=None, today=timezone.localdate())
    tracking.progress_save_note(user=owner, target=topic, note=SECRET, today=timezone.localdate())
    attempt = practice.attempt_start(user=owner, question=question, mode=Mode.UNTIMED, now=timezone.now())
    step = attempt.steps.get(step=1)
    practice.attempt_save_step(step=step, text=SECRET, base_version=0, seconds=1, now=timezone.now())
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    practice.attempt_share(attempt=attempt, enable=True)
    draft = practice.attempt_start(user=owner, question=question, mode=Mode.UNTIMED, now=timezone.now())
    practice.attempt_save_step(step=draft.steps.get(step=2), text=SECRET, base_version=0, seconds=1, now=timezone.now())
    clients = {"visitor": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user, backend="accounts.backends.LearnerBackend")
    return Fixture(users, clients, attempt, draft, owner.study_plan.items.all()[0].pk, topic, draft_topic, question)


# The rules ---------------------------------------------------------------------------------
# Each URL name maps to (how to fill its parameters, rule). Rules:
#   own      the owner's object: 404 to other learners and editors, login for visitors
#   self     a signed-in learner acts on their own data: any learner, login for visitors
#   token    whoever has the token reads it; a wrong token is a 404
#   public   anyone reads it; a draft is a 404
#   staff    the admin: editors only, everyone else is sent to the admin login


def _owner_attempt(w: Fixture) -> dict:
    return {"pk": w.attempt.pk}


RULES = {
    "progress:plan-item-done": (lambda w: {"pk": w.plan_item}, "own"),
    "progress:attempt": (lambda w: {"pk": w.draft.pk}, "own"),
    "progress:attempt-save": (lambda w: {"pk": w.draft.pk, "number": 2}, "own"),
    "progress:attempt-step-action": (lambda w: {"pk": w.draft.pk, "number": 2, "action": "reveal"}, "own"),
    "progress:attempt-submit": (lambda w: {"pk": w.draft.pk}, "own"),
    "progress:attempt-report": (_owner_attempt, "own"),
    "progress:attempt-self-check": (_owner_attempt, "own"),
    "progress:attempt-regrade": (_owner_attempt, "own"),
    "progress:attempt-share": (_owner_attempt, "own"),
    "progress:status": (lambda w: {"kind": "topic", "slug": w.topic.slug}, "self"),
    "progress:note": (lambda w: {"kind": "topic", "slug": w.topic.slug}, "self"),
    "progress:bookmark": (lambda w: {"kind": "topic", "slug": w.topic.slug}, "self"),
    "progress:practice-start": (lambda w: {"slug": w.question.slug}, "self"),
    "progress:shared": (lambda w: {"token": w.attempt.share_token}, "token"),
    "progress:calendar": (lambda w: {"token": w.users["owner"].learner.calendar_token}, "token"),
    "password_reset_confirm": (
        lambda w: {
            "uidb64": urlsafe_base64_encode(force_bytes(w.users["owner"].pk)),
            "token": default_token_generator.make_token(w.users["owner"]),
        },
        "reset",
    ),
    "topics:detail": (lambda w: {"slug": w.topic.slug}, "public"),
    "questions:detail": (lambda w: {"slug": w.question.slug}, "public"),
    "reference:links": (lambda w: {"name": "blogs"}, "public"),
}
WRONG = {"pk": 999_999, "token": "no-such-token-aaaaaaaaaaaaaaaaaaaaa", "slug": "no-such-slug"}


def _admin_kwargs(name: str, route: str, w: Fixture) -> dict:
    """Parameters for one of the admin's URLs: a real object of that model where there is one."""
    kwargs: dict[str, object] = {}
    if "app_label" in route:
        kwargs["app_label"] = "topics"
    for model in admin_site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            instance = model._default_manager.order_by("pk").first()
            key = "pk" if "<id:pk>" in route else "object_id"
            if key in route or "object_id" in route:
                kwargs[key] = instance.pk if instance else 999_999
            if "<id>" in route or "(?P<id>" in route:
                kwargs["id"] = instance.pk if instance else 999_999
    if "content_type_id" in route:
        kwargs |= {"content_type_id": 1, "object_id": 1}
    return kwargs


def _url(name: str, w: Fixture) -> tuple[str, str]:
    route = dict(_patterns())[name]
    if name in RULES:
        fill, rule = RULES[name]
        return reverse(name, kwargs=fill(w)), rule
    if name.startswith("admin:"):
        return reverse(name, kwargs=_admin_kwargs(name, route, w)), "staff"
    pytest.fail(f"{name} ({route}) has parameters but no rule in the access matrix: add one to RULES")


def _snapshot(w: Fixture) -> dict:
    owner = w.users["owner"]
    data = portability.export_data(owner)
    data["share"] = Attempt.objects.filter(user=owner).values_list("pk", "share_token", "submitted_at").order_by("pk")
    data["share"] = list(data["share"])
    return data


def _expected(rule: str, role: str, method: str) -> set[int]:
    if rule == "staff":
        return {200, 302, 400, 404} if role == "editor" else {302}  # 404: no such version or object
    if rule == "own":
        if role == "owner":
            return {200, 302, 400, 405, 409}
        if role == "visitor":
            return {302, 405}
        return {404, 405}
    if rule == "self":
        return {302, 405} if role == "visitor" else {200, 302, 400, 405}
    if rule in ("token", "public", "reset"):
        return {200, 302} if method == "GET" else {405, 200, 302}
    raise AssertionError(rule)


@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_every_role_gets_what_the_rule_allows_and_nothing_of_the_owners_leaks(world, name):
    url, rule = _url(name, world)
    before = _snapshot(world)
    for role in ROLES:
        for method in ("GET", "POST"):
            client = world.clients[role]
            response = client.get(url) if method == "GET" else client.post(url, {"text": "changed", "version": 0})
            assert response.status_code in _expected(rule, role, method), (role, method, url, response.status_code)
            body = response.content.decode(errors="replace")
            if role != "owner" and rule not in ("token", "staff"):
                assert SECRET not in body, (role, method, url)
            if rule == "staff" and role != "editor":
                assert "/admin/login/" in response["Location"], (role, method, url)
            if role != "owner" and method == "POST" and rule in ("own", "token", "public"):
                assert _snapshot(world) == before, (role, method, url)
        if rule == "own":
            before = _snapshot(world)  # the owner's own posts may change things; start again from here


@pytest.mark.parametrize("name", [name for name in WITH_PARAMETERS if name in RULES])
def test_an_unknown_id_or_token_is_a_404_for_everyone(world, name):
    fill, rule = RULES[name]
    if rule in ("self", "reset") or name == "reference:links":
        return
    kwargs = {key: WRONG.get(key, value) for key, value in fill(world).items()}
    url = reverse(name, kwargs=kwargs)
    for role in ROLES:
        response = world.clients[role].get(url)
        expected = {302, 405} if role == "visitor" and rule == "own" else {404, 405}
        assert response.status_code in expected, (role, url, response.status_code)


def test_a_draft_is_a_404_on_the_public_pages_and_a_preview_for_editors(world):
    url = reverse("topics:detail", args=[world.draft_topic.slug])
    for role in ("owner", "other", "visitor"):
        assert world.clients[role].get(url).status_code == 404
    preview = world.clients["editor"].get(url)
    assert preview.status_code == 200
    assert "only editors see this page" in preview.content.decode()


def test_the_matrix_covers_the_urls_that_matter(world):
    names = set(WITH_PARAMETERS)
    assert {"progress:shared", "progress:attempt-report", "progress:calendar", "progress:plan-item-done"} <= names
    assert sum(1 for name in names if name.startswith("admin:")) >= 40
