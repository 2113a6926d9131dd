from django.conf import settings
from django.shortcuts import render


def privacy_policy(request):
    return render(
        request,
        "pages/privacy_policy.html",
        {
            "policy_version": settings.PRIVACY_POLICY_VERSION,
            # Optional until the programme publishes its data-protection mailbox; the page then
            # points people to their account page and the programme's channels instead.
            "privacy_contact_email": getattr(settings, "PRIVACY_CONTACT_EMAIL", ""),
        },
    )
