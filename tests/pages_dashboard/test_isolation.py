"""Permissions from the outside: anonymous people are sent to log in, and vendor A's member can
never open or act on vendor B's products, variants, photos, stock or quote requests, whatever
the URL or the session says. Every refusal is the 403 page and leaves B's data as it was."""

import pytest
from django.urls import reverse

from catalog.models import Product, ProductImage, ProductVariant, QuoteRequest, StockMovement
from marketplace.core.models import AuditEvent
from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory

SESSION_KEY = "vendors.current_vendor_id"

LIST_PAGES = [
    "vendors:products",
    "vendors:product_create",
    "vendors:products_export",
    "vendors:products_import",
    "vendors:quotes",
]


def _image(product):
    return ProductImage.objects.create(
        product=product,
        alt="Foto de B",
        position=0,
        image={"width": 10, "height": 10, "renditions": {}},
    )


@pytest.fixture
def b(foreign):
    """Vendor B's product, variant, photo and quote request."""
    variant = foreign.variants.get()
    image = _image(foreign)
    quote = QuoteRequest.objects.create(
        product=foreign, name="Cliente de B", email="cliente@example.com", message="Cotícenme"
    )
    return {"product": foreign, "variant": variant, "image": image, "quote": quote}


def _product_urls(b):
    product, variant, image = b["product"], b["variant"], b["image"]
    p = product.pk
    return {
        "get": [
            reverse("vendors:product_edit", args=[p]),
            reverse("vendors:product_archive", args=[p]),
        ],
        "post": [
            (reverse("vendors:product_edit", args=[p]), {"name": "Tomado", "kind": "goods"}),
            (reverse("vendors:product_submit", args=[p]), {}),
            (reverse("vendors:product_unpublish", args=[p]), {}),
            (reverse("vendors:product_archive", args=[p]), {}),
            (reverse("vendors:variant_create", args=[p]), {"nueva-sku": "X", "nueva-price": "1"}),
            (
                reverse("vendors:variant_update", args=[p, variant.pk]),
                {f"v{variant.pk}-sku": "X", f"v{variant.pk}-price": "1"},
            ),
            (reverse("vendors:variant_delete", args=[p, variant.pk]), {}),
            (
                reverse("vendors:stock_adjust", args=[p, variant.pk]),
                {f"s{variant.pk}-delta": "-4"},
            ),
            (reverse("vendors:image_create", args=[p]), {"foto-alt": "x"}),
            (reverse("vendors:image_delete", args=[p, image.pk]), {}),
            (reverse("vendors:image_move", args=[p, image.pk]), {"mover": "subir"}),
            (reverse("vendors:quote_answered", args=[b["quote"].pk]), {}),
        ],
    }


def _snapshot(b):
    product = Product.objects.get(pk=b["product"].pk)
    variant = ProductVariant.objects.get(pk=b["variant"].pk)
    return (
        product.name,
        product.status,
        variant.sku,
        variant.price,
        variant.stock_quantity,
        list(ProductVariant.objects.filter(product=product).values_list("pk", flat=True)),
        list(ProductImage.objects.filter(product=product).values_list("pk", "position")),
        QuoteRequest.objects.get(pk=b["quote"].pk).answered_at,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIST_PAGES)
def test_anonymous_people_are_sent_to_log_in(client, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_anonymous_posts_change_nothing(client, b):
    before = _snapshot(b)
    for url, data in _product_urls(b)["post"]:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    assert _snapshot(b) == before


def test_member_of_a_cannot_open_or_change_b(owner_client, vendor, b):
    before = _snapshot(b)
    urls = _product_urls(b)

    for url in urls["get"]:
        assert owner_client.get(url).status_code == 403, url
    for url, data in urls["post"]:
        response = owner_client.post(url, data)
        assert response.status_code == 403, url
        assert b["product"].name not in response.content.decode()

    assert _snapshot(b) == before
    assert not StockMovement.objects.exists()
    assert not AuditEvent.objects.filter(actor__isnull=False).exists()


def test_ids_of_a_variant_or_photo_of_b_under_a_product_of_a_are_refused(owner_client, draft, b):
    before = _snapshot(b)
    p = draft.pk
    variant, image = b["variant"], b["image"]

    attempts = [
        (
            reverse("vendors:variant_update", args=[p, variant.pk]),
            {f"v{variant.pk}-sku": "X", f"v{variant.pk}-price": "1"},
        ),
        (reverse("vendors:variant_delete", args=[p, variant.pk]), {}),
        (reverse("vendors:stock_adjust", args=[p, variant.pk]), {f"s{variant.pk}-delta": "5"}),
        (reverse("vendors:image_delete", args=[p, image.pk]), {}),
        (reverse("vendors:image_move", args=[p, image.pk]), {"mover": "subir"}),
    ]
    for url, data in attempts:
        assert owner_client.post(url, data).status_code == 403, url

    assert _snapshot(b) == before
    assert not StockMovement.objects.exists()


def test_a_session_pointing_at_b_gets_403_everywhere(owner_client, vendor, b):
    session = owner_client.session
    session[SESSION_KEY] = b["product"].vendor_id
    session.save()

    for name in LIST_PAGES:
        assert owner_client.get(reverse(name)).status_code == 403, name
    response = owner_client.post(
        reverse("vendors:product_create"),
        {"kind": "goods", "name": "Intruso", "category": "mascotas", "sku": "I", "price": "1"},
    )
    assert response.status_code == 403
    assert not Product.objects.filter(name="Intruso").exists()


def test_member_of_two_businesses_works_on_the_chosen_one_only(owner_client, vendor_owner, b):
    """Belonging to B too does not let a page for A act on B's product: the product must be
    the current business's."""
    VendorMembershipFactory(user=vendor_owner, vendor=b["product"].vendor, role="staff")

    response = owner_client.get(reverse("vendors:product_edit", args=[b["product"].pk]))

    assert response.status_code == 403


def test_citizen_without_a_business_is_sent_to_the_dashboard(client, citizen):
    client.force_login(citizen)

    assert client.get(reverse("vendors:products"))["Location"] == reverse("vendors:dashboard")
    response = client.post(reverse("vendors:products_import_confirm"), {"token": "x"})
    assert response.status_code == 403


def test_quote_requests_of_b_are_not_listed(owner_client, b):
    html = owner_client.get(reverse("vendors:quotes")).content.decode()

    assert "Cliente de B" not in html


def test_archived_products_of_a_stay_a_members_own(owner_client, vendor):
    product = ProductFactory(vendor=vendor, status="archived")
    VariantFactory(product=product)

    assert owner_client.get(reverse("vendors:product_edit", args=[product.pk])).status_code == 200
