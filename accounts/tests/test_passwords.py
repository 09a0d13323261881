"""A weak password's errors show under the field where the password is typed, not under its confirmation."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def field_errors(html: str) -> dict[str, str]:
    """{field id: its errors' text} from _form.html's markup."""
    return {
        match.group(1): re.sub(r"<[^>]+>", " ", match.group(2)).strip()
        for match in re.finditer(r'<div class="field-errors" id="(id_\w+)_error" role="alert">(.*?)</div>', html, re.S)
    }


def test_signing_up_with_a_common_password_says_so_under_the_password(client):
    response = client.post(reverse("signup"), {"username": "linus", "password1": "password", "password2": "password"})
    errors = field_errors(response.content.decode())
    assert "This password is too common." in errors["id_password1"]
    assert "id_password2" not in errors
    assert re.search(r'<input type="password" name="password1"[^>]*aria-invalid="true"', response.content.decode())


def test_a_mismatched_confirmation_is_still_reported_under_the_confirmation(client):
    response = client.post(
        reverse("signup"), {"username": "linus", "password1": "correct horse battery", "password2": "correct horse"}
    )
    errors = field_errors(response.content.decode())
    assert errors == {"id_password2": "The two password fields didn\u2019t match."}  # Django's curly apostrophe


def test_changing_to_a_common_password_says_so_under_the_new_password(user_client, password):
    response = user_client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "password", "new_password2": "password"},
    )
    errors = field_errors(response.content.decode())
    assert "This password is too common." in errors["id_new_password1"]
    assert "id_new_password2" not in errors


def test_a_reset_to_a_common_password_says_so_under_the_new_password(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[0].body)).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    errors = field_errors(response.content.decode())
    assert "This password is too common." in errors["id_new_password1"]
    assert "id_new_password2" not in errors
    user.refresh_from_db()
    assert not user.check_password("password")


def test_new_passwords_are_capped_before_hashing(user_client, password):
    long = "p" * 5000
    response = user_client.post(
        reverse("password_change"), {"old_password": password, "new_password1": long, "new_password2": long}
    )
    assert "at most 1024 characters" in field_errors(response.content.decode())["id_new_password1"]
