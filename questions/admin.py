from django.contrib import admin
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html

from curation import history
from curation.admin import (
    MARKDOWN_EDITOR,
    LabelledAdminMixin,
    LabelledInlineMixin,
    PublishActionsMixin,
    VersionsAdminMixin,
    text_areas,
)
from questions.forms import RubricTestForm
from questions.models import (
    Checkpoint,
    Concept,
    Erratum,
    Given,
    LexiconArea,
    Question,
    ReferenceNumber,
    SampleSolution,
    SolutionStep,
)
from questions.rubric import VERSION_KEY, grade_answer, rubric_change, rubric_replace, rubric_snapshot, sample_answers


class CheckpointInline(admin.StackedInline):
    model = Checkpoint
    extra = 0
    fields = [
        ("step", "level", "weight", "order", "key", "estimate"),
        "label",
        ("concepts", "qualifiers", "contradicts"),
        "explanation",
        "example",
    ]
    formfield_overrides = text_areas(3)


class GivenInline(LabelledInlineMixin, admin.TabularInline):
    model = Given
    extra = 0
    fields = ["key", "name", "value", "unit", "words", "order"]
    formfield_overrides = text_areas(2)


class ReferenceNumberInline(LabelledInlineMixin, admin.TabularInline):
    model = ReferenceNumber
    extra = 0
    fields = [
        "step",
        "key",
        "name",
        "formula",
        "value",
        "unit",
        "tolerance",
        "weight",
        "derivation",
        "keywords",
        "order",
    ]
    readonly_fields = ["value"]
    formfield_overrides = text_areas(2)


class ErratumInline(admin.StackedInline):
    model = Erratum
    extra = 0
    fields = ["solution", "step", "text"]
    formfield_overrides = MARKDOWN_EDITOR


class SampleSolutionInline(LabelledInlineMixin, admin.TabularInline):
    model = SampleSolution
    extra = 0
    fields = ["label", "is_primary", "order", "edit_steps"]
    readonly_fields = ["edit_steps"]

    @admin.display(description="Steps")
    def edit_steps(self, solution: SampleSolution) -> str:
        if not solution.pk:
            return "Save first"
        return format_html(
            '<a href="{}">Edit its steps</a>', reverse("admin:questions_samplesolution_change", args=[solution.pk])
        )


@admin.register(Question)
class QuestionAdmin(LabelledAdminMixin, PublishActionsMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "difficulty", "order", "status", "rubric_version", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "kind", "difficulty", "topics"]
    search_fields = ["title", "slug", "summary", "prompt"]
    ordering = ["kind", "order"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "practice"]
    readonly_fields = [
        "rubric_version",
        "published_at",
        "created_at",
        "updated_at",
        "test_rubric_link",
        "versions_link",
    ]
    inlines = [SampleSolutionInline, GivenInline, CheckpointInline, ReferenceNumberInline, ErratumInline]
    formfield_overrides = MARKDOWN_EDITOR
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "difficulty", "order", "status", "topics", "practice"]}),
        ("Text", {"fields": ["summary", "prompt", "links", "code_filename", "code"]}),
        ("Rubric", {"fields": ["rubric_version", "test_rubric_link"]}),
        ("History", {"fields": ["versions_link"]}),
        ("Dates", {"fields": ["published_at", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("summary", "code"):
            kwargs["widget"] = admin_widgets.AdminTextareaWidget(
                attrs={"rows": 3 if db_field.name == "summary" else 20}
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change) -> None:
        rubric_changed = any(
            formset.has_changed() for formset in formsets if formset.model in (Checkpoint, ReferenceNumber, Given)
        )
        if change and rubric_changed:
            with rubric_change(form.instance):
                super().save_related(request, form, formsets, change)
        else:
            super().save_related(request, form, formsets, change)

    @admin.display(description="Test this rubric")
    def test_rubric_link(self, question: Question) -> str:
        if not question.pk:
            return "Save the question first."
        url = reverse("admin:questions_question_test_rubric", args=[question.pk])
        return format_html('<a href="{}">Grade an answer against this rubric</a>', url)

    def get_urls(self):
        extra = [
            path(
                "<id:pk>/test-rubric/",
                self.admin_site.admin_view(self.test_rubric),
                name="questions_question_test_rubric",
            )
        ]
        return extra + super().get_urls()

    def test_rubric(self, request: HttpRequest, pk: int) -> HttpResponse:
        question = get_object_or_404(Question.objects.prefetch_related("checkpoints", "numbers", "givens"), pk=pk)
        if not self.has_view_permission(request, question):
            return HttpResponse(status=403)
        report = None
        if request.method == "POST":
            form = RubricTestForm(request.POST)
            if form.is_valid():
                report = grade_answer(question, form.answers())
        elif "sample" in request.GET:
            sample = sample_answers(question)
            form = RubricTestForm(initial={f"step{n}": sample.get(n, "") for n in (1, 2, 3, 4)})
        else:
            form = RubricTestForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "question": question,
            "form": form,
            "report": report,
            "title": f"Test the rubric of “{question.title}”",
        }
        return render(request, "admin/questions/test_rubric.html", context)

    def restore_version(self, request, obj, version) -> None:
        if VERSION_KEY in version.data:
            rubric_replace(obj, version.data[VERSION_KEY], via="restore")
        else:
            history.restore(obj, version)

    def data_diff(self, obj, version):
        return history.diff({"rubric": version.data.get(VERSION_KEY, {})}, {"rubric": rubric_snapshot(obj)})


class SolutionStepInline(admin.StackedInline):
    model = SolutionStep
    extra = 0
    fields = ["step", "title", "body"]
    formfield_overrides = MARKDOWN_EDITOR


@admin.register(SolutionStep)
class SolutionStepAdmin(LabelledAdminMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["solution", "step", "title"]
    list_filter = ["step", "solution__label"]
    search_fields = ["solution__question__title", "body"]
    readonly_fields = ["versions_link"]
    fields = ["solution", "step", "title", "body", "versions_link"]
    formfield_overrides = MARKDOWN_EDITOR


@admin.register(SampleSolution)
class SampleSolutionAdmin(LabelledAdminMixin, admin.ModelAdmin):
    list_display = ["question", "label", "is_primary"]
    list_filter = ["is_primary", "question__kind"]
    search_fields = ["question__title", "label"]
    autocomplete_fields = ["question"]
    inlines = [SolutionStepInline]


class ConceptInline(admin.StackedInline):
    model = Concept
    extra = 0
    fields = [("slug", "name", "order", "problem"), ("terms", "products", "exact", "broader")]
    formfield_overrides = text_areas(4)


@admin.register(LexiconArea)
class LexiconAreaAdmin(LabelledAdminMixin, VersionsAdminMixin, admin.ModelAdmin):
    """The lexicon the comparison engine reads: editing it changes how every answer is graded."""

    list_display = ["title", "slug", "order", "concept_count"]
    search_fields = ["title", "slug", "concepts__slug", "concepts__name", "concepts__terms", "concepts__products"]
    readonly_fields = ["versions_link"]
    fields = ["title", "slug", "order", "notes", "versions_link"]
    inlines = [ConceptInline]
    formfield_overrides = MARKDOWN_EDITOR

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(concept_total=models.Count("concepts"))

    @admin.display(description="Concepts", ordering="concept_total")
    def concept_count(self, area: LexiconArea) -> int:
        return area.concept_total  # type: ignore[attr-defined]


@admin.register(Concept)
class ConceptAdmin(LabelledAdminMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "name", "area", "problem"]
    list_filter = ["area", "problem"]
    search_fields = ["slug", "name", "terms", "products", "exact"]
    readonly_fields = ["versions_link"]
    fields = ["area", "slug", "name", "terms", "products", "exact", "broader", "problem", "order", "versions_link"]
    formfield_overrides = text_areas(4)
