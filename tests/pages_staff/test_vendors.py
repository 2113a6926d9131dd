from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.core.models import AuditEvent
from tests.factories import VendorFactory

VENDORS = "/consola/vendedores/"


def test_vendor_list_filters_by_status(staff_client, active_vendor):
    suspended = VendorFactory(status="suspended", display_name="Suspendido S.A.S.")

    everyone = staff_client.get(VENDORS)
    only_suspended = staff_client.get(VENDORS, {"status": "suspended"})

    assert {v.pk for v in everyone.context["page"]} == {active_vendor.pk, suspended.pk}
    assert [v.pk for v in only_suspended.context["page"]] == [suspended.pk]
    html = only_suspended.content.decode()
    assert "Suspendido S.A.S." in html
    assert active_vendor.display_name not in html
    assert reverse("staff:vendor_detail", args=[suspended.pk]) in html


def test_vendor_list_query_count_does_not_grow(staff_client):
    VendorFactory.create_batch(3)
    staff_client.get(VENDORS)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(VENDORS)
    VendorFactory.create_batch(27)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(VENDORS)

    assert len(few) == len(many)


def test_suspending_takes_the_vendor_out_with_an_audit_event(
    staff_client, active_vendor, coordinator, django_capture_on_commit_callbacks
):
    url = reverse("staff:vendor_suspend", args=[active_vendor.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"reason": "Incumplió los tiempos de entrega."})

    assert response["Location"] == reverse("staff:vendor_detail", args=[active_vendor.pk])
    active_vendor.refresh_from_db()
    assert active_vendor.status == "suspended"
    assert active_vendor.status_reason == "Incumplió los tiempos de entrega."
    event = AuditEvent.objects.get(action="vendor.suspended", target_id=str(active_vendor.pk))
    assert event.actor == coordinator
    assert event.data["reason"] == "Incumplió los tiempos de entrega."
    page = staff_client.get(response["Location"])
    html = page.content.decode()
    assert "Suspendiste a «Cerámicas El Carmen»" in html
    assert "Vendedor suspendido" in html
    assert "Reactivar vendedor" in html


def test_suspending_without_a_reason_shows_the_error(staff_client, active_vendor):
    response = staff_client.post(
        reverse("staff:vendor_suspend", args=[active_vendor.pk]), {"reason": ""}
    )

    assert response.status_code == 200
    assert response.context["suspend_form"].has_error("reason", code="reason_required")
    assert "Escribe el motivo." in response.content.decode()
    active_vendor.refresh_from_db()
    assert active_vendor.status == "active"


def test_reactivating_brings_the_vendor_back(staff_client, active_vendor):
    staff_client.post(
        reverse("staff:vendor_suspend", args=[active_vendor.pk]), {"reason": "Revisión"}
    )

    response = staff_client.post(
        reverse("staff:vendor_reactivate", args=[active_vendor.pk]), follow=True
    )

    active_vendor.refresh_from_db()
    assert active_vendor.status == "active"
    assert "Reactivaste a «Cerámicas El Carmen»" in response.content.decode()
    assert AuditEvent.objects.filter(action="vendor.reactivated").count() == 1


def test_a_withdrawn_enrolment_blocks_reactivation_with_the_reason(staff_client, active_vendor):
    staff_client.post(
        reverse("staff:enrollment_status", args=[active_vendor.enrollment.pk]),
        {"status": "withdrawn", "confirmed": "True"},
    )
    active_vendor.refresh_from_db()
    assert active_vendor.status == "suspended"

    detail = staff_client.get(reverse("staff:vendor_detail", args=[active_vendor.pk]))
    forced = staff_client.post(
        reverse("staff:vendor_reactivate", args=[active_vendor.pk]), follow=True
    )

    assert "reactívala primero en el registro" in detail.content.decode()
    assert "reactívala primero en el registro" in forced.content.decode()
    active_vendor.refresh_from_db()
    assert active_vendor.status == "suspended"


def test_vendor_detail_shows_members_and_links_the_enrolment(staff_client, vendor):
    response = staff_client.get(reverse("staff:vendor_detail", args=[vendor.pk]))

    html = response.content.decode()
    owner = vendor.memberships.get().user
    assert owner.email in html
    assert "Propietario" in html
    assert reverse("staff:enrollment_detail", args=[vendor.enrollment_id]) in html


def test_suspending_a_vendor_that_is_not_active_explains_why(staff_client, pending_vendor):
    response = staff_client.post(
        reverse("staff:vendor_suspend", args=[pending_vendor.pk]),
        {"reason": "Prueba"},
        follow=True,
    )

    assert "No se puede pasar de «En revisión» a «Suspendido»." in response.content.decode()
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == "pending_review"
