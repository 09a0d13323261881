import pytest
from django.urls import reverse

from primer.markdown import render, render_with_toc

pytestmark = pytest.mark.django_db
PREVIEW = "/markdownx/markdownify/"


def test_headings_get_anchors_and_a_table_of_contents():
    rendered = render_with_toc("## How it works\n\ntext\n\n### Details\n")
    assert '<h2 id="how-it-works">How it works</h2>' in rendered.html
    assert rendered.toc[0]["name"] == "How it works"
    assert rendered.toc[0]["children"][0]["id"] == "details"


def test_tables_and_highlighted_code_render():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n")
    assert "<table>" in html
    assert "<td>1</td>" in html
    assert '<div class="highlight">' in html
    assert '<span class="n">x</span>' in html


def test_mermaid_blocks_pass_through_as_text_for_the_browser():
    html = render('```mermaid\nflowchart LR\n  A["<b>x</b>"] --> B\n```\n')
    assert '<pre class="mermaid">flowchart LR\n  A["&lt;b&gt;x&lt;/b&gt;"] --&gt; B</pre>' in html


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
        ('<p style="position:fixed">x</p>', "style="),
    ],
)
def test_rendering_removes_anything_that_could_run(markdown, forbidden):
    assert forbidden not in render(markdown)


def test_the_preview_refuses_anonymous_users(client):
    response = client.post(PREVIEW, {"content": "# hi"})
    assert response.status_code == 403


def test_the_preview_renders_and_sanitises_for_signed_in_users(user_client):
    response = user_client.post(PREVIEW, {"content": "**bold** <script>alert(1)</script> [x](javascript:alert(1))"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_the_preview_refuses_a_huge_text_with_a_message(user_client, settings):
    response = user_client.post(PREVIEW, {"content": "x" * (settings.MARKDOWN_PREVIEW_MAX_CHARS + 1)})
    assert response.status_code == 413
    assert "Too long to preview" in response.content.decode()


def test_the_markdownx_upload_endpoint_is_not_mounted(user_client):
    assert user_client.post("/markdownx/upload/").status_code == 404
    with pytest.raises(Exception, match="Reverse"):
        reverse("markdownx_upload")
