"""Who may open each console page. The services check the same permissions; these tests pin
that the pages refuse early and never act for someone who may not."""

import pytest
from django.urls import reverse

from tests.factories import EnrollmentFactory, VendorFactory
from vendors.models import Enrollment, Vendor

GET_PAGES = [
    "staff:home",
    "staff:roster",
    "staff:roster_import",
    "staff:roster_template",
    "staff:enrollment_detail",
    "staff:applications",
    "staff:vendors",
    "staff:vendor_detail",
]
POST_ACTIONS = [
    "staff:roster_import",
    "staff:roster_import_confirm",
    "staff:roster_import_cancel",
    "staff:enrollment_status",
    "staff:application_approve",
    "staff:application_reject",
    "staff:vendor_suspend",
    "staff:vendor_reactivate",
]


@pytest.fixture
def targets(db):
    enrollment = EnrollmentFactory()
    vendor = VendorFactory(status="pending_review")
    return {"enrollment_id": enrollment.pk, "vendor_id": vendor.pk}


def _url(name, targets):
    if name in ("staff:enrollment_detail", "staff:enrollment_status"):
        return reverse(name, kwargs={"enrollment_id": targets["enrollment_id"]})
    if name.startswith(("staff:application_", "staff:vendor_")):
        return reverse(name, kwargs={"vendor_id": targets["vendor_id"]})
    return reverse(name)


@pytest.mark.parametrize("name", GET_PAGES)
def test_anonymous_people_are_sent_to_log_in(client, targets, name):
    url = _url(name, targets)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("name", GET_PAGES)
def test_a_coordinator_opens_every_page(client, coordinator, targets, name):
    client.force_login(coordinator)

    assert client.get(_url(name, targets)).status_code == 200


@pytest.mark.parametrize("name", GET_PAGES)
@pytest.mark.parametrize("who", ["citizen", "vendor_owner"])
def test_citizens_and_vendor_owners_get_403_everywhere(client, request, targets, name, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(_url(name, targets))

    assert response.status_code == 403
    # The site's 403 page, not a glimpse of the console.
    assert "Consola del programa" not in response.content.decode()


@pytest.mark.parametrize("name", POST_ACTIONS)
@pytest.mark.parametrize("who", ["citizen", "vendor_owner", "moderator"])
def test_actions_are_refused_and_change_nothing(client, request, targets, name, who):
    client.force_login(request.getfixturevalue(who))

    response = client.post(_url(name, targets), {"reason": "x", "status": "withdrawn"})

    assert response.status_code == 403
    assert Vendor.objects.get(pk=targets["vendor_id"]).status == "pending_review"
    assert Enrollment.objects.get(pk=targets["enrollment_id"]).status == "active"


def test_a_moderator_sees_the_console_home_without_roster_or_vendor_data(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("staff:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Moderación de publicaciones" in html
    assert "enrollments" not in response.context
    assert "vendors" not in response.context
    # The console menu only offers what the person may open.
    assert reverse("staff:roster") not in html
    assert reverse("staff:applications") not in html


@pytest.mark.parametrize(
    "name",
    ["staff:roster", "staff:roster_import", "staff:roster_template", "staff:applications"],
)
def test_a_moderator_gets_403_on_roster_and_applications(client, moderator, targets, name):
    client.force_login(moderator)

    assert client.get(_url(name, targets)).status_code == 403


def test_an_inactive_coordinator_is_refused(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    client.force_login(coordinator)

    # Django logs inactive users out on the next request; either way nothing is shown.
    assert client.get(reverse("staff:roster")).status_code in (302, 403)


def test_an_unknown_id_is_a_404_for_staff(staff_client):
    assert staff_client.get(reverse("staff:enrollment_detail", args=[999999])).status_code == 404
    assert staff_client.get(reverse("staff:vendor_detail", args=[999999])).status_code == 404
    assert staff_client.post(reverse("staff:application_approve", args=[999999])).status_code == 404


def test_console_pages_only_answer_their_methods(staff_client, targets):
    assert staff_client.post(reverse("staff:roster")).status_code == 405
    assert staff_client.get(_url("staff:application_approve", targets)).status_code == 405
    assert staff_client.get(reverse("staff:roster_import_confirm")).status_code == 405


def test_console_pages_are_not_cached(staff_client):
    response = staff_client.get(reverse("staff:roster"))

    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
