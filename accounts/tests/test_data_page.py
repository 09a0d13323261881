"""The account's data page: the time zone list, destructive buttons, deleting the account."""

import re
from zoneinfo import available_timezones

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Learner
from tests.support.accounts import learner_of

pytestmark = pytest.mark.django_db
DATA = reverse("accounts:data")


def test_the_time_zone_is_a_grouped_list_of_every_zone_with_the_current_one_chosen(user_client, user):
    learner_of(user, time_zone="Europe/London")
    html = user_client.get(DATA).content.decode()
    select = re.search(r'<select name="time_zone"[^>]*>(.*?)</select>', html, re.S)
    assert select
    options = re.findall(r'<option value="([^"]+)"', select.group(1))
    assert options[0] == "UTC"
    assert sorted(options) == sorted(available_timezones())
    assert {"Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"} <= set(options)
    assert '<optgroup label="Europe">' in select.group(1)
    europe = re.search(r'<optgroup label="Europe">(.*?)</optgroup>', select.group(1), re.S).group(1)
    names = re.findall(r'<option value="([^"]+)"', europe)
    assert names == sorted(names)
    assert '<option value="Europe/London" selected>Europe/London</option>' in select.group(1)
    assert re.search(r'<select name="time_zone" data-detect-time-zone="" data-default="UTC"', html)


def test_the_detection_script_is_an_external_file_with_the_nonce(user_client):
    html = user_client.get(DATA).content.decode()
    tag = re.search(r'<script src="/static/js/timezone.js"[^>]*>', html)
    assert tag
    assert re.search(r'nonce="[^"]+"', tag.group(0))
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script


def test_choosing_a_zone_saves_it(user_client, user):
    response = user_client.post(DATA, {"form": "time_zone", "time_zone": "America/New_York"})
    assert response.status_code == 302
    assert Learner.objects.get(user=user).time_zone == "America/New_York"


def test_an_unknown_zone_gets_a_clear_message_next_to_the_field(user_client, user):
    response = user_client.post(DATA, {"form": "time_zone", "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<div class="field-errors" id="id_time_zone_error" role="alert"><p>“Mars/Olympus” is not a time zone name '
        "such as Europe/London or America/New_York: choose yours from the list.</p></div>" in html
    )
    assert re.search(
        r'<select name="time_zone"[^>]*aria-invalid="true"[^>]*aria-describedby="id_time_zone_error"', html
    )
    assert Learner.objects.get(user=user).time_zone == "UTC"


def test_a_wrong_password_for_deleting_shows_next_to_the_password_field(user_client, user):
    response = user_client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'<input type="password" name="password"[^>]*aria-invalid="true"[^>]*'
        r'aria-describedby="id_password_helptext id_password_error"',
        html,
    )
    assert (
        '<div class="field-errors" id="id_password_error" role="alert"><p>That password is not right; '
        "your account was not deleted.</p></div>" in html
    )
    assert '<ul class="messages"' not in html  # not at the top of the page, far from the field
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_an_empty_password_for_deleting_asks_for_it(user_client, user):
    response = user_client.post(reverse("accounts:delete"), {"password": ""})
    assert response.status_code == 400
    assert "<p>Enter your password to delete your account.</p>" in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_the_right_password_deletes_the_account(user_client, user, password):
    response = user_client.post(reverse("accounts:delete"), {"password": password})
    assert response["Location"] == reverse("home")
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def test_deleting_needs_a_post(user_client):
    assert user_client.get(reverse("accounts:delete")).status_code == 405


def test_destructive_buttons_are_marked_as_such(user_client):
    html = user_client.get(DATA).content.decode()
    for label in ("Delete my account", "Reset", "Import and replace my data", "Make a new address"):
        button = re.search(rf"<button[^>]*>{label}", html)
        assert button, label
        assert "button-danger" in button.group(0), label
    assert not re.search(r"<button[^>]*button-danger[^>]*>(Save|Download)", html)
