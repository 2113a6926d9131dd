import csv
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from PIL import Image
from stdnum.co import nit as stdnum_nit

from catalog.demo_data import PORTFOLIOS
from catalog.demo_images import MOTIFS, draw_listing_picture
from catalog.demo_moderation import APPROVED_HISTORY, PENDING, REJECTED
from catalog.models import ModerationCase, Product, ProductRevision
from catalog.selectors import product_list_visible
from marketplace.accounts.demo import seed as seed_accounts
from marketplace.accounts.models import User
from marketplace.accounts.roles import Role, has_role
from marketplace.core.models import AuditEvent
from orders.models import Order, VendorOrder
from orders.payments.models import Payment
from tests.factories import VendorFactory
from vendors.demo import unclaimed_enrollment
from vendors.demo_data import TOWNS
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


def _assert_demo_payments_follow_the_orders(client):
    """Paid orders were paid through the test gateway, once; the cancelled part was refunded;
    the expired order's late payment waits for staff; the unpaid order's payment is pending."""
    from orders.payments.models import Refund

    for order in Order.objects.exclude(status__in=["awaiting_payment", "expired"]):
        (payment,) = order.payments.all()
        assert (payment.gateway, payment.status, payment.amount) == (
            "test",
            "approved",
            order.total,
        )
        assert order.payment_reference == payment.reference and not payment.flagged
    cancelled = VendorOrder.objects.get(status="cancelled", order__paid_at__isnull=False)
    refund = Refund.objects.get(vendor_order=cancelled)
    assert refund.amount == cancelled.total and refund.status == "done"
    assert cancelled.refund_status == "done"
    late = Payment.objects.get(order__status="expired")
    assert late.status == "approved" and late.flagged
    assert Payment.objects.get(order__status="awaiting_payment").status == "pending"
    client.force_login(User.objects.get(email="coordinacion@example.com"))
    attention = client.get("/consola/pagos/revisar/")
    assert [item["row"].payment for item in attention.context["rows"]] == [late]
    assert client.get("/consola/reembolsos/").status_code == 200


def test_seed_demo_creates_demo_logins_and_is_idempotent(db, settings, capsys, client):
    call_command("seed_demo")
    first = _snapshot()
    payments = sorted(Payment.objects.values_list("reference", "status"))
    call_command("seed_demo")
    assert _snapshot() == first
    assert sorted(Payment.objects.values_list("reference", "status")) == payments
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
    # Orders in every state the dashboards and the console show, placed once.
    assert {"awaiting_payment", "paid", "completed", "expired"} <= set(
        Order.objects.values_list("status", flat=True)
    )
    assert {"to_fulfil", "delivered", "cancelled"} <= set(
        VendorOrder.objects.values_list("status", flat=True)
    )
    _assert_demo_payments_follow_the_orders(client)


def _listing_names() -> set[str]:
    names = {entry[0] for _category, _kind, entries in PORTFOLIOS.values() for entry in entries}
    return names | {entry[1] for entry in (*APPROVED_HISTORY, REJECTED, *PENDING)}


def test_demo_store_is_hand_written_and_consistent(db, capsys):
    call_command("seed_demo")
    visible = list(product_list_visible().select_related("vendor", "category"))
    # Every listing is one of the hand-written ones of its own business, eight per business.
    assert {p.name for p in visible} <= _listing_names()
    assert not [p.name for p in visible if "·" in p.name]
    per_vendor = Counter(p.vendor.display_name for p in visible)
    assert set(per_vendor.values()) <= {8, 9}, per_vendor
    for product in visible:
        if product.vendor.display_name in PORTFOLIOS:
            entries = PORTFOLIOS[product.vendor.display_name][2]
            assert product.name in {e[0] for e in entries} | {e[1] for e in APPROVED_HISTORY}
    # No goods at $ 0; some listings come in sizes or presentations.
    goods = Product.objects.filter(kind="goods")
    assert not goods.filter(variants__price=0).exists()
    assert goods.filter(variants__options__isnull=False).exclude(variants__options=[]).count() > 20
    # Businesses work in the town their data says, each run by a different person.
    enrollments = Enrollment.objects.select_related("municipality")
    assert all(e.municipality.slug == TOWNS[e.trade_name] for e in enrollments)
    contacts = Counter(e.contact_name for e in enrollments)
    assert contacts.most_common(1)[0][1] == 1
    assert all(
        e.legal_name == e.contact_name or e.legal_name.startswith(e.trade_name) for e in enrollments
    )
    out = capsys.readouterr().out
    assert stdnum_nit.format(unclaimed_enrollment().nit) in out


def test_restarting_the_demo_keeps_what_people_did(db, capsys):
    call_command("seed_demo")
    capsys.readouterr()
    # Someone claims the printed NIT, an owner renames and deletes listings and edits the store,
    # staff suspend a vendor.
    claimed = unclaimed_enrollment()
    VendorFactory(enrollment=claimed, display_name="Mi negocio nuevo", status="active")
    arepas = Vendor.objects.get(display_name="Arepas Doña Luz")
    first, second = arepas.products.order_by("pk")[:2]
    first.name = "Arepa de chócolo grande"
    first.save(update_fields=["name"])
    second.delete()
    arepas.short_description = "Descripción escrita por la dueña."
    arepas.save(update_fields=["short_description"])
    Vendor.objects.filter(display_name="Calzado Rayito").update(status="suspended")
    owner = User.objects.get(email="tienda1@example.com")
    owner.set_password("otra-clave-personal-2026")
    owner.save(update_fields=["password"])
    before = Product.objects.count()

    call_command("seed_demo")

    out = capsys.readouterr().out
    assert stdnum_nit.format(claimed.nit) not in out
    assert Product.objects.count() == before
    assert not Product.objects.filter(vendor__display_name="Mi negocio nuevo").exists()
    arepas.refresh_from_db()
    assert arepas.short_description == "Descripción escrita por la dueña."
    assert arepas.products.filter(name="Arepa de chócolo grande").exists()
    assert not arepas.products.filter(name=second.name).exists()
    assert Vendor.objects.get(display_name="Calzado Rayito").status == "suspended"
    owner.refresh_from_db()
    assert owner.check_password("otra-clave-personal-2026")


def test_demo_photos_are_illustrations_not_flat_cards():
    pictures = {slug: draw_listing_picture(slug, 3) for slug in MOTIFS}
    for slug, picture in pictures.items():
        assert picture.size == (800, 600)
        # A drawing has many colours (outlines, shading, anti-aliasing), a flat card a handful.
        assert len(picture.convert("RGB").getcolors(maxcolors=1 << 20)) > 500, slug
    distinct = {picture.resize((40, 30), Image.BILINEAR).tobytes() for picture in pictures.values()}
    assert len(distinct) >= len({motif for _family, motif in MOTIFS.values()})


def test_seed_demo_uses_demo_password_from_environment(db, settings):
    settings.DEMO_PASSWORD = "otra-clave-demo-2026"
    seed_accounts(lambda line: None)
    assert User.objects.get(email="ciudadano@example.com").check_password("otra-clave-demo-2026")


def test_seed_demo_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
