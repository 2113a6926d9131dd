"""The pages a citizen expects in the footer: terms of use, contact, PQRS and the programme."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe


def _contact() -> dict:
    # Optional until the programme publishes its mailbox: pages then point to the businesses'
    # own contact details and to the personal-data policy.
    return {"contact_email": getattr(settings, "PRIVACY_CONTACT_EMAIL", "")}


@require_safe
def terms(request):
    return render(request, "pages/terms.html", _contact())


@require_safe
def contact(request):
    return render(request, "pages/contact.html", _contact())


@require_safe
def pqrs(request):
    return render(request, "pages/pqrs.html", _contact())


@require_safe
def about(request):
    return render(request, "pages/about.html")
