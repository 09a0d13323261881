from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse

from primer import fulltext
from primer.links import validate_links
from primer.markdown import plain_text, render, render_with_toc, validate_markdown
from primer.publication import Publication, PublishableQuerySet, stamp_published


class Depth(models.TextChoices):
    CORE = "core", "Core"
    DEEPER = "deeper", "Deeper"
    DEEP_DIVE = "deep_dive", "Deep dive"


class TopicQuerySet(PublishableQuerySet):
    def search(self, query: str):
        return fulltext.search(self, query, snippet_field="body_text", order=("sequence",))

    def in_curriculum_order(self) -> TopicQuerySet:
        return self.order_by("sequence", "pk")

    def sections(self) -> TopicQuerySet:
        return self.filter(parent__isnull=True)


class Topic(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    order = models.PositiveIntegerField(default=0, help_text="Position among its siblings (10, 20, 30...).")
    depth = models.CharField(max_length=10, choices=Depth.choices, default=Depth.CORE)
    status = models.CharField(max_length=10, choices=Publication.choices, default=Publication.DRAFT)
    summary = models.TextField(max_length=600, help_text="One or two sentences.")
    body = models.TextField(blank=True, help_text="Markdown.", validators=[validate_markdown])
    advantages = models.JSONField(default=list, blank=True)
    disadvantages = models.JSONField(default=list, blank=True)
    links = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_links],
        help_text='Further reading: [{"title": ..., "url": ...}], http(s) or a path on this site.',
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, through="RelatedTopic", related_name="related_from"
    )
    attribution = models.TextField(blank=True, help_text="Source and licence, for text that is not our own.")
    from_content = models.BooleanField(default=False, editable=False, help_text="Loaded from content/topics/.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Derived on save, never edited by hand.
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    has_diagram = models.BooleanField(default=False, editable=False)
    # Derived from the tree by renumber(): depth-first curriculum position and top-level section.
    sequence = models.PositiveIntegerField(default=0, editable=False, db_index=True)
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    section = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body_text", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["sequence", "pk"]
        indexes = [GinIndex(fields=["search_vector"], name="topic_search_gin")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="topic_not_its_own_parent"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        rendered = render_with_toc(self.body)
        self.body_html = rendered.html
        self.toc = rendered.toc
        self.body_text = plain_text(rendered.html)
        self.has_diagram = '<pre class="mermaid">' in rendered.html
        stamp_published(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("topics:detail", args=[self.slug])

    def ancestors(self) -> list[Topic]:
        chain: list[Topic] = []
        node = self.parent
        while node is not None and len(chain) < 10:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class RelatedTopic(models.Model):
    """A "see also" link from one topic to another, kept in the order the editor wrote them."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["topic", "related"], name="related_topic_once")]

    def __str__(self) -> str:
        return f"{self.topic} -> {self.related}"


def set_related(topic: Topic, related: list[Topic]) -> None:
    RelatedTopic.objects.filter(topic=topic).delete()
    RelatedTopic.objects.bulk_create(
        RelatedTopic(topic=topic, related=other, position=index) for index, other in enumerate(related)
    )


def renumber() -> None:
    """Recompute every topic's curriculum position, level and section from the tree.

    Depth-first by `order`: a section, then its topics, each followed by its subtopics.
    One read and one bulk write, whatever the size of the tree.
    """
    topics = list(Topic.objects.only("pk", "parent_id", "order", "title", "sequence", "level", "section_id"))
    children: dict[int | None, list[Topic]] = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)
    for siblings in children.values():
        siblings.sort(key=lambda t: (t.order, t.title.lower(), t.pk))
    changed: list[Topic] = []
    counter = 0
    stack = [(topic, 0, topic) for topic in reversed(children.get(None, []))]
    while stack:
        topic, level, section = stack.pop()
        counter += 1
        new = (counter, level, section.pk if level else None)
        if (topic.sequence, topic.level, topic.section_id) != new:
            topic.sequence, topic.level, topic.section_id = new
            changed.append(topic)
        stack.extend((child, level + 1, section) for child in reversed(children.get(topic.pk, [])))
    Topic.objects.bulk_update(changed, ["sequence", "level", "section"], batch_size=1000)


class AlternativeText(models.Model):
    """Another source's text for a topic (e.g. the upstream primer), shown beside our own."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="alternatives")
    source = models.SlugField(max_length=60, help_text="e.g. system-design-primer")
    label = models.CharField(max_length=120)
    attribution = models.TextField()
    body = models.TextField(validators=[validate_markdown])
    body_html = models.TextField(blank=True, editable=False)
    source_hash = models.CharField(max_length=64, blank=True, help_text="Hash of the text as imported.")
    imported_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic", "source"]
        constraints = [models.UniqueConstraint(fields=["topic", "source"], name="one_text_per_source")]

    def __str__(self) -> str:
        return f"{self.topic}: {self.label}"

    def save(self, *args, **kwargs) -> None:
        self.body_html = render(self.body)
        super().save(*args, **kwargs)
