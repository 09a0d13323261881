import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from primer.content import ContentError, parse_file
from primer.publication import Publication
from topics.content import export_topics, load_topics
from topics.models import Topic

CONTENT = settings.CONTENT_DIR / "topics"
pytestmark = pytest.mark.django_db

SECTION = '+++\ntitle = "Caching"\norder = 10\nsummary = "Keep answers close."\n+++\n\nIntro.\n'
CHILD = (
    '+++\ntitle = "Cache-aside"\nparent = "caching"\norder = 10\ndepth = "core"\n'
    'summary = "Read through the cache."\nrelated = ["caching"]\n'
    'links = [\n  { title = "Wikipedia", url = "https://en.wikipedia.org/wiki/Cache_(computing)" },\n]\n'
    "+++\n\n## How it works\n\nThe application reads the cache first.\n"
)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "caching.md").write_text(SECTION)
    (tmp_path / "cache-aside.md").write_text(CHILD)
    return tmp_path


def test_loading_creates_topics_with_their_tree_and_relations(folder):
    report = load_topics(folder)
    assert sorted(report.created) == ["cache-aside", "caching"]
    child = Topic.objects.get(slug="cache-aside")
    assert child.parent.slug == "caching"
    assert [t.slug for t in child.related.all()] == ["caching"]
    assert child.status == Publication.PUBLISHED
    assert '<h2 id="how-it-works">How it works</h2>' in child.body_html
    assert [t.slug for t in Topic.objects.in_curriculum_order()] == ["caching", "cache-aside"]


def test_loading_twice_changes_nothing(folder):
    load_topics(folder)
    stamps = dict(Topic.objects.values_list("slug", "updated_at"))
    report = load_topics(folder)
    assert sorted(report.unchanged) == ["cache-aside", "caching"]
    assert report.created == report.updated == []
    assert dict(Topic.objects.values_list("slug", "updated_at")) == stamps


def test_an_edited_file_updates_its_topic(folder):
    load_topics(folder)
    (folder / "caching.md").write_text(SECTION.replace("Intro.", "A new intro."))
    report = load_topics(folder)
    assert report.updated == ["caching"]
    assert "A new intro." in Topic.objects.get(slug="caching").body_html


def test_a_removed_file_unpublishes_its_topic_without_deleting_it(folder):
    load_topics(folder)
    (folder / "cache-aside.md").unlink()
    report = load_topics(folder)
    assert report.unpublished == ["cache-aside"]
    assert Topic.objects.get(slug="cache-aside").status == Publication.DRAFT


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad-toml.md", '+++\ntitle = "x"\nsummary = \n+++\n', "bad-toml.md:3: invalid TOML"),
        ("no-front.md", "# Just Markdown\n", "no-front.md:1: a content file starts with a '+++' line"),
        ("unclosed.md", '+++\ntitle = "x"\n', "unclosed.md:1: the front matter is not closed"),
        ("unknown.md", '+++\ntitle = "x"\nsummary = "y"\ncolour = "red"\n+++\n', "unknown.md:4: unknown key 'colour'"),
        ("depth.md", '+++\ntitle = "x"\nsummary = "y"\ndepth = "shallow"\n+++\n', "depth.md:4: 'depth' must be one of"),
        ("missing.md", '+++\ntitle = "x"\n+++\n', "missing.md:1: 'summary' is required"),
        ("orphan.md", '+++\ntitle = "x"\nsummary = "y"\nparent = "nowhere"\n+++\n', "orphan.md:4: parent 'nowhere'"),
        ("dangling.md", '+++\ntitle = "x"\nsummary = "y"\nrelated = ["ghost"]\n+++\n', "dangling.md:4: related topic"),
        ("Bad_Name.md", '+++\ntitle = "x"\nsummary = "y"\n+++\n', "Bad_Name.md:1: file name 'Bad_Name' is not a slug"),
        ("link.md", '+++\ntitle = "x"\nsummary = "y"\nlinks = [{ title = "a", url = "javascript:x" }]\n+++\n',
         "link.md:4: link URL 'javascript:x' is not an http(s) address"),
    ],
)  # fmt: skip
def test_a_malformed_file_is_reported_as_path_line_message(folder, name, text, expected):
    (folder / name).write_text(text)
    with pytest.raises(ContentError) as error:
        load_topics(folder)
    assert str(error.value).startswith(f"{folder / name}:")
    assert expected in str(error.value)


def test_a_parent_cycle_is_refused(tmp_path):
    (tmp_path / "a.md").write_text('+++\ntitle = "A"\nsummary = "a"\nparent = "b"\n+++\n')
    (tmp_path / "b.md").write_text('+++\ntitle = "B"\nsummary = "b"\nparent = "a"\n+++\n')
    with pytest.raises(ContentError, match="form a cycle"):
        load_topics(tmp_path)


def test_a_broken_file_set_changes_nothing(folder, settings):
    call_command("load_content", dir=folder.parent / "unused")  # nothing there: no-op
    topics = folder.parent / "content" / "topics"
    topics.mkdir(parents=True)
    for path in folder.iterdir():
        shutil.copy(path, topics / path.name)
    call_command("load_content", dir=topics.parent)
    (topics / "caching.md").write_text(SECTION.replace("Intro.", "Changed."))
    (topics / "zz-broken.md").write_text('+++\ntitle = "x"\nsummary = "y"\ndepth = "nope"\n+++\n')
    with pytest.raises(CommandError, match=r"zz-broken\.md:4: .*\nNothing was changed\."):
        call_command("load_content", dir=topics.parent)
    assert "Intro." in Topic.objects.get(slug="caching").body_html


def test_check_validates_without_writing(folder):
    topics = folder / "content" / "topics"
    topics.mkdir(parents=True)
    for path in folder.glob("*.md"):
        shutil.copy(path, topics / path.name)
    call_command("load_content", dir=topics.parent, check=True)
    assert not Topic.objects.exists()


def test_export_after_load_is_byte_identical_for_the_real_curriculum(tmp_path):
    load_topics(CONTENT)
    assert export_topics(tmp_path) == len(list(CONTENT.glob("*.md")))
    for path in sorted(CONTENT.glob("*.md")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_real_curriculum_is_complete_and_consistent(curriculum):
    published = curriculum.filter(status=Publication.PUBLISHED)
    assert published.count() >= 75
    for topic in published:
        words = len(topic.body_text.split())
        assert 150 <= words <= 650, (topic.slug, words)
        assert topic.summary, topic.slug
        assert len(topic.links) >= 2, topic.slug
        assert topic.related.exists(), topic.slug


def test_every_internal_link_in_the_curriculum_resolves(curriculum):
    from django.urls import Resolver404, resolve

    slugs = set(curriculum.values_list("slug", flat=True))
    for topic in curriculum:
        for target in re.findall(r'href="(/[^"]*)"', topic.body_html):
            if target.startswith("/topics/"):
                assert target.split("/")[2] in slugs, (topic.slug, target)
            try:
                resolve(target.split("#")[0])
            except Resolver404:
                pytest.fail(f"{topic.slug} links to {target}, which is not a page")


def test_the_curriculum_covers_every_topic_of_the_upstream_index(curriculum):
    expected = {
        "performance-vs-scalability", "latency-vs-throughput", "availability-vs-consistency", "cap-theorem",
        "cp-systems", "ap-systems", "consistency-patterns", "weak-consistency", "eventual-consistency",
        "strong-consistency", "availability-patterns", "active-passive", "active-active", "replication",
        "availability-in-numbers", "domain-name-system", "content-delivery-network", "push-cdn", "pull-cdn",
        "load-balancer", "layer-4-load-balancing", "layer-7-load-balancing", "horizontal-scaling", "reverse-proxy",
        "load-balancer-vs-reverse-proxy", "application-layer", "microservices", "service-discovery", "database",
        "relational-database", "leader-follower-replication", "multi-leader-replication", "federation", "sharding",
        "denormalization", "sql-tuning", "nosql", "key-value-store", "document-store", "wide-column-store",
        "graph-database", "sql-or-nosql", "cache", "client-caching", "cdn-caching", "web-server-caching",
        "database-caching", "application-caching", "query-level-caching", "object-level-caching",
        "cache-update-strategies", "cache-aside", "write-through", "write-behind", "refresh-ahead", "asynchronism",
        "message-queues", "task-queues", "back-pressure", "communication", "http", "tcp", "udp", "rpc", "rest",
        "rpc-vs-rest", "security", "powers-of-two", "latency-numbers", "mapreduce", "consistent-hashing",
        "scatter-gather",
    }  # fmt: skip
    beyond = {
        "rate-limiting", "unique-id-generation", "bloom-filters", "consensus-and-leader-election",
        "quorum-replication", "idempotency-and-delivery-guarantees", "realtime-communication", "event-streaming",
        "cqrs-and-event-sourcing", "timeouts-retries-circuit-breakers", "geospatial-indexing", "inverted-index",
        "object-storage", "observability",
    }  # fmt: skip
    slugs = set(curriculum.filter(status=Publication.PUBLISHED).values_list("slug", flat=True))
    assert expected - slugs == set()
    assert beyond - slugs == set()


def test_parse_file_reports_the_line_of_a_key(tmp_path):
    path = tmp_path / "x.md"
    path.write_text('+++\ntitle = "x"\n\nsummary = "y"\n+++\nbody\n')
    assert parse_file(path).line_of("summary") == 4
