import pytest
from django.conf import settings

from topics.content import load_topics
from topics.models import Depth, Status, Topic, renumber, set_related

CONTENT = settings.BASE_DIR / "content" / "topics"


@pytest.fixture
def curriculum(db):
    """The real curriculum from content/topics/."""
    load_topics(CONTENT)
    return Topic.objects.all()


@pytest.fixture
def make_topic(db):
    def make(slug: str, *, parent: Topic | None = None, order: int = 0, **fields) -> Topic:
        fields.setdefault("title", slug.replace("-", " ").capitalize())
        fields.setdefault("summary", f"What {slug} is.")
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("depth", Depth.CORE)
        topic = Topic.objects.create(slug=slug, parent=parent, order=order, **fields)
        renumber()
        topic.refresh_from_db()
        return topic

    return make


def grow_tree(sections: int, topics_per_section: int, *, related: int = 3) -> None:
    """Bulk-create a published tree (for query-count and scale tests)."""
    roots = Topic.objects.bulk_create(
        Topic(slug=f"gen-section-{s}", title=f"Section {s}", summary="s", status=Status.PUBLISHED, order=s)
        for s in range(sections)
    )
    children = Topic.objects.bulk_create(
        Topic(
            slug=f"gen-{s}-{t}",
            title=f"Generated topic {s}.{t}",
            summary="A generated topic.",
            body="## Heading\n\nGenerated body about caching and sharding.",
            body_text="Heading Generated body about caching and sharding.",
            status=Status.PUBLISHED,
            parent=root,
            order=t,
        )
        for s, root in enumerate(roots)
        for t in range(topics_per_section)
    )
    for index, topic in enumerate(children[:50]):
        set_related(topic, children[index + 1 : index + 1 + related])
    renumber()
