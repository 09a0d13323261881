"""Signing up, password resets (rate limited), and the account's data page."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import portability
from accounts.forms import DeleteAccountForm, ImportForm, SignupForm, TimeZoneForm
from accounts.requests import LearnerRequest
from primer import throttle
from primer.clientip import client_ip
from primer.http import safe_next


def _too_many(request: HttpRequest, what: str) -> HttpResponse:
    response = render(request, "429.html", {"what": what}, status=429)
    response["Retry-After"] = "3600"
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next(request) or settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.hit("signup", client_ip(request), limit=settings.SIGNUPS_PER_HOUR):
            return _too_many(request, "accounts were made from your address")
        user = form.save()
        login(request, user, backend="accounts.backends.LearnerBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect(safe_next(request) or settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/signup.html", {"form": form, "next": safe_next(request) or ""})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with a cap on emails per client address and per email address.

    Past the cap on the email address the page still says "sent" (so the form never tells
    whether an address has an account) but no email goes out.
    """

    def form_valid(self, form):
        if not throttle.hit("password-reset-ip", client_ip(self.request), limit=settings.PASSWORD_RESETS_PER_HOUR):
            return _too_many(self.request, "password-reset emails were asked for from your address")
        email = form.cleaned_data["email"].strip().lower()
        if not throttle.hit("password-reset-email", email, limit=settings.PASSWORD_RESETS_PER_HOUR):
            return redirect(self.get_success_url())
        return super().form_valid(form)


# Your data ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def data(request: LearnerRequest) -> HttpResponse:
    learner = request.learner
    tz_form = TimeZoneForm(request.POST if request.POST.get("form") == "time_zone" else None, instance=learner)
    if request.method == "POST" and tz_form.is_bound and tz_form.is_valid():
        tz_form.save()
        messages.success(request, f"Your days now follow {learner.time_zone}.")
        return redirect("accounts:data")
    return _data_page(request, tz_form=tz_form, status=400 if tz_form.errors else 200)


def _data_page(request: LearnerRequest, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "learner": request.learner,
        "tz_form": TimeZoneForm(instance=request.learner),
        "import_form": ImportForm(),
        "delete_form": DeleteAccountForm(user=request.user),
        **forms,
    }
    return render(request, "accounts/data.html", context, status=status)


@require_GET
@login_required
def data_export(request: LearnerRequest) -> HttpResponse:
    payload = json.dumps(portability.export_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(payload, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="primer-{request.user.get_username()}.json"'
    return response


@require_POST
@login_required
def data_import(request: LearnerRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _data_page(request, status=400, import_form=form)
    try:
        upload = form.cleaned_data["file"]
        raw = upload.read(portability.MAX_BYTES + 1)
        result = portability.import_data(request.user, portability.parse_upload(raw))
    except portability.ImportProblem as exc:
        form.add_error("file", f"Nothing was imported: {exc}")
        return _data_page(request, status=400, import_form=form)
    skipped = result.get("skipped", 0)
    note = f" {skipped} entries for pages this site does not have were left out." if skipped else ""
    attempts = result.get("attempts", 0)
    messages.success(
        request,
        f"Imported {result.get('progress', 0)} progress entries and {attempts} "
        f"attempt{'s' if attempts != 1 else ''}.{note}",
    )
    return redirect("accounts:data")


@require_POST
@login_required
def account_delete(request: LearnerRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _data_page(request, status=400, delete_form=form)
    user = request.user
    logout(request)
    user.delete()
    messages.success(request, "Your account and everything it owned have been deleted.")
    return redirect("home")
