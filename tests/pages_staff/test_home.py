from django.urls import reverse

from tests.factories import EnrollmentFactory, VendorFactory


def test_home_counts_enrolments_applications_and_vendors(staff_client):
    EnrollmentFactory.create_batch(2, status="enrolled")
    EnrollmentFactory(status="withdrawn")
    VendorFactory.create_batch(2, status="pending_review")
    VendorFactory(status="suspended")
    VendorFactory(status="active")

    response = staff_client.get(reverse("staff:home"))

    counts = {item["value"]: item["count"] for item in response.context["enrollments"]}
    # VendorFactory enrols each vendor's business as "active".
    assert counts == {"enrolled": 2, "active": 4, "graduated": 0, "withdrawn": 1}
    assert response.context["vendors"]["pending_review"] == 2
    assert response.context["vendors"]["active"] == 1
    assert response.context["vendors"]["suspended"] == 1
    html = response.content.decode()
    assert "7 negocios inscritos en el programa." in html
    assert "Hay 2 solicitudes esperando tu revisión." in html
    for name in ("staff:roster", "staff:roster_import", "staff:applications", "staff:vendors"):
        assert reverse(name) in html
    assert f"{reverse('staff:vendors')}?status=suspended" in html


def test_home_says_when_there_is_nothing_to_review(staff_client):
    html = staff_client.get(reverse("staff:home")).content.decode()

    assert "No hay solicitudes por revisar." in html


def test_the_console_speaks_english_when_chosen(staff_client, pending_vendor):
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    home = staff_client.get(reverse("staff:home")).content.decode()
    queue = staff_client.get(reverse("staff:applications")).content.decode()
    roster = staff_client.get(reverse("staff:roster_import")).content.decode()

    assert "Programme console" in home
    assert "1 application is waiting for your review." in home
    assert "Vendor applications" in queue
    assert "Received today" in queue
    assert "Import the roster" in roster
    assert "See preview" in roster
