from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from primer import fulltext
from primer.links import validate_links
from primer.markdown import plain_text, render, validate_markdown
from primer.publication import Publication, PublishableQuerySet, stamp_published
from questions.engine.grade import SPECIAL_QUALIFIERS
from questions.engine.numbers import parse_reference
from topics.models import Topic


def validate_unit(value: str) -> None:
    """A reference number's unit must be one the engine reads, or grading could not compare."""
    try:
        parse_reference(1, value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class Kind(models.TextChoices):
    SYSTEM_DESIGN = "system_design", "System design"
    OBJECT_ORIENTED = "object_oriented", "Object-oriented design"
    ADDITIONAL = "additional", "Additional question"


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Step(models.IntegerChoices):
    USE_CASES = 1, "Use cases, constraints and estimates"
    HIGH_LEVEL = 2, "High-level design"
    CORE = 3, "Core components"
    SCALING = 4, "Scaling"
    TALKING_POINTS = 5, "Talking points"


ANSWER_STEPS = (Step.USE_CASES, Step.HIGH_LEVEL, Step.CORE, Step.SCALING)


class QuestionQuerySet(PublishableQuerySet):
    def search(self, query: str):
        return fulltext.search(self, query, snippet_field="search_text", order=("kind", "order"))

    def practicable(self) -> QuestionQuerySet:
        return self.exclude(kind=Kind.ADDITIONAL)


class Question(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SYSTEM_DESIGN)
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    order = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Publication.choices, default=Publication.DRAFT)
    summary = models.TextField(max_length=600)
    prompt = models.TextField(
        blank=True, help_text="Markdown: the question as an interviewer asks it.", validators=[validate_markdown]
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="questions")
    links = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_links],
        help_text='Reference links: [{"title": ..., "url": ...}], http(s) or a path on this site.',
    )
    practice = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listed_as",
        help_text="For an additional question: the full question to practise it with.",
    )
    code_filename = models.CharField(
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"\A[a-z0-9_]+\.py\Z", "A bare file name such as parking_lot.py (lowercase, digits, underscores)."
            )
        ],
        help_text="Object-oriented solution: a file name in content/questions/code/, such as parking_lot.py.",
    )
    code = models.TextField(blank=True)
    rubric_version = models.PositiveIntegerField(default=1, editable=False)
    from_content = models.BooleanField(default=False, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    prompt_html = models.TextField(blank=True, editable=False)
    code_html = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("search_text", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="question_search_gin")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.prompt_html = render(self.prompt)
        self.code_html = render(f"```python\n{self.code}\n```") if self.code.strip() else ""
        self.search_text = plain_text(self.prompt_html)
        stamp_published(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.slug])

    @property
    def is_practicable(self) -> bool:
        return self.kind != Kind.ADDITIONAL


class SampleSolution(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="solutions")
    label = models.CharField(max_length=200, default="Primer", help_text="Where this solution comes from.")
    attribution = models.TextField(blank=True)
    is_primary = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    from_content = models.BooleanField(default=False, editable=False)
    source = models.SlugField(max_length=60, blank=True, help_text="Set for imported solutions.")
    source_hash = models.CharField(max_length=64, blank=True, help_text="Hash of the steps as imported.")

    class Meta:
        ordering = ["-is_primary", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=models.Q(is_primary=True), name="one_primary_solution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.label}"


class SolutionStep(models.Model):
    solution = models.ForeignKey(SampleSolution, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(choices=Step.choices)
    title = models.CharField(max_length=120, blank=True, help_text="Heading; the step's name when empty.")
    body = models.TextField(help_text="Markdown; ```mermaid diagrams allowed.", validators=[validate_markdown])
    body_html = models.TextField(blank=True, editable=False)
    has_diagram = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["step"]
        constraints = [models.UniqueConstraint(fields=["solution", "step"], name="one_body_per_step")]

    def __str__(self) -> str:
        return f"{self.solution} step {self.step}"

    def save(self, *args, **kwargs) -> None:
        self.body_html = render(self.body)
        self.has_diagram = '<pre class="mermaid">' in self.body_html
        super().save(*args, **kwargs)


def lines(text: str) -> list[str]:
    """A field written one entry per line (or separated by commas), as a list."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


class Level(models.TextChoices):
    MID = "mid", "Mid-level"
    SENIOR = "senior", "Senior"
    STAFF = "staff", "Staff"


class LexiconArea(models.Model):
    """One file of the lexicon (`content/lexicon/<slug>.md`): an area of concepts and notes on them."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True, help_text="Markdown for reviewers: how the concepts are told apart.")
    from_content = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title


class Concept(models.Model):
    """A concept of the domain with every name it goes by, as the comparison engine reads them."""

    area = models.ForeignKey(LexiconArea, on_delete=models.CASCADE, related_name="concepts")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    terms = models.TextField(blank=True, help_text="Names matched by stem, whatever the case; one per line.")
    products = models.TextField(blank=True, help_text="Product names (Redis, Kafka); one per line.")
    exact = models.TextField(blank=True, help_text="Names matched only in exactly this case (LB, Spark); one per line.")
    broader = models.TextField(blank=True, help_text="Concepts this is a kind of; one id per line.")
    problem = models.BooleanField(
        default=False, help_text="A failure mode: avoiding it is handling it, so a negation does not reject it."
    )
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__order", "order", "slug"]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    def clean(self) -> None:
        for name in lines(self.terms) + lines(self.products) + lines(self.exact):
            if len(name) > 80:
                raise ValidationError(f"'{name[:40]}...' is too long for a name")
        unknown = [slug for slug in lines(self.broader) if not Concept.objects.filter(slug=slug).exists()]
        if unknown:
            raise ValidationError({"broader": f"no concept '{unknown[0]}'"})
        if self.slug in lines(self.broader):
            raise ValidationError({"broader": "a concept cannot be broader than itself"})
        if not (lines(self.terms) or lines(self.products) or lines(self.exact)):
            raise ValidationError("a concept needs at least one name")
        self._clean_clashes()

    def _clean_clashes(self) -> None:
        """A name another concept has, or one that reads like another's once stemmed (the loader's rule)."""
        from questions.lexicon import current_lexicon  # the lexicon module reads these models

        lexicon = current_lexicon()
        for name, exact in [(n, False) for n in lines(self.terms) + lines(self.products)] + [
            (n, True) for n in lines(self.exact)
        ]:
            taken = sorted(lexicon.owners(name, exact=exact) - {self.slug})
            if taken:
                raise ValidationError(f"'{name}' is already a name of '{taken[0]}', or reads like one once stemmed")


def validate_concept_ids(value: str) -> None:
    """Every concept a checkpoint names must be in the lexicon ('a|b' means either; '#number' is a figure)."""
    wanted = {part.strip() for entry in lines(value) for part in entry.split("|")} - set(SPECIAL_QUALIFIERS)
    known = set(Concept.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    missing = sorted(wanted - known)
    if missing:
        raise ValidationError(f"not in the lexicon: {', '.join(missing)}")


class Checkpoint(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="checkpoints")
    step = models.PositiveSmallIntegerField(choices=[(s.value, s.label) for s in ANSWER_STEPS])
    key = models.SlugField(max_length=80)
    label = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.MID)
    explanation = models.TextField(blank=True, help_text="The idea, shown when an answer misses it.")
    example = models.TextField(blank=True, help_text="One sentence showing how an answer makes the point.")
    weight = models.PositiveSmallIntegerField(default=2, validators=[MinValueValidator(1), MaxValueValidator(3)])
    concepts = models.TextField(
        help_text="Lexicon ids of what it is about (any of them); one per line.", validators=[validate_concept_ids]
    )
    qualifiers = models.TextField(
        blank=True,
        help_text="What the decision needs near it, each required; 'a|b' for either, '#number' for a figure.",
        validators=[validate_concept_ids],
    )
    contradicts = models.TextField(
        blank=True, help_text="Lexicon ids of decisions that void it; one per line.", validators=[validate_concept_ids]
    )
    estimate = models.BooleanField(default=False, help_text="About estimation (counts toward the estimates' share).")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["step", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="checkpoint_key_once")]

    def __str__(self) -> str:
        return self.label


class Given(models.Model):
    """A figure the prompt states, by the name the estimates' formulas use."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="givens")
    key = models.CharField(
        max_length=40,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", "lowercase letters, digits and _, starting with a letter")],
    )
    name = models.CharField(max_length=200)
    value = models.FloatField()
    unit = models.CharField(
        max_length=30, blank=True, validators=[validate_unit], help_text="'', /month, KB, years ..."
    )
    words = models.TextField(blank=True, help_text="Words a learner writes beside it; one per line.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="given_key_once")]

    def __str__(self) -> str:
        return f"{self.name}: {self.value:g} {self.unit}".strip()


class ReferenceNumber(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="numbers")
    step = models.PositiveSmallIntegerField(choices=[(s.value, s.label) for s in ANSWER_STEPS], default=1)
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    formula = models.CharField(max_length=300, help_text="Arithmetic over the givens' keys, e.g. pastes * paste_size.")
    value = models.FloatField(editable=False, default=0, help_text="What the formula gives, in the unit.")
    unit = models.CharField(
        max_length=30,
        blank=True,
        validators=[validate_unit],
        help_text="'', req/s, GB, TB, TB/month, MB/s, Mbps ...",
    )
    tolerance = models.FloatField(default=50, help_text="Percent either way.")
    weight = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(3)])
    derivation = models.TextField(blank=True)
    keywords = models.TextField(blank=True, help_text="Words that say what the number means; one per line.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["step", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="number_key_once")]

    def __str__(self) -> str:
        return f"{self.name}: {self.value:g} {self.unit}".strip()


class Erratum(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="errata")
    solution = models.ForeignKey(SampleSolution, null=True, blank=True, on_delete=models.CASCADE, related_name="errata")
    step = models.PositiveSmallIntegerField(choices=Step.choices, null=True, blank=True)
    text = models.TextField(
        help_text="Markdown: what is wrong or outdated in the sample, and the fix.", validators=[validate_markdown]
    )
    text_html = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step", "pk"]
        verbose_name_plural = "errata"

    def __str__(self) -> str:
        return f"Erratum on {self.question}"

    def save(self, *args, **kwargs) -> None:
        self.text_html = render(self.text)
        super().save(*args, **kwargs)
