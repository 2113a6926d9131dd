import pytest
from django.core.files.storage import default_storage

from tests.factories import VendorFactory
from vendors.models import DeliveryZone

PROFILE = "/vender/panel/perfil/"


def form_data(vendor, **changes) -> dict:
    """What the page posts when nothing is changed, plus `changes`."""
    data = {
        "display_name": vendor.display_name,
        "slug": vendor.slug,
        "short_description": vendor.short_description,
        "description": vendor.description,
        "whatsapp": "",
        "website": "",
        "instagram": "",
        "facebook": "",
        "tiktok": "",
        "public_address": "",
        "opening_hours": "",
        "notice_address": "",
        "notice_phone": "",
        "notice_email": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def owner_client(client, vendor_owner):
    client.force_login(vendor_owner)
    return client


def test_profile_form_shows_every_field(owner_client, vendor):
    DeliveryZone.objects.create(vendor=vendor, municipality_id=_medellin(), fee=4000)

    response = owner_client.get(PROFILE)

    html = response.content.decode()
    assert response.status_code == 200
    for name in (
        "display_name",
        "slug",
        "short_description",
        "description",
        "whatsapp",
        "website",
        "instagram",
        "facebook",
        "tiktok",
        "public_address",
        "opening_hours",
        "offers_pickup",
        "offers_delivery",
        "vat_responsible",
        "notice_address",
        "notice_phone",
        "notice_email",
        "logo",
        "banner",
    ):
        assert f'name="{name}"' in html, name
    assert html.count('name="fee_') == 10
    assert 'name="fee_medellin" value="4000"' in html
    assert html.count('accept="image/jpeg,image/png,image/webp"') == 2
    assert 'enctype="multipart/form-data"' in html


def test_profile_update_saves_everything_with_a_real_logo(owner_client, vendor, png):
    data = form_data(
        vendor,
        display_name="Arepas Doña Luz",
        slug="Arepas Doña Luz",
        short_description="Arepas hechas a mano",
        description="Línea uno\nLínea dos",
        whatsapp="300 123 4567",
        website="https://arepas.example.com",
        instagram="https://instagram.com/arepas",
        public_address="Calle 10 # 43-25",
        opening_hours="Lunes a sábado",
        offers_pickup="on",
        offers_delivery="on",
        vat_responsible="on",
        notice_address="Calle 10 # 43-25, Medellín",
        notice_phone="604 444 5566",
        notice_email="Ventas@Arepas.example.com",
        fee_medellin="4.000",
        fee_itagui="$ 8000",
        fee_bello="0",
        logo=png(),
    )

    response = owner_client.post(PROFILE, data)

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    vendor.refresh_from_db()
    assert vendor.display_name == "Arepas Doña Luz"
    assert vendor.slug == "arepas-dona-luz"
    assert vendor.whatsapp == "+573001234567"
    assert vendor.notice_phone == "+576044445566"
    assert vendor.notice_email == "ventas@arepas.example.com"
    assert vendor.offers_pickup and vendor.offers_delivery and vendor.vat_responsible
    assert vendor.description == "Línea uno\nLínea dos"
    fees = {
        z.municipality.slug: z.fee for z in vendor.delivery_zones.select_related("municipality")
    }
    assert fees == {"medellin": 4000, "itagui": 8000, "bello": 0}
    assert set(vendor.logo["renditions"]) == {"96", "200", "400"}
    assert default_storage.exists(vendor.logo["renditions"]["200"]["webp"])
    page = owner_client.get(PROFILE).content.decode()
    assert "Guardamos los cambios de tu tienda." in page
    assert vendor.logo["renditions"]["96"]["webp"] in page


def test_unticking_a_box_and_clearing_a_fee_are_saved(owner_client, vendor):
    vendor.offers_pickup = True
    vendor.save()
    DeliveryZone.objects.create(vendor=vendor, municipality_id=_medellin(), fee=4000)

    owner_client.post(PROFILE, form_data(vendor))

    vendor.refresh_from_db()
    assert vendor.offers_pickup is False
    assert not vendor.delivery_zones.exists()


def test_bad_whatsapp_shows_a_spanish_error_and_saves_nothing(owner_client, vendor, png):
    before = vendor.display_name

    response = owner_client.post(
        PROFILE,
        form_data(vendor, display_name="Nombre nuevo", whatsapp="12345", fee_medellin="5000"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("whatsapp", code="invalid_phone")
    html = response.content.decode()
    assert "Escribe un teléfono válido" in html
    assert 'aria-invalid="true"' in html
    vendor.refresh_from_db()
    assert vendor.display_name == before
    assert not vendor.delivery_zones.exists()


def test_errors_from_the_service_land_on_their_fields(owner_client, vendor):
    VendorFactory(slug="ocupado")

    response = owner_client.post(
        PROFILE,
        form_data(
            vendor,
            display_name="",
            slug="ocupado",
            website="no es una url",
            notice_email="no-es-correo",
        ),
    )

    form = response.context["form"]
    assert form.has_error("display_name", code="required")
    assert form.has_error("slug", code="slug_taken")
    assert form.has_error("website", code="invalid")
    assert form.has_error("notice_email", code="invalid")
    html = response.content.decode()
    assert "Escribe el nombre de tu negocio." in html
    assert "Esa dirección ya la usa otro negocio." in html


def test_fee_that_is_not_a_number_is_refused_next_to_its_municipality(owner_client, vendor):
    response = owner_client.post(PROFILE, form_data(vendor, fee_envigado="cuatro mil"))

    assert response.status_code == 200
    assert response.context["form"].has_error("fee_envigado")
    assert "Escribe el valor en pesos" in response.content.decode()


def test_fee_with_cents_gets_the_service_message(owner_client, vendor):
    response = owner_client.post(PROFILE, form_data(vendor, fee_envigado="4500,50"))

    assert response.status_code == 200
    assert "Los precios van en pesos enteros, sin centavos." in response.content.decode()
    assert not vendor.delivery_zones.exists()


def test_a_file_that_is_not_an_image_is_refused(owner_client, vendor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")

    response = owner_client.post(PROFILE, form_data(vendor, logo=fake))

    assert response.status_code == 200
    assert response.context["form"].has_error("logo")
    assert "Sube una imagen JPEG, PNG o WebP." in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.logo == {}


def test_staff_member_can_edit_the_profile(client, vendor):
    from tests.factories import VendorMembershipFactory

    staff = VendorMembershipFactory(vendor=vendor, role="staff").user
    client.force_login(staff)

    response = client.post(PROFILE, form_data(vendor, display_name="Editado por el equipo"))

    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.display_name == "Editado por el equipo"


def _medellin() -> int:
    from marketplace.core.models import Municipality

    return Municipality.objects.get(slug="medellin").pk
