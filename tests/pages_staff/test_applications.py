from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.core.models import AuditEvent
from tests.factories import UserFactory, VendorFactory, VendorMembershipFactory
from vendors.models import Vendor

QUEUE = "/consola/solicitudes/"


def _application(name, *, days_ago=0):
    vendor = VendorFactory(status="pending_review", display_name=name)
    VendorMembershipFactory(vendor=vendor, user=UserFactory(roles=[]), role="owner")
    # created_at is auto_now_add: age the application afterwards.
    Vendor.objects.filter(pk=vendor.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return vendor


def test_queue_lists_pending_applications_oldest_first_with_claimant(staff_client, pending_vendor):
    older = _application("Dulces de Barbosa", days_ago=5)
    VendorFactory(status="active", display_name="Ya activo")

    response = staff_client.get(QUEUE)

    html = response.content.decode()
    names = [a["vendor"].display_name for a in response.context["applications"]]
    assert names == [older.display_name, pending_vendor.display_name]
    assert "Ya activo" not in html
    assert "Marta Ospina" in html
    assert "solicitante@example.com" in html
    assert "Tostadora La Ceja S.A.S." in html
    assert "Esperando hace 5 días" in html
    assert "Recibida hoy" in html
    assert "2 solicitudes por revisar" in html


def test_approving_activates_the_vendor_and_emails_the_owner(
    staff_client, pending_vendor, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("staff:application_approve", args=[pending_vendor.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)

    assert response["Location"] == QUEUE
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == "active"
    assert AuditEvent.objects.get(action="vendor.approved").actor == coordinator
    assert [m.to for m in mailoutbox] == [["solicitante@example.com"]]
    html = staff_client.get(QUEUE).content.decode()
    assert "Aprobaste a «Tostadora La Ceja»" in html
    assert "No hay solicitudes por revisar" in html


def test_rejecting_without_a_reason_shows_the_error_and_changes_nothing(
    staff_client, pending_vendor, mailoutbox
):
    url = reverse("staff:application_reject", args=[pending_vendor.pk])

    response = staff_client.post(url, {"reason": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Escribe el motivo." in html
    form = response.context["applications"][0]["form"]
    assert form.has_error("reason", code="reason_required")
    # The disclosure stays open on the application that failed.
    assert f'<details class="staff-reject" id="rechazo-{pending_vendor.pk}" open>' in html
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == "pending_review"
    assert not AuditEvent.objects.filter(action="vendor.rejected").exists()
    assert mailoutbox == []


def test_rejecting_with_a_reason_records_it_and_emails_it(
    staff_client, pending_vendor, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("staff:application_reject", args=[pending_vendor.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"reason": "El NIT no corresponde al negocio."})

    assert response["Location"] == QUEUE
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == "rejected"
    assert pending_vendor.status_reason == "El NIT no corresponde al negocio."
    assert "El NIT no corresponde al negocio." in mailoutbox[0].body


def test_a_decision_already_taken_is_explained(staff_client, pending_vendor):
    staff_client.post(reverse("staff:application_approve", args=[pending_vendor.pk]))

    response = staff_client.post(
        reverse("staff:application_reject", args=[pending_vendor.pk]),
        {"reason": "Tarde"},
        follow=True,
    )

    assert "No se puede pasar de «Activo» a «Rechazado»." in response.content.decode()
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == "active"


def _queries(client):
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(captured)


def test_queue_query_count_does_not_grow_with_the_queue(staff_client):
    for index in range(3):
        _application(f"Negocio {index}")
    few = _queries(staff_client)

    for index in range(3, 30):
        _application(f"Negocio {index}")
    many = _queries(staff_client)

    assert few == many
