"""Oversight pages of the staff console in a real browser, at phone and desktop widths: a
coordinator reads the moderation metrics, then the audit log, filters it and exports it."""

import csv
import io
import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from catalog.models import ModerationCase
from marketplace.accounts.roles import Role
from marketplace.core.models import AuditEvent
from tests.factories import PASSWORD, ProductFactory, UserFactory, VendorFactory

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinacion@example.com"
REASONS = ["price_error", "poor_or_missing_images", "misleading_information", ""]


@pytest.fixture
def reference_data(municipalities):
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)
    import_module("catalog.migrations.0002_category_tree").load(django_apps, None)


@pytest.fixture
def oversight_data(reference_data):
    """Eight weeks of moderation by two moderators, a queue of three, and the audit trail of
    the decisions plus a suspension with a long reason."""
    coordinator = UserFactory(
        email=COORDINATOR, first_name="Catalina", last_name="Restrepo", roles=[Role.COORDINATOR]
    )
    moderators = [
        UserFactory(
            email="moderacion.norte@example.com",
            first_name="Andrés",
            last_name="Zapata",
            roles=[Role.MODERATOR],
        ),
        UserFactory(
            email="moderacion.sur@example.com",
            first_name="Luisa",
            last_name="Mejía Arango",
            roles=[Role.MODERATOR],
        ),
    ]
    vendor = VendorFactory(display_name="Cerámicas El Carmen de Viboral")
    now = timezone.now()
    for n in range(30):
        product = ProductFactory(
            vendor=vendor, name=f"Taza esmaltada número {n + 1}", status="published"
        )
        reason = REASONS[n % len(REASONS)]
        case = ModerationCase.objects.create(product=product)
        decided_at = now - timedelta(days=(n * 53) % 54, hours=1)
        submitted_at = decided_at - timedelta(hours=2 + (n * 7) % 40)
        ModerationCase.objects.filter(pk=case.pk).update(
            submitted_at=submitted_at,
            decided_at=decided_at,
            decision="rejected" if reason else "approved",
            reason=reason,
            decided_by=moderators[n % 2],
        )
        AuditEvent.objects.create(
            occurred_at=decided_at,
            actor=moderators[n % 2],
            actor_repr=moderators[n % 2].email,
            action="listing.rejected" if reason else "listing.approved",
            target_type="catalog.product",
            target_id=str(product.pk),
            target_repr=product.name,
            data={
                "before": {"status": "in_review"},
                "after": {"status": "rejected" if reason else "published"},
                "reason": reason,
                "message": "Revisa el precio: dice 1 peso." if reason else "",
            },
        )
    for n in range(3):
        case = ModerationCase.objects.create(
            product=ProductFactory(vendor=vendor, name=f"Plato hondo {n}", status="in_review")
        )
        ModerationCase.objects.filter(pk=case.pk).update(
            submitted_at=now - timedelta(hours=5 + 14 * n)
        )
    AuditEvent.objects.create(
        actor=coordinator,
        actor_repr=coordinator.email,
        action="vendor.suspended",
        target_type="vendors.vendor",
        target_id=str(vendor.pk),
        target_repr=vendor.display_name,
        data={
            "before": {"status": "active"},
            "after": {"status": "suspended"},
            "reason": "La inscripción en el programa fue retirada por decisión del comité "
            "de seguimiento del municipio de El Carmen de Viboral.",
        },
    )
    return vendor


@pytest.fixture
def coordinator_page(page, oversight_data):
    page.goto("/consola/")
    expect(page).to_have_url(re.compile(r"/cuenta/ingresar/\?next=/consola/$"))
    page.get_by_label("Correo electrónico").fill(COORDINATOR)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consola del programa")
    return page


def _console_nav(page, name):
    nav = page.get_by_role("navigation", name="Consola del programa")
    nav.get_by_role("link", name=name, exact=True).click()


def test_coordinator_reads_the_moderation_metrics(coordinator_page, screenshot):
    page = coordinator_page
    _console_nav(page, "Métricas")

    expect(page.get_by_role("heading", level=1)).to_have_text("Métricas de moderación")
    queue = page.get_by_role("region", name="Cola de revisión ahora")
    expect(queue.get_by_text("3", exact=True)).to_be_visible()
    weeks = page.get_by_role("table", name=re.compile("por semana"))
    expect(weeks.get_by_role("row")).to_have_count(9)  # the header and eight weeks
    expect(page.get_by_role("table", name="Decisiones por motivo y semana")).to_contain_text(
        "Rechazada: Error en el precio"
    )
    expect(page.get_by_role("table", name="Decisiones por moderador y semana")).to_contain_text(
        "moderacion.norte@example.com"
    )
    screenshot("staff-moderation-metrics")

    page.get_by_label("Periodo", exact=True).select_option(label="Últimas 4 semanas")
    page.get_by_role("button", name="Mostrar").click()
    expect(weeks.get_by_role("row")).to_have_count(5)
    assert page.console_errors == []


def test_coordinator_filters_and_exports_the_audit_log(coordinator_page, screenshot):
    page = coordinator_page
    _console_nav(page, "Auditoría")

    expect(page.get_by_role("heading", level=1)).to_have_text("Auditoría")
    expect(page.get_by_text("31 eventos registrados", exact=True)).to_be_visible()
    first = page.get_by_role("row").nth(1)
    expect(first).to_contain_text("Vendedor suspendido")
    expect(
        first.get_by_role("link", name="Cerámicas El Carmen de Viboral", exact=True)
    ).to_be_visible()
    screenshot("staff-audit-log")

    page.get_by_label("Acción").select_option(label="Publicación rechazada")
    page.get_by_label("Correo de quien actuó").fill("moderacion.norte@example.com")
    page.get_by_role("button", name="Filtrar").click()
    expect(
        page.get_by_text(re.compile(r"^\d+ eventos? registrados? con estos filtros$"))
    ).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Vendedor suspendido")).to_have_count(0)
    screenshot("staff-audit-log-filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="Exportar CSV").click()
    assert download.value.suggested_filename.startswith("auditoria-")
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(io.StringIO(fh.read())))
    assert rows
    assert {row[header.index("accion_codigo")] for row in rows} == {"listing.rejected"}

    page.get_by_label("Desde").fill("2026-12-10")
    page.get_by_label("Hasta").fill("2026-12-01")
    page.get_by_role("button", name="Filtrar").click()
    expect(
        page.get_by_text("La fecha final no puede ser anterior a la fecha inicial.")
    ).to_be_visible()
    screenshot("staff-audit-log-bad-dates")
    assert page.console_errors == []
