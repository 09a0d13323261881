from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.core.validators import MaxLengthValidator

from accounts.models import Learner

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


class TimeZoneForm(forms.ModelForm):
    class Meta:
        model = Learner
        fields = ["time_zone"]


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A file exported from this page (JSON, at most 5 MB).")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}), max_length=PASSWORD_MAX_LENGTH
    )
