import pytest
from django.urls import reverse

from primer.markdown import render, render_with_toc
from tests.support.html import unsafe_markup

pytestmark = pytest.mark.django_db
PREVIEW = "/markdownx/markdownify/"


def test_headings_get_anchors_and_a_table_of_contents():
    rendered = render_with_toc("## How it works\n\ntext\n\n### Details\n")
    assert '<h2 id="how-it-works">How it works</h2>' in rendered.html
    assert rendered.toc[0]["name"] == "How it works"
    assert rendered.toc[0]["children"][0]["id"] == "details"


def test_tables_and_highlighted_code_render():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n")
    assert '<table tabindex="0">' in html
    assert "<td>1</td>" in html
    assert '<div class="highlight">' in html
    assert '<span class="n">x</span>' in html


def test_code_blocks_and_tables_that_may_scroll_sideways_take_keyboard_focus():
    html = render("```\nwide code\n```\n\n| a |\n|---|\n| 1 |\n\n```mermaid\nflowchart LR\n  A --> B\n```\n")
    assert '<pre tabindex="0">' in html
    assert '<table tabindex="0">' in html
    assert '<pre class="mermaid">' in html  # a diagram is replaced by its drawing, not scrolled
    written = render('<pre tabindex="-1" onfocus="x()">a</pre><table tabindex="9"><tr><td>b</td></tr></table>')
    assert written.count('tabindex="0"') == 2
    assert "onfocus" not in written
    assert 'tabindex="-1"' not in written
    assert 'tabindex="9"' not in written


def test_mermaid_blocks_pass_through_as_text_for_the_browser():
    html = render("```mermaid\nflowchart LR\n  A[Client] --> B[(Database)]\n```\n")
    assert '<pre class="mermaid">flowchart LR\n  A[Client] --&gt; B[(Database)]</pre>' in html


def test_mermaid_sources_lose_directives_clicks_styles_and_tags():
    html = render(
        '```mermaid\n%%{init: {"securityLevel": "loose"}}%%\nflowchart LR\n  A["<img src=x onerror=alert(1)>"] --> B'
        "\n  click A call alert(2)\n  style A fill:url(/x)\n  B -- a<br>b --> C\n```\n"
    )
    source = html.split('<pre class="mermaid">')[1].split("</pre>")[0]
    assert "%%" not in source and "click" not in source and "style" not in source  # noqa: PT018
    assert 'A["\u2039img src=x onerror=alert(1)&gt;"]' in source  # a "<" that could open a tag becomes U+2039
    assert "a&lt;br&gt;b" in source  # line breaks stay


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<p style="position:fixed">x</p>',
        '<div hx-post="/admin/" hx-trigger="load">x</div>',
    ],
)
def test_rendering_removes_anything_that_could_run(markdown):
    assert unsafe_markup(render(markdown)) == []


def test_images_become_links_so_text_never_makes_the_reader_fetch_anything():
    html = render("![a diagram](/static/x.png) and ![](https://tracker.example/p.gif)")
    assert "<img" not in html
    assert '<a href="/static/x.png" rel="noopener noreferrer">a diagram</a>' in html
    assert '<a href="https://tracker.example/p.gif" rel="noopener noreferrer">image</a>' in html


def test_the_preview_refuses_anonymous_users(client):
    response = client.post(PREVIEW, {"content": "# hi"})
    assert response.status_code == 403


def test_the_preview_renders_and_sanitises_for_signed_in_users(user_client):
    response = user_client.post(PREVIEW, {"content": "**bold** <script>alert(1)</script> [x](javascript:alert(1))"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert unsafe_markup(html) == []


def test_the_preview_refuses_a_huge_text_with_a_message(user_client, settings):
    response = user_client.post(PREVIEW, {"content": "x" * (settings.MARKDOWN_PREVIEW_MAX_CHARS + 1)})
    assert response.status_code == 413
    assert "Too long to preview" in response.content.decode()


def test_the_markdownx_upload_endpoint_is_not_mounted(user_client):
    assert user_client.post("/markdownx/upload/").status_code == 404
    with pytest.raises(Exception, match="Reverse"):
        reverse("markdownx_upload")
