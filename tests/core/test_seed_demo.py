import csv
import io

import pytest
from django.core.management import CommandError, call_command

from catalog.models import ModerationCase, Product, ProductRevision
from catalog.selectors import product_list_visible
from marketplace.accounts.demo import seed as seed_accounts
from marketplace.accounts.models import User
from marketplace.accounts.roles import Role, has_role
from marketplace.core.models import AuditEvent
from vendors.models import Enrollment, Vendor

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


def _assert_audit_log_reads_every_event(client):
    """Every demo event, photo revisions included, renders on the page and in the export."""
    client.force_login(User.objects.get(email="coordinacion@example.com"))
    assert client.get("/consola/auditoria/").status_code == 200
    export = client.get("/consola/auditoria/exportar.csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) - 1 == AuditEvent.objects.count()
    assert any("fotos" in row[10] for row in rows[1:])


def test_seed_demo_creates_demo_logins_and_is_idempotent(db, settings, capsys, client):
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first
    for email, role in DEMO.items():
        user = User.objects.get(email=email)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert has_role(user, role)
        assert user.privacy_consents.count() == 1
    out = capsys.readouterr().out
    assert "coordinacion@example.com" in out and "tienda1@example.com" in out
    assert Vendor.objects.filter(status="active").count() == 30
    assert Vendor.objects.filter(status="pending_review").count() == 1
    assert Vendor.objects.filter(status="suspended").count() == 1
    assert Enrollment.objects.values("municipality").distinct().count() == 10
    assert Enrollment.objects.count() >= 60
    visible = product_list_visible()
    assert visible.count() >= 30 * 7
    # Nothing on sale at $ 0: only services quoted on request go without a price.
    assert not visible.filter(variants__price__lte=0).exclude(pricing_mode="quote").exists()
    assert all(p.images.all() for p in visible[:20])
    assert Product.objects.filter(vendor__status="suspended").count() == 0
    waiting = ModerationCase.objects.filter(decided_at__isnull=True)
    assert sorted(waiting.values_list("kind", flat=True)) == ["revision"] * 2 + ["submission"] * 4
    revision = ProductRevision.objects.get(status="pending")
    assert set(revision.changes) == {"name", "description", "images"}
    # The store still shows the approved version of the revised listing.
    assert visible.get(pk=revision.product_id).name == "Mermelada de mora artesanal 250 g"
    assert ModerationCase.objects.filter(decision="rejected", reason="price_error").count() == 1
    _assert_audit_log_reads_every_event(client)


def test_seed_demo_uses_demo_password_from_environment(db, settings):
    settings.DEMO_PASSWORD = "otra-clave-demo-2026"
    seed_accounts(lambda line: None)
    assert User.objects.get(email="ciudadano@example.com").check_password("otra-clave-demo-2026")


def test_seed_demo_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
