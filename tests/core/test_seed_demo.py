import pytest
from django.core.management import CommandError, call_command

from marketplace.accounts.models import User
from marketplace.accounts.roles import Role, has_role
from marketplace.core.models import AuditEvent

DEMO = {
    "coordinacion@example.com": Role.COORDINATOR,
    "moderacion@example.com": Role.MODERATOR,
    "ciudadano@example.com": Role.CITIZEN,
}


def _snapshot():
    return sorted(
        (
            u.email,
            u.first_name,
            u.last_name,
            u.password,
            tuple(sorted(u.groups.values_list("name", flat=True))),
        )
        for u in User.objects.all()
    )


def test_seed_demo_creates_demo_logins_and_is_idempotent(db, settings, capsys):
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first
    for email, role in DEMO.items():
        user = User.objects.get(email=email)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert has_role(user, role)
        assert user.privacy_consents.count() == 1
    assert "coordinacion@example.com" in capsys.readouterr().out
    assert AuditEvent.objects.count() == 0


def test_seed_demo_uses_demo_password_from_environment(db, settings):
    settings.DEMO_PASSWORD = "otra-clave-demo-2026"
    call_command("seed_demo")
    assert User.objects.get(email="ciudadano@example.com").check_password("otra-clave-demo-2026")


def test_seed_demo_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
