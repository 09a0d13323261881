import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

User = get_user_model()
pytestmark = pytest.mark.django_db


def signup(client, **overrides):
    data = {
        "username": "linus",
        "email": "",
        "password1": "correct horse battery",
        "password2": "correct horse battery",
    }
    data.update(overrides)
    return client.post(reverse("signup"), data)


def test_signing_up_creates_the_account_and_logs_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(username="linus")
    assert user.password.startswith("md5$")  # the fast hasher of the tests
    assert client.get(reverse("home")).context["user"] == user


def test_a_taken_username_is_refused_on_the_same_page(client, user):
    response = signup(client, username=user.username.upper())
    assert response.status_code == 200
    assert "That username is taken" in response.content.decode()
    assert User.objects.count() == 1


def test_a_weak_password_is_refused_and_nothing_is_saved(client):
    response = signup(client, password1="password", password2="password")
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert not User.objects.filter(username="linus").exists()


def test_an_oversized_username_gets_a_clear_message(client):
    response = signup(client, username="x" * 5000)
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert User.objects.count() == 0


def test_an_oversized_password_is_refused_before_hashing(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "p" * 5000})
    assert response.status_code == 200
    assert "at most 1024 characters" in response.content.decode()


def test_logging_in_follows_a_safe_next(client, user, password):
    response = client.post(reverse("login"), {"username": user.username, "password": password, "next": "/admin/"})
    assert response["Location"] == "/admin/"


def test_logging_in_ignores_a_next_on_another_site(client, user, password):
    response = client.post(
        reverse("login"), {"username": user.username, "password": password, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_signup_ignores_a_next_on_another_site(client):
    response = client.post(
        reverse("signup") + "?next=//evil.example/",
        {"username": "linus", "password1": "correct horse battery", "password2": "correct horse battery"},
    )
    assert response["Location"] == reverse("home")


def test_wrong_credentials_get_a_message_on_the_same_page(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_logging_out_needs_a_post(user_client):
    assert user_client.get(reverse("logout")).status_code == 405
    response = user_client.post(reverse("logout"))
    assert response.status_code == 302
    assert not user_client.get(reverse("home")).context["user"].is_authenticated


def test_five_failures_lock_the_username_out_for_fifteen_minutes(client, user, password):
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 429
    assert "Try again in\n    15 minutes" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_the_lockout_is_per_username_and_address(client, user, other_user, password):
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": other_user.username, "password": password})
    assert response.status_code == 302


def test_the_lockout_ends_after_its_cool_off(client, user, password):
    from axes.models import AccessAttempt

    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302


def test_password_change_needs_the_old_password(user_client, password):
    url = reverse("password_change")
    response = user_client.post(url, {"old_password": "nope", "new_password1": "x", "new_password2": "x"})
    assert "Your old password was entered incorrectly" in response.content.decode()
    response = user_client.post(
        url, {"old_password": password, "new_password1": "new secret phrase 9", "new_password2": "new secret phrase 9"}
    )
    assert response["Location"] == reverse("password_change_done")


def _reset_link(client, user) -> str:
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    found = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    return found.group(1)


def test_password_reset_by_email_sets_a_new_password(client, user):
    link = _reset_link(client, user)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "brand new phrase 7", "new_password2": "brand new phrase 7"})
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("brand new phrase 7")


def test_a_used_reset_link_says_it_has_expired(client, user):
    link = _reset_link(client, user)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "brand new phrase 7", "new_password2": "brand new phrase 7"})
    response = client.get(link, follow=True)
    assert "This link has expired" in response.content.decode()


def test_an_unknown_email_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []
