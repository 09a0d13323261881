import pytest
from django.urls import reverse

from tests.support.browser import script_nonces

pytestmark = pytest.mark.django_db


def csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_every_page_has_a_strict_csp(client):
    policy = csp(client.get(reverse("home")))
    assert policy["default-src"] == "default-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["base-uri"] == "base-uri 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["form-action"] == "form-action 'self'"
    assert "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in policy["script-src"]


def test_every_script_tag_carries_the_nonce_of_the_header(client, db):
    response = client.get(reverse("search:index"))
    nonce = csp(response)["script-src"].split("'nonce-")[1].rstrip("'")
    nonces = script_nonces(response.content.decode())
    assert len(nonces) >= 2  # the theme script and htmx
    assert set(nonces) == {nonce}


def test_the_nonce_changes_on_every_response(client):
    first = csp(client.get(reverse("home")))["script-src"]
    second = csp(client.get(reverse("home")))["script-src"]
    assert first != second


def test_the_admin_works_under_the_csp(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response


def test_pages_send_nosniff_and_a_referrer_policy(client):
    response = client.get(reverse("home"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_element_hands_the_csrf_token_to_everything_inside_it(client):
    # Each htmx form posts its own {% csrf_token %} field; nothing sets a page-wide header
    # that markup injected anywhere on the page could inherit.
    html = client.get(reverse("home")).content.decode()
    assert "hx-headers" not in html
    assert "<body>" in html


def test_errors_use_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "There is no page here" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_a_missing_csrf_token_gets_a_friendly_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_htmx_is_sent_only_to_pages_that_act_with_it(client, db):
    assert "htmx-2" not in client.get(reverse("login")).content.decode()
    assert "htmx-2" in client.get(reverse("search:index")).content.decode()
