import re

import pytest
from django.urls import reverse

from tests.factories import EnrollmentFactory, UserFactory, VendorFactory
from vendors.models import Vendor, VendorClaim, VendorMembership

START = "/vender/"
CODE = "/vender/codigo/"
DONE = "/vender/solicitud-enviada/"


@pytest.fixture
def enrollment(db):
    return EnrollmentFactory(
        trade_name="Arepas Doña Luz", contact_email="gerencia@arepasdonaluz.example.com"
    )


def claim_code(mail) -> str:
    return re.search(r"\b(\d{6})\b", mail.body).group(1)


def apply(client, nit, capture):
    with capture(execute=True):
        return client.post(START, {"nit": nit})


def test_urls():
    assert reverse("vendors:onboarding_start") == START
    assert reverse("vendors:onboarding_code") == CODE
    assert reverse("vendors:onboarding_done") == DONE


@pytest.mark.django_db
def test_anonymous_sees_the_explanation_and_is_asked_to_log_in(client):
    response = client.get(START)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vender en Tienda Virtual" in html
    assert "Primero, ingresa a tu cuenta" in html
    assert f"{reverse('accounts:login')}?next=/vender/" in html
    assert 'name="nit"' not in html


@pytest.mark.django_db
def test_anonymous_post_goes_to_login(client):
    response = client.post(START, {"nit": "900.373.923-8"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/vender/"
    assert not VendorClaim.objects.exists()


@pytest.mark.parametrize("path", [CODE, DONE])
@pytest.mark.django_db
def test_later_steps_need_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_happy_path_creates_a_vendor_in_review(
    client, citizen, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    form_html = client.get(START).content.decode()
    assert 'name="nit"' in form_html

    response = apply(client, enrollment.nit, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == CODE
    assert mailoutbox[-1].to == ["gerencia@arepasdonaluz.example.com"]
    code_page = client.get(CODE).content.decode()
    assert "Si el NIT corresponde a un negocio inscrito en el programa" in code_page
    assert "arepasdonaluz.example.com" not in code_page
    assert 'inputmode="numeric"' in code_page
    assert 'autocomplete="one-time-code"' in code_page

    response = client.post(CODE, {"code": claim_code(mailoutbox[-1])})

    assert response.status_code == 302
    assert response["Location"] == DONE
    vendor = Vendor.objects.get(enrollment=enrollment)
    assert vendor.status == Vendor.Status.PENDING_REVIEW
    assert VendorMembership.objects.get(vendor=vendor).user == citizen
    done = client.get(DONE).content.decode()
    assert "Recibimos tu solicitud" in done
    assert "equipo del programa" in done
    # The dashboard opens on the new business, in review.
    dashboard = client.get(reverse("vendors:dashboard")).content.decode()
    assert "Arepas Doña Luz" in dashboard
    assert "En revisión" in dashboard


def _code_page_seen_by_a_new_applicant(client, nit, capture) -> tuple[int, str, str]:
    client.force_login(UserFactory())
    response = apply(client, nit, capture)
    page = client.get(CODE).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return response.status_code, response["Location"], page


def test_enrolled_claimed_and_unknown_nits_get_the_same_pages(
    client, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    claimed = EnrollmentFactory()
    VendorFactory(enrollment=claimed)
    seen = [
        _code_page_seen_by_a_new_applicant(client, nit, django_capture_on_commit_callbacks)
        for nit in (enrollment.nit, claimed.nit, "900.373.923-8")
    ]
    assert seen[0][:2] == (302, CODE)
    assert all(answer == seen[0] for answer in seen)
    html = seen[0][2]
    assert "Si el NIT corresponde a un negocio inscrito en el programa" in html
    # How to join is said to everyone, since the page cannot say who needs it.
    assert "oficina o secretaría de desarrollo económico de tu municipio" in html
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [enrollment.contact_email, claimed.contact_email]
    )
    assert Vendor.objects.count() == 1


def test_invalid_nit_shows_the_check_digit_message(client, citizen):
    client.force_login(citizen)

    response = client.post(START, {"nit": "900.373.923-1"})

    assert response.context["form"].has_error("nit", code="invalid_nit")
    assert "dígito de verificación" in response.content.decode()
    assert response.status_code == 200
    assert not VendorClaim.objects.exists()


def test_empty_nit_is_required(client, citizen):
    client.force_login(citizen)

    response = client.post(START, {"nit": ""})

    assert "Escribe el NIT de tu negocio." in response.content.decode()


def test_wrong_code_shows_the_remaining_attempts(
    client, citizen, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    apply(client, enrollment.nit, django_capture_on_commit_callbacks)
    right = claim_code(mailoutbox[-1])
    wrong = "000000" if right != "000000" else "111111"

    response = client.post(CODE, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].has_error("code", code="claim_code_invalid")
    assert "El código no coincide. Te quedan 4 intentos." in response.content.decode()
    # The refusal was counted, and nothing was created.
    assert VendorClaim.objects.get().attempts == 1
    assert not Vendor.objects.exists()
    # The right code still works afterwards.
    assert client.post(CODE, {"code": right})["Location"] == DONE


def test_too_many_wrong_codes_ask_for_a_new_one(
    client, citizen, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    apply(client, enrollment.nit, django_capture_on_commit_callbacks)
    VendorClaim.objects.update(attempts=5)

    response = client.post(CODE, {"code": "123456"})

    assert response.context["form"].has_error("code", code="claim_too_many_attempts")
    assert "pedir un código nuevo" in response.content.decode()


def test_code_page_without_a_request_starts_over(client, citizen):
    client.force_login(citizen)

    response = client.get(CODE)

    assert response.status_code == 302
    assert response["Location"] == START


def test_member_is_offered_the_dashboard_on_the_start_page(client, vendor_owner):
    client.force_login(vendor_owner)

    html = client.get(START).content.decode()

    assert "¿Ya administras una tienda?" in html
    assert reverse("vendors:dashboard") in html
