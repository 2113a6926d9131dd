"""Demo accounts for `manage.py seed_demo` (debug only)."""

from django.conf import settings

from .models import PrivacyConsent, User
from .roles import Role, grant_role

DEMO_ACCOUNTS = [
    ("coordinacion@example.com", "Catalina", "Restrepo Gómez", Role.COORDINATOR, True),
    ("moderacion@example.com", "Mateo", "Zapata Londoño", Role.MODERATOR, False),
    ("ciudadano@example.com", "Valentina", "Ospina Ramírez", Role.CITIZEN, False),
]


def seed(log) -> None:
    password = settings.DEMO_PASSWORD
    for email, first, last, role, is_staff in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_active": True,
                "is_staff": is_staff,
            },
        )
        # Re-hashing on every run would revoke the account's API tokens for nothing.
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        grant_role(user, role)
        PrivacyConsent.objects.get_or_create(
            user=user, policy_version=settings.PRIVACY_POLICY_VERSION
        )
        log(f"{'created' if created else 'kept'} {email} ({role.value})")
