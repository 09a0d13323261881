from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.requests import LearnerRequest
from flashcards.models import CardState
from primer.csp import allow_diagram_styles
from progress import reports
from progress.models import STEP_LIMIT, Attempt, AttemptStep, Mode
from progress.services import practice
from questions.engine.grade import ENGINE_VERSION, Report, StepReport
from questions.engine.stored import read_report
from questions.lexicon import current_lexicon
from questions.models import Question, SampleSolution, SolutionStep
from questions.steps import StepName, step_names


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
    question = get_object_or_404(Question.objects.visible_to(request.user).practicable(), slug=slug)
    if request.method == "POST":
        mode = request.POST.get("mode")
        if mode not in Mode.values:
            messages.error(request, "Choose untimed or interview mode.")
            return redirect("progress:practice-start", slug=slug)
        attempt = practice.attempt_start(user=request.user, question=question, mode=mode, now=timezone.now())
        return redirect("progress:attempt", pk=attempt.pk)
    attempts = list(Attempt.objects.filter(user=request.user, question=question).order_by("-started_at")[:20])
    context = {"question": question, "attempts": attempts, "modes": Mode.choices, "steps": step_names(question.kind)}
    return render(request, "progress/practice_start.html", context)


@require_GET
@login_required
def attempt_editor(request: LearnerRequest, pk: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, pk)
    if attempt.is_submitted:
        return redirect("progress:attempt-report", pk=pk)
    return allow_diagram_styles(render(request, "progress/attempt.html", _editor_context(attempt)))


def _editor_context(attempt: Attempt) -> dict:
    _, solution = _samples(attempt.question)
    samples = {s.step: s for s in solution.steps.all()} if solution else {}
    names = step_names(attempt.question.kind)
    steps = [(step, samples.get(step.step), names[step.step]) for step in attempt.steps.all()]
    return {
        "attempt": attempt,
        "question": attempt.question,
        "steps": steps,
        "empty_steps": [(step.step, name.label) for step, _, name in steps if not step.text.strip()],
        "limit": STEP_LIMIT,
        "now": timezone.now(),
    }


def _flooded(request: LearnerRequest) -> bool:
    key = f"autosave-rate:{request.user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) > settings.AUTOSAVE_MAX_PER_MINUTE
    except ValueError:
        return False


@dataclass(frozen=True)
class Refusal:
    """Why a step's text was not saved, for the save-status part (and the status code)."""

    problem: str = ""
    status: int = 409
    conflict: bool = False
    locked: bool = False
    mine: str = ""

    def context(self) -> dict[str, object]:
        return {"problem": self.problem, "conflict": self.conflict, "locked": self.locked, "mine": self.mine}


SUBMITTED = Refusal("This attempt was submitted; start a new attempt to change it.")


@require_POST
@login_required
def attempt_save(request: LearnerRequest, pk: int, number: int) -> HttpResponse:
    step = _get_step_for_user(request, pk, number)
    context: dict[str, object] = {"step": step, "attempt": step.attempt}
    if step.attempt.is_submitted:
        return _save_response(request, context, SUBMITTED)
    if _flooded(request):
        problem = "Too many saves in a minute; your text is kept in this browser and will be saved shortly."
        return _save_response(request, context, Refusal(problem, status=429))
    return _save_response(request, context, _save_step(request, step))


def _save_step(request: LearnerRequest, step: AttemptStep) -> Refusal | None:
    """Save the posted text of a step; None when it is saved, else why not."""
    text = request.POST.get("text", "")
    try:
        base = int(request.POST.get("version", ""))
        seconds = int(request.POST.get("seconds", "0") or 0)
    except ValueError:
        return Refusal("The save was malformed; reload the page (your text is kept in this browser).", status=400)
    try:
        saved = practice.attempt_save_step(step=step, text=text, base_version=base, seconds=seconds, now=timezone.now())
    except practice.StepLocked as exc:
        return Refusal(str(exc), locked=True, mine=text)
    except practice.StepRefused as exc:
        return Refusal(str(exc), status=413)
    return None if saved else Refusal(conflict=True, mine=text)


def _save_response(request: LearnerRequest, context: dict, refusal: Refusal | None) -> HttpResponse:
    status = refusal.status if refusal else 200
    context = context | (refusal.context() if refusal else {})
    if request.htmx:
        return render(request, "progress/attempt.html#save-status", context, status=status)
    if refusal is None:
        return redirect("progress:attempt", pk=context["attempt"].pk)
    return render(request, "progress/save_problem.html", context, status=status)


STEP_ACTIONS = {
    "submit": practice.attempt_submit_step,
    "reveal": practice.attempt_reveal,
    "reopen": practice.attempt_reopen_step,
}


@require_POST
@login_required
def attempt_step_action(request: LearnerRequest, pk: int, number: int, action: str) -> HttpResponse:
    """Submit a step, reveal its sample or reopen it, saving the step's text when it is sent.

    The text is saved before a submit or a reveal locks the step, and after a reopen unlocks it.
    htmx gets the whole step back (its lock, its sample, its version), so no part goes stale.
    """
    if action not in STEP_ACTIONS:
        raise Http404("No such action.")
    step = _get_step_for_user(request, pk, number)
    attempt = step.attempt
    refusal = SUBMITTED if attempt.is_submitted else _act(request, step, action)
    if not request.htmx:
        if refusal is None:
            return redirect(f"{attempt.get_absolute_url()}#step-{number}")
        return _save_response(request, {"step": step, "attempt": attempt}, refusal)
    _, solution = _samples(attempt.question)
    context = {
        "attempt": attempt,
        "step": step,
        "sample": solution.steps.filter(step=number).first() if solution else None,
        "name": step_names(attempt.question.kind)[number],
        "limit": STEP_LIMIT,
    } | (refusal.context() if refusal else {})
    response = render(request, "progress/attempt.html#step", context, status=refusal.status if refusal else 200)
    return allow_diagram_styles(response)


def _act(request: LearnerRequest, step: AttemptStep, action: str) -> Refusal | None:
    sent = "text" in request.POST
    if action == "reopen":  # unlocked first, so the text on show is kept
        practice.attempt_reopen_step(step=step, now=timezone.now())
        return _save_step(request, step) if sent else None
    refusal = _save_step(request, step) if sent else None  # saved before the step locks
    if refusal is None:
        STEP_ACTIONS[action](step=step, now=timezone.now())
    return refusal


@require_http_methods(["GET", "POST"])
@login_required
def attempt_submit(request: LearnerRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (naming the empty steps); POST submits, empty steps and all."""
    attempt = _get_attempt_for_user(request, pk)
    if request.method == "GET":
        if attempt.is_submitted:
            return redirect("progress:attempt-report", pk=pk)
        return render(request, "progress/attempt.html", _editor_context(attempt) | {"confirming": True})
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    return redirect("progress:attempt-report", pk=pk)


@dataclass(frozen=True)
class ReportRow:
    """One step of a report: the answer (rendered HTML), its grade, the sample and the change since last time."""

    step: AttemptStep
    name: StepName | None
    data: StepReport | None
    answer: str
    sample: SolutionStep | None
    diff: SafeString | None


def _report_context(request: LearnerRequest, attempt: Attempt, *, owner: bool) -> dict:
    solutions, solution = _samples(attempt.question, request.GET.get("solution"))
    samples = {s.step: s for s in solution.steps.all()} if solution else {}
    previous = reports.previous_attempt(attempt) if owner else None
    previous_steps = {s.step: s.text for s in previous.steps.all()} if previous else {}
    try:
        report = read_report(attempt.report)
    except ValueError:
        report = None  # not a report this engine wrote: shown as unreadable, re-grade fixes it
    graded = {data.step: data for data in report.steps} if report else {}
    names = step_names(attempt.question.kind)
    rows = [
        ReportRow(
            step=step,
            name=names.get(step.step),
            data=graded.get(step.step),
            # Rendered when graded; an answer graded before that shows the text as rendered when saved.
            answer=step.marked_html or step.text_html,
            sample=samples.get(step.step),
            diff=reports.word_diff(previous_steps.get(step.step, ""), step.text) if previous else None,
        )
        for step in attempt.steps.all()
    ]
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
        "reopened": [row.step.step for row in rows if row.step.reopened_at],
        "has_diagram": any(reports.has_diagram(row.answer) or (row.sample and row.sample.has_diagram) for row in rows),
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
