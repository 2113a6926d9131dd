from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.core.models import AuditEvent, Municipality
from tests.factories import EnrollmentFactory, VendorFactory
from vendors.models import CiiuSection, Enrollment

ROSTER = "/consola/registro/"


def test_roster_lists_enrolments_with_formatted_nit_and_vendor(staff_client):
    with_vendor = EnrollmentFactory(
        legal_name="Arepas Doña Luz S.A.S.",
        trade_name="Arepas Doña Luz",
        nit="9003739238",
        municipality=Municipality.objects.get(name="Itagüí"),
        cohort="2026-1",
        size="micro",
    )
    VendorFactory(enrollment=with_vendor, status="active")
    EnrollmentFactory(legal_name="Cueros del Sur", trade_name="", status="enrolled")

    response = staff_client.get(ROSTER)

    html = response.content.decode()
    assert response.status_code == 200
    assert "900.373.923-8" in html
    assert "Arepas Doña Luz S.A.S." in html
    assert "Itagüí" in html
    assert "2026-1" in html
    assert "Micro" in html
    assert "Inscrita" in html
    assert "Sin cuenta" in html
    assert reverse("staff:vendor_detail", args=[with_vendor.vendor.pk]) in html
    assert reverse("staff:enrollment_detail", args=[with_vendor.pk]) in html
    # Phones get cards: every cell carries its column name.
    assert 'data-label="Municipio"' in html


def test_roster_filters_by_municipality_sector_status_cohort_and_search(staff_client):
    bello = Municipality.objects.get(name="Bello")
    commerce = CiiuSection.objects.get(code="G")
    target = EnrollmentFactory(
        legal_name="Ferretería El Tornillo",
        municipality=bello,
        ciiu_section=commerce,
        status="enrolled",
        cohort="2026-2",
    )
    EnrollmentFactory(legal_name="Ferretería Otra", municipality=bello, ciiu_section=commerce)
    EnrollmentFactory(legal_name="Panadería Bello", municipality=bello, status="enrolled")

    def names(**params):
        response = staff_client.get(ROSTER, params)
        return [e.legal_name for e in response.context["page"]]

    assert names(municipality="bello", sector="G", status="enrolled") == [target.legal_name]
    assert names(cohort="2026-2") == [target.legal_name]
    assert names(q="tornillo") == [target.legal_name]
    assert names(q=target.nit) == [target.legal_name]
    # An unknown choice (an old bookmark) is ignored instead of failing the page.
    assert len(names(status="nope")) == 3


def test_roster_search_by_formatted_nit(staff_client):
    EnrollmentFactory(legal_name="Arepas", nit="9003739238")
    EnrollmentFactory(legal_name="Otra")

    response = staff_client.get(ROSTER, {"q": "900.373.923-8"})

    assert [e.legal_name for e in response.context["page"]] == ["Arepas"]


def test_roster_paginates_by_50(staff_client):
    EnrollmentFactory.create_batch(51)

    first = staff_client.get(ROSTER)
    second = staff_client.get(ROSTER, {"pagina": 2})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 1
    assert "Página 1 de 2" in first.content.decode()
    assert "pagina=2" in first.content.decode()


def _queries(client, url, params=None):
    client.get(url, params)  # warm the session and permission caches like a browsing person
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def test_roster_query_count_does_not_grow_with_the_page(staff_client):
    for enrollment in EnrollmentFactory.create_batch(3):
        VendorFactory(enrollment=enrollment)
    few = _queries(staff_client, ROSTER)

    for enrollment in EnrollmentFactory.create_batch(27):
        VendorFactory(enrollment=enrollment)
    EnrollmentFactory.create_batch(10, cohort="2026-9")
    many = _queries(staff_client, ROSTER)

    assert few == many


def test_enrollment_detail_shows_fields_vendor_and_history(staff_client, coordinator):
    enrollment = EnrollmentFactory(
        legal_name="Arepas Doña Luz S.A.S.",
        nit="9003739238",
        annual_income=350_000_000,
        contact_email="gerencia@arepas.example.com",
        diagnosis_score=62,
    )
    vendor = VendorFactory(enrollment=enrollment, display_name="Arepas Doña Luz")
    AuditEvent.objects.create(
        actor=coordinator,
        actor_repr=coordinator.email,
        action="enrollment.status_changed",
        target_type="vendors.enrollment",
        target_id=str(enrollment.pk),
        data={"before": {"status": "enrolled"}, "after": {"status": "active"}},
        # 15:30 UTC is 10:30 in Bogotá.
        occurred_at=datetime(2026, 3, 2, 15, 30, tzinfo=UTC),
    )
    AuditEvent.objects.create(
        actor=None,
        actor_repr="system",
        action="vendor.suspended",
        target_type="vendors.vendor",
        target_id=str(vendor.pk),
        data={"before": {"status": "active"}, "after": {"status": "suspended"}, "reason": "Retiro"},
        occurred_at=datetime(2026, 3, 3, 15, 30, tzinfo=UTC),
    )

    response = staff_client.get(reverse("staff:enrollment_detail", args=[enrollment.pk]))

    html = response.content.decode()
    assert "900.373.923-8" in html
    assert "$\xa0350.000.000" in html
    assert "gerencia@arepas.example.com" in html
    assert "62 de 100" in html
    assert "Arepas Doña Luz" in html
    assert reverse("staff:vendor_detail", args=[vendor.pk]) in html
    history = response.context["history"]
    assert [entry.action for entry in history] == [
        "Vendedor suspendido",
        "Cambio de estado de la inscripción",
    ]
    assert "2 de marzo de 2026, 10:30" in html
    assert coordinator.get_full_name() in html
    assert "Sistema (automático)" in html
    assert "Inscrita" in html and "Activa" in html
    assert "Motivo:" in html and "Retiro" in html


def test_withdrawing_asks_for_confirmation_saying_the_vendor_is_suspended(
    staff_client, active_vendor
):
    enrollment = active_vendor.enrollment
    url = reverse("staff:enrollment_status", args=[enrollment.pk])

    response = staff_client.post(url, {"status": "withdrawn"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["confirm_withdrawal"]
    assert "quedará suspendida" in html
    assert active_vendor.display_name in html
    enrollment.refresh_from_db()
    active_vendor.refresh_from_db()
    assert enrollment.status == "active"
    assert active_vendor.status == "active"


def test_confirmed_withdrawal_suspends_the_vendor_and_is_audited(
    staff_client, active_vendor, coordinator, django_capture_on_commit_callbacks
):
    enrollment = active_vendor.enrollment
    url = reverse("staff:enrollment_status", args=[enrollment.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"status": "withdrawn", "confirmed": "True"})

    assert response["Location"] == reverse("staff:enrollment_detail", args=[enrollment.pk])
    enrollment.refresh_from_db()
    active_vendor.refresh_from_db()
    assert enrollment.status == "withdrawn"
    assert active_vendor.status == "suspended"
    event = AuditEvent.objects.get(action="enrollment.status_changed")
    assert event.actor == coordinator
    assert "ahora es «Retirada»" in staff_client.get(response["Location"]).content.decode()


def test_other_status_changes_apply_at_once(staff_client):
    enrollment = EnrollmentFactory(status="enrolled")

    response = staff_client.post(
        reverse("staff:enrollment_status", args=[enrollment.pk]), {"status": "graduated"}
    )

    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "graduated"


def test_an_unknown_status_is_a_form_error(staff_client):
    enrollment = EnrollmentFactory(status="enrolled")

    response = staff_client.post(
        reverse("staff:enrollment_status", args=[enrollment.pk]), {"status": "borrada"}
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("status")
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"


def test_template_download_is_an_excel_friendly_csv(staff_client):
    response = staff_client.get(reverse("staff:roster_template"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="plantilla-registro.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    header, example = text.splitlines()[:2]
    assert header.startswith("nit,razon_social,nombre_comercial,tipo_persona,municipio")
    assert "Arepas Doña Luz" in example and "Itagüí" in example


@pytest.mark.django_db
def test_roster_empty_state_invites_an_import(staff_client):
    Enrollment.objects.all().delete()

    html = staff_client.get(ROSTER).content.decode()

    assert "El registro está vacío" in html
