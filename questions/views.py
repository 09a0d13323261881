from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from primer.csp import allow_diagram_styles
from primer.pagecache import shared_page
from questions.forms import QuestionFilterForm
from questions.models import Kind, Question, SampleSolution, SolutionStep
from questions.steps import step_heading
from topics.models import Topic


@require_GET
@shared_page
def index(request: HttpRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET or None)
    questions = Question.objects.published().select_related("practice").order_by("kind", "order", "title")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            questions = questions.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["difficulty"]:
            questions = questions.filter(difficulty=form.cleaned_data["difficulty"])
        if form.cleaned_data["topic"]:
            questions = questions.filter(topics=form.cleaned_data["topic"])
    questions = questions.prefetch_related(Prefetch("topics", queryset=Topic.objects.published().only("slug", "title")))
    groups: dict[Kind, list[Question]] = {kind: [] for kind in Kind}
    for question in questions:
        groups[Kind(question.kind)].append(question)
    context = {
        "form": form,
        "groups": [(kind.label, kind.value, items) for kind, items in groups.items() if items],
        "count": sum(len(items) for items in groups.values()),
    }
    return render(request, "questions/index.html", context)


@require_GET
@shared_page
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.visible_to(request.user)
        .select_related("practice")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.published().only("slug", "title", "depth")),
            Prefetch(
                "solutions",
                queryset=SampleSolution.objects.prefetch_related(
                    Prefetch("steps", queryset=SolutionStep.objects.order_by("step"))
                ),
            ),
            "errata",
            "checkpoints",
            "numbers",
            "listed_as",
        ),
        slug=slug,
    )
    solutions = list(question.solutions.all())
    chosen = next(
        (s for s in solutions if str(s.pk) == request.GET.get("solution")), solutions[0] if solutions else None
    )
    errata_by_step: dict[int | None, list] = {}
    for erratum in question.errata.all():
        if erratum.solution_id in (None, chosen.pk if chosen else None):
            errata_by_step.setdefault(erratum.step, []).append(erratum)
    steps = [
        (step, errata_by_step.get(step.step, []), step_heading(question.kind, step.step, step.title))
        for step in (chosen.steps.all() if chosen else [])
    ]
    has_diagram = any(step.has_diagram for step, _, _ in steps)
    context = {
        "question": question,
        "solutions": solutions,
        "solution": chosen,
        "steps": steps,
        "general_errata": errata_by_step.get(None, []),
        "has_diagram": has_diagram,
    }
    response = render(request, "questions/detail.html", context)
    return allow_diagram_styles(response) if has_diagram else response
