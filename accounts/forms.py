from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordChangeForm, SetPasswordForm
from django.core.validators import MaxLengthValidator

from accounts.models import Learner, time_zone_names

# Passwords longer than this are refused before hashing: Argon2 would accept them, but
# hashing megabytes on every attempt is an easy way to tie up a server.
PASSWORD_MAX_LENGTH = 1024


class SignupForm(BaseUserCreationForm):
    email = forms.EmailField(
        required=False,
        max_length=254,
        help_text="Optional; needed only to reset a forgotten password.",
    )

    class Meta(BaseUserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            _cap_password(self.fields[name])

    def validate_password_for_user(self, user, password_field_name: str | None = None) -> None:
        # Django checks the confirmation, so "This password is too common" shows under it;
        # it is about the password, so the validators check (and report on) the first field.
        super().validate_password_for_user(user, "password1")  # type: ignore[misc]  # the stubs lack SetPasswordMixin here

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Please choose another.")
        return username


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _cap_password(self.fields["password"])


def _cap_password(field: forms.Field) -> None:
    assert isinstance(field, forms.CharField)
    field.max_length = PASSWORD_MAX_LENGTH
    field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


class NewPasswordForm(SetPasswordForm):
    """Choosing a new password from a reset link; a weak password's errors go under the password."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            _cap_password(self.fields[name])

    def validate_password_for_user(self, user, password_field_name: str | None = None) -> None:
        super().validate_password_for_user(user, "new_password1")  # the first field, as in SignupForm


class ChangePasswordForm(PasswordChangeForm):
    """Changing the password when signed in; a weak password's errors go under the new password."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("old_password", "new_password1", "new_password2"):
            _cap_password(self.fields[name])

    def validate_password_for_user(self, user, password_field_name: str | None = None) -> None:
        super().validate_password_for_user(user, "new_password1")  # the first field, as in SignupForm


def time_zone_choices() -> list:
    """Every IANA zone this server knows, sorted and grouped by area (Africa, America, ...); UTC first."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(time_zone_names() - {"UTC"}):
        area, _, place = name.partition("/")
        groups.setdefault(area if place else "Other", []).append((name, name.replace("_", " ")))
    other = groups.pop("Other", [])
    return [("UTC", "UTC"), *groups.items(), *([("Other", other)] if other else [])]


class TimeZoneForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        label="Time zone",
        error_messages={
            "invalid_choice": "“%(value)s” is not a time zone name such as Europe/London or America/New_York: "
            "choose yours from the list.",
            "required": "Choose your time zone from the list.",
        },
    )

    class Meta:
        model = Learner
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # static/js/timezone.js preselects the browser's zone while the learner has the default.
        default = Learner._meta.get_field("time_zone").get_default()
        self.fields["time_zone"].widget.attrs.update({"data-detect-time-zone": "", "data-default": default})


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A file exported from this page (JSON, at most 5 MB).")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=PASSWORD_MAX_LENGTH,
        help_text="Your password, to confirm it is you.",
        error_messages={"required": "Enter your password to delete your account."},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right; your account was not deleted.")
        return password
