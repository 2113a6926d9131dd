import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory, VendorMembershipFactory
from vendors.models import VendorMembership

TEAM = "/vender/panel/equipo/"


def invitation_path(mail) -> str:
    return re.search(r"https?://[^/\s]+(/vender/invitacion/[^/\s]+/)", mail.body).group(1)


def invite(client, email, capture):
    with capture(execute=True):
        return client.post(TEAM, {"email": email})


def test_owner_invites_and_the_invitee_accepts(
    client, vendor_owner, vendor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(vendor_owner)
    page = client.get(TEAM).content.decode()
    assert "Invitar a alguien" in page
    assert vendor_owner.email in page

    response = invite(client, "Equipo@Example.com", django_capture_on_commit_callbacks)

    assert response["Location"] == TEAM
    assert mailoutbox[-1].to == ["equipo@example.com"]
    page = client.get(TEAM).content.decode()
    assert "Enviamos la invitación a equipo@example.com" in page
    assert "Invitaciones sin aceptar" in page
    path = invitation_path(mailoutbox[-1])

    staff = UserFactory(email="equipo@example.com")
    client.force_login(staff)
    accept_page = client.get(path)
    assert accept_page.status_code == 200
    assert "Aceptar la invitación" in accept_page.content.decode()
    assert not VendorMembership.objects.filter(user=staff).exists()  # GET changes nothing

    response = client.post(path)

    assert response["Location"] == reverse("vendors:dashboard")
    membership = VendorMembership.objects.get(user=staff)
    assert membership.vendor == vendor
    assert membership.role == "staff"
    dashboard = client.get(response["Location"]).content.decode()
    assert f"Ya eres parte del equipo de «{vendor.display_name}»." in dashboard


def test_invitation_for_another_address_is_refused(
    client, vendor_owner, vendor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(vendor_owner)
    invite(client, "equipo@example.com", django_capture_on_commit_callbacks)
    path = invitation_path(mailoutbox[-1])
    client.force_login(UserFactory(email="otra@example.com"))

    response = client.post(path)

    assert response.status_code == 400
    assert "La invitación no es válida" in response.content.decode()
    assert not VendorMembership.objects.filter(user__email="otra@example.com").exists()


def test_invalid_email_shows_the_error(client, vendor_owner, vendor):
    client.force_login(vendor_owner)

    response = client.post(TEAM, {"email": "no-es-correo"})

    assert response.status_code == 200
    assert response.context["form"].has_error("email", code="invalid")
    assert "Escribe un correo válido." in response.content.decode()


def test_inviting_a_current_member_is_refused(client, vendor_owner, vendor):
    client.force_login(vendor_owner)

    response = client.post(TEAM, {"email": vendor_owner.email})

    assert response.context["form"].has_error("email", code="already_a_member")


def test_staff_member_sees_the_team_without_the_invitation_form(client, vendor_owner, vendor):
    staff = VendorMembershipFactory(vendor=vendor, role="staff").user
    client.force_login(staff)

    response = client.get(TEAM)

    html = response.content.decode()
    assert response.status_code == 200
    assert vendor_owner.email in html
    assert staff.email in html
    assert 'name="email"' not in html
    assert "Quitar" not in html
    assert "Solo la persona propietaria" in html
    assert client.post(TEAM, {"email": "x@example.com"}).status_code == 403
    assert not vendor.invitations.exists()


def test_owner_removes_a_staff_member(client, vendor_owner, vendor):
    membership = VendorMembershipFactory(vendor=vendor, role="staff")
    client.force_login(vendor_owner)
    remove = reverse("vendors:team_remove", args=[membership.pk])
    assert remove in client.get(TEAM).content.decode()

    response = client.post(remove)

    assert response["Location"] == TEAM
    assert not VendorMembership.objects.filter(pk=membership.pk).exists()
    assert "Quitamos a" in client.get(TEAM).content.decode()


def test_owner_cannot_be_removed(client, vendor_owner, vendor):
    owner_membership = VendorMembership.objects.get(user=vendor_owner)
    client.force_login(vendor_owner)

    response = client.post(reverse("vendors:team_remove", args=[owner_membership.pk]), follow=True)

    assert VendorMembership.objects.filter(pk=owner_membership.pk).exists()
    assert "No puedes quitar a la persona propietaria del negocio." in response.content.decode()


def test_staff_cannot_remove_anyone(client, vendor_owner, vendor):
    staff = VendorMembershipFactory(vendor=vendor, role="staff")
    other = VendorMembershipFactory(vendor=vendor, role="staff")
    client.force_login(staff.user)

    response = client.post(reverse("vendors:team_remove", args=[other.pk]))

    assert response.status_code == 403
    assert VendorMembership.objects.filter(pk=other.pk).exists()


def test_members_of_another_business_cannot_be_removed(client, vendor_owner, vendor):
    outsider = VendorMembershipFactory(role="staff")
    client.force_login(vendor_owner)

    response = client.post(reverse("vendors:team_remove", args=[outsider.pk]))

    assert response.status_code == 404
    assert VendorMembership.objects.filter(pk=outsider.pk).exists()


@pytest.mark.django_db
def test_remove_needs_post(client, vendor_owner, vendor):
    client.force_login(vendor_owner)
    staff = VendorMembershipFactory(vendor=vendor, role="staff")

    assert client.get(reverse("vendors:team_remove", args=[staff.pk])).status_code == 405
