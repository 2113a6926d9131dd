from .models import PrivacyConsent


def privacy_consent_latest(*, user) -> PrivacyConsent | None:
    return PrivacyConsent.objects.filter(user=user).order_by("-accepted_at").first()
