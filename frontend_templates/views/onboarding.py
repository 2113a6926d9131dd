"""Becoming a vendor: the NIT must be on the programme roster, and the person proves they read
the roster's contact mailbox with a six-digit code (vendors.services.onboarding). The vendor
account then waits for the programme team's review."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from vendors.services.onboarding import (
    apply_received_message,
    vendor_application_confirm,
    vendor_apply,
)

from ..forms import add_service_errors
from ..forms.vendors import ClaimCodeForm, NitForm
from .ratelimits import rate_limited
from .vendor_dashboard import remember_vendor

# Set once a NIT was sent: the code step is the same whatever the NIT turned out to be.
APPLIED_SESSION_KEY = "vendors.claim_requested"


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("vendor_apply")
def start(request):
    """Public: it explains how to sell; applying needs an account."""
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = NitForm(request.POST or None) if request.user.is_authenticated else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            vendor_apply(user=request.user, nit=form.cleaned_data["nit"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[APPLIED_SESSION_KEY] = True
            return redirect("vendors:onboarding_code")
    return render(request, "vendors/onboarding_start.html", {"form": form})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("claim_code")
def code(request):
    if not request.session.get(APPLIED_SESSION_KEY):
        # No code was asked for in this session: the wizard starts with the NIT.
        return redirect("vendors:onboarding_start")
    form = ClaimCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = vendor_application_confirm(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            # No open request, expired code or no tries left: only a new code helps.
            add_service_errors(form, exc)
        else:
            if outcome.error is not None:
                add_service_errors(form, outcome.error)
            else:
                del request.session[APPLIED_SESSION_KEY]
                remember_vendor(request, outcome.vendor.pk)
                return redirect("vendors:onboarding_done")
    return render(
        request,
        "vendors/onboarding_code.html",
        {"form": form, "received_message": apply_received_message()},
    )


@login_required
def done(request):
    return render(request, "vendors/onboarding_done.html")
