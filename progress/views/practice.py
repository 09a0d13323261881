from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.requests import LearnerRequest
from flashcards.models import CardState
from primer.csp import allow_diagram_styles
from progress import reports
from progress.models import STEP_LIMIT, Attempt, AttemptStep, Mode
from progress.services import practice
from questions.engine.grade import ENGINE_VERSION, Report, highlight_spans
from questions.engine.stored import read_report
from questions.lexicon import current_lexicon
from questions.models import Question, SampleSolution, Step


def _get_attempt_for_user(request: LearnerRequest, pk: int) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("question"), pk=pk, user=request.user)


def _get_step_for_user(request: LearnerRequest, pk: int, number: int) -> AttemptStep:
    return get_object_or_404(
        AttemptStep.objects.select_related("attempt__question"), attempt__pk=pk, attempt__user=request.user, step=number
    )


def _samples(question: Question, chosen: str | None = None) -> tuple[list[SampleSolution], SampleSolution | None]:
    solutions = list(question.solutions.prefetch_related("steps"))
    solution = next((s for s in solutions if str(s.pk) == chosen), solutions[0] if solutions else None)
    return solutions, solution


@require_http_methods(["GET", "POST"])
@login_required
def practice_start(request: LearnerRequest, slug: str) -> HttpResponse:
    question = get_object_or_404(Question.objects.published().practicable(), slug=slug)
    if request.method == "POST":
        mode = request.POST.get("mode")
        if mode not in Mode.values:
            messages.error(request, "Choose untimed or interview mode.")
            return redirect("progress:practice-start", slug=slug)
        attempt = practice.attempt_start(user=request.user, question=question, mode=mode, now=timezone.now())
        return redirect("progress:attempt", pk=attempt.pk)
    attempts = list(Attempt.objects.filter(user=request.user, question=question).order_by("-started_at")[:20])
    return render(
        request, "progress/practice_start.html", {"question": question, "attempts": attempts, "modes": Mode.choices}
    )


@require_GET
@login_required
def attempt_editor(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    if attempt.is_submitted:
        return redirect("progress:attempt-report", pk=pk)
    _, solution = _samples(attempt.question)
    samples = {s.step: s for s in solution.steps.all()} if solution else {}
    steps = [(step, samples.get(step.step)) for step in attempt.steps.all()]
    context = {
        "attempt": attempt,
        "question": attempt.question,
        "steps": steps,
        "labels": dict(Step.choices),
        "limit": STEP_LIMIT,
        "now": timezone.now(),
    }
    return allow_diagram_styles(render(request, "progress/attempt.html", context))


def _flooded(request: LearnerRequest) -> bool:
    key = f"autosave-rate:{request.user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) > settings.AUTOSAVE_MAX_PER_MINUTE
    except ValueError:
        return False


@require_POST
@login_required
def attempt_save(request: LearnerRequest, pk: int, number: int) -> HttpResponse:
    step = _get_step_for_user(request, pk, number)
    context: dict[str, object] = {"step": step, "attempt": step.attempt}
    if step.attempt.is_submitted:
        context["problem"] = "This attempt was submitted; start a new attempt to change it."
        return _save_response(request, context, status=409)
    if _flooded(request):
        context["problem"] = "Too many saves in a minute; your text is kept in this browser and will be saved shortly."
        return _save_response(request, context, status=429)
    text = request.POST.get("text", "")
    try:
        base = int(request.POST.get("version", ""))
        seconds = int(request.POST.get("seconds", "0") or 0)
    except ValueError:
        context["problem"] = "The save was malformed; reload the page (your text is kept in this browser)."
        return _save_response(request, context, status=400)
    try:
        saved = practice.attempt_save_step(step=step, text=text, base_version=base, seconds=seconds, now=timezone.now())
    except practice.StepRefused as exc:
        context["problem"] = str(exc)
        return _save_response(request, context, status=413)
    if not saved:
        context |= {"conflict": True, "mine": text}
        return _save_response(request, context, status=409)
    return _save_response(request, context)


def _save_response(request: LearnerRequest, context: dict, status: int = 200) -> HttpResponse:
    if request.htmx:
        return render(request, "progress/attempt.html#save-status", context, status=status)
    if status == 200:
        return redirect("progress:attempt", pk=context["attempt"].pk)
    response = render(request, "progress/save_problem.html", context, status=status)
    return response


@require_POST
@login_required
def attempt_step_action(request: LearnerRequest, pk: int, number: int, action: str) -> HttpResponse:
    step = _get_step_for_user(request, pk, number)
    now = timezone.now()
    if action == "submit":
        practice.attempt_submit_step(step=step, now=now)
    elif action == "reveal":
        practice.attempt_reveal(step=step, now=now)
    else:
        raise Http404("No such action.")
    if request.htmx:
        _, solution = _samples(step.attempt.question)
        sample = solution.steps.filter(step=number).first() if solution else None
        response = render(
            request, "progress/attempt.html#sample", {"step": step, "sample": sample, "attempt": step.attempt}
        )
        return allow_diagram_styles(response)
    return redirect(f"{step.attempt.get_absolute_url()}#step-{number}")


@require_POST
@login_required
def attempt_submit(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    return redirect("progress:attempt-report", pk=pk)


def _report_context(request: LearnerRequest, attempt: Attempt, *, owner: bool) -> dict:
    solutions, solution = _samples(attempt.question, request.GET.get("solution"))
    samples = {s.step: s for s in solution.steps.all()} if solution else {}
    previous = reports.previous_attempt(attempt) if owner else None
    previous_steps = {s.step: s.text for s in previous.steps.all()} if previous else {}
    try:
        report = read_report(attempt.report)
    except ValueError:
        report = None  # not a report this engine wrote: shown as unreadable, re-grade fixes it
    spans = highlight_spans(report) if report else {}
    rows = []
    for step, data in zip(attempt.steps.all(), report.steps if report else [], strict=False):
        rows.append(
            {
                "step": step,
                "data": data,
                "answer": None if step.marked_html else reports.highlight(step.text, spans.get(step.step, [])),
                "sample": samples.get(step.step),
                "diff": reports.word_diff(previous_steps.get(step.step, ""), step.text) if previous else None,
            }
        )
    history = (
        list(
            Attempt.objects.filter(
                user=attempt.user_id, question=attempt.question_id, submitted_at__isnull=False
            ).order_by("submitted_at")
        )
        if owner
        else []
    )
    return {
        "attempt": attempt,
        "question": attempt.question,
        "rows": rows,
        "report": report,
        "solutions": solutions,
        "solution": solution,
        "previous": previous,
        "delta": round(attempt.score - previous.score, 1)
        if previous and attempt.score is not None and previous.score is not None
        else None,
        "chart": reports.score_chart(history),
        "stale": _stale(attempt, report) if owner else [],
        "redo": CardState.objects.filter(
            user=attempt.user_id, card__question=attempt.question_id, card__deck__slug="exercises"
        )
        .values_list("due", flat=True)
        .first()
        if owner
        else None,
        "owner": owner,
    }


def _stale(attempt: Attempt, report: Report | None) -> list[str]:
    """Why a re-grade would give another result: the rubric, the grader or the lexicon changed since."""
    reasons = []
    if attempt.report_rubric_version != attempt.question.rubric_version:
        reasons.append(
            f"the rubric is now v{attempt.question.rubric_version} (this report used v{attempt.report_rubric_version})"
        )
    if report is not None and report.engine_version != ENGINE_VERSION:
        reasons.append(f"the grader is now version {ENGINE_VERSION} (this report used version {report.engine_version})")
    elif report is not None and report.lexicon and report.lexicon != current_lexicon().digest:
        reasons.append("the lexicon of concepts has changed since this report")
    return reasons


@require_GET
@login_required
def attempt_report(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    if not attempt.is_submitted:
        return redirect("progress:attempt", pk=pk)
    context = _report_context(request, attempt, owner=True)
    if attempt.share_token:
        context["share_url"] = request.build_absolute_uri(reverse("progress:shared", args=[attempt.share_token]))
    return allow_diagram_styles(render(request, "progress/report.html", context))


@require_GET
def shared_report(request: LearnerRequest, token: str) -> HttpResponse:
    attempt = get_object_or_404(
        Attempt.objects.select_related("question", "user"), share_token=token, submitted_at__isnull=False
    )
    return allow_diagram_styles(render(request, "progress/report.html", _report_context(request, attempt, owner=False)))


@require_POST
@login_required
def attempt_self_check(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    keys = {c.key for c in attempt.question.checkpoints.all()}
    attempt.self_assessment = {key: key in request.POST.getlist("ticked") for key in sorted(keys)}
    attempt.save(update_fields=["self_assessment"])
    if request.htmx:
        return HttpResponse('<p class="save-status is-saved" role="status">Your ticks are saved.</p>')
    messages.success(request, "Your self-assessment is saved.")
    return redirect("progress:attempt-report", pk=pk)


@require_POST
@login_required
def attempt_regrade(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    if attempt.is_submitted:
        practice.attempt_regrade(attempt=attempt)
        messages.success(request, f"Re-graded with rubric version {attempt.report_rubric_version}: {attempt.score}%.")
    return redirect("progress:attempt-report", pk=pk)


@require_POST
@login_required
def attempt_share(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    enable = request.POST.get("share") == "on"
    practice.attempt_share(attempt=attempt, enable=enable)
    messages.success(request, "Read-only link created." if enable else "The link is revoked; it no longer works.")
    return redirect("progress:attempt-report", pk=pk)
