import pytest
from django.urls import reverse

from tests.factories import VendorFactory, VendorMembershipFactory
from vendors.models import Vendor

DASHBOARD = "/vender/panel/"
SESSION_KEY = "vendors.current_vendor_id"


def choose(client, vendor_id):
    session = client.session
    session[SESSION_KEY] = vendor_id
    session.save()


def test_urls():
    assert reverse("vendors:dashboard") == DASHBOARD
    assert reverse("vendors:profile_edit") == "/vender/panel/perfil/"
    assert reverse("vendors:team") == "/vender/panel/equipo/"
    assert reverse("vendors:invitation_accept", args=["abc"]) == "/vender/invitacion/abc/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [DASHBOARD, "/vender/panel/perfil/", "/vender/panel/equipo/", "/vender/invitacion/abc/"],
)
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={path}"


def test_person_without_a_business_is_invited_to_open_one(client, citizen):
    client.force_login(citizen)

    html = client.get(DASHBOARD).content.decode()

    assert "Aún no tienes una tienda" in html
    assert reverse("vendors:onboarding_start") in html
    assert client.get(reverse("vendors:profile_edit"))["Location"] == DASHBOARD


def test_active_vendor_dashboard_links_profile_team_and_public_page(client, vendor_owner, vendor):
    client.force_login(vendor_owner)

    html = client.get(DASHBOARD).content.decode()

    assert vendor.display_name in html
    assert "Activo" in html
    assert reverse("vendors:profile_edit") in html
    assert reverse("vendors:team") in html
    assert reverse("vendors:detail", args=[vendor.slug]) in html


def test_pending_vendor_is_told_it_is_in_review(client, vendor_owner, vendor):
    Vendor.objects.filter(pk=vendor.pk).update(status="pending_review")
    client.force_login(vendor_owner)

    html = client.get(DASHBOARD).content.decode()

    assert "En revisión" in html
    assert "El equipo del programa está revisando tu solicitud" in html


def test_suspended_vendor_member_can_log_in_and_sees_the_reason(client, vendor_owner, vendor):
    Vendor.objects.filter(pk=vendor.pk).update(
        status="suspended", status_reason="Incumplió los tiempos de entrega reportados."
    )
    client.force_login(vendor_owner)

    response = client.get(DASHBOARD)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Suspendido" in html
    assert "Incumplió los tiempos de entrega reportados." in html
    assert "comunícate con el equipo del programa" in html


def test_person_in_two_businesses_picks_one(client, vendor_owner, vendor):
    other = VendorMembershipFactory(
        user=vendor_owner, role="staff", vendor=VendorFactory(display_name="Zapatos Rayito")
    ).vendor
    client.force_login(vendor_owner)

    html = client.get(DASHBOARD).content.decode()
    assert "Estás administrando" in html
    assert reverse("vendors:dashboard_select") in html

    response = client.post(reverse("vendors:dashboard_select"), {"vendor": other.pk})

    assert response["Location"] == DASHBOARD
    assert client.session[SESSION_KEY] == other.pk
    assert client.get(DASHBOARD).context["vendor"] == other
    assert client.get(reverse("vendors:profile_edit")).context["vendor"] == other


def test_picking_a_business_one_does_not_belong_to_is_refused(client, vendor_owner, vendor):
    stranger = VendorMembershipFactory().vendor
    client.force_login(vendor_owner)

    response = client.post(reverse("vendors:dashboard_select"), {"vendor": stranger.pk})

    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_session_pointing_at_another_business_gets_403_and_changes_nothing(
    client, vendor_owner, vendor
):
    other = VendorMembershipFactory().vendor
    before = other.display_name
    client.force_login(vendor_owner)
    choose(client, other.pk)

    assert client.get(reverse("vendors:profile_edit")).status_code == 403
    assert client.get(reverse("vendors:team")).status_code == 403
    response = client.post(
        reverse("vendors:profile_edit"), {"display_name": "Tomado", "slug": other.slug}
    )
    assert response.status_code == 403
    assert "No perteneces a este negocio." in response.content.decode()
    response = client.post(reverse("vendors:team"), {"email": "intruso@example.com"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.display_name == before
    assert not other.invitations.exists()


def test_dashboard_recovers_when_the_session_business_is_no_longer_yours(
    client, vendor_owner, vendor
):
    other = VendorMembershipFactory().vendor
    client.force_login(vendor_owner)
    choose(client, other.pk)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert response.context["vendor"] == vendor
    assert client.session.get(SESSION_KEY) != other.pk


def test_nav_vender_link_follows_membership(client, citizen, vendor_owner):
    client.force_login(citizen)
    assert f'href="{reverse("vendors:onboarding_start")}"' in client.get("/").content.decode()

    client.force_login(vendor_owner)
    assert f'href="{DASHBOARD}"' in client.get("/").content.decode()


def test_nav_console_link_only_for_programme_staff(client, citizen, coordinator, moderator):
    console = reverse("staff:home")
    client.force_login(citizen)
    assert f'href="{console}"' not in client.get("/").content.decode()
    for person in (coordinator, moderator):
        client.force_login(person)
        html = client.get("/").content.decode()
        assert f'href="{console}"' in html
        assert "Consola" in html


@pytest.mark.django_db
def test_nav_has_the_directory_for_everyone(client):
    html = client.get("/").content.decode()

    assert f'href="{reverse("vendors:directory")}"' in html
    assert "Negocios" in html
