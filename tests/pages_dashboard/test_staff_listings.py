"""The staff console's queue of listings sent for review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from tests.factories import ProductFactory, VariantFactory
from vendors.models import Vendor

LISTINGS = "/consola/publicaciones/"


def _in_review(vendor, name, *, days_ago=0):
    product = ProductFactory(vendor=vendor, name=name, status="in_review", published_at=None)
    VariantFactory(product=product, price=45_900)
    Product.objects.filter(pk=product.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return product


def test_urls():
    assert reverse("staff:listings") == LISTINGS
    assert reverse("staff:listing_publish", args=[3]) == "/consola/publicaciones/3/publicar/"


def test_queue_lists_products_in_review_oldest_first(client, moderator, vendor):
    newer = _in_review(vendor, "Camiseta nueva", days_ago=1)
    older = _in_review(vendor, "Bolso antiguo", days_ago=5)
    ProductFactory(vendor=vendor, name="Borrador oculto", status="draft")
    client.force_login(moderator)

    response = client.get(LISTINGS)

    html = response.content.decode()
    assert response.status_code == 200
    assert [row["product"] for row in response.context["rows"]] == [older, newer]
    assert html.index("Bolso antiguo") < html.index("Camiseta nueva")
    assert "Borrador oculto" not in html
    assert vendor.display_name in html
    assert "Comida preparada" in html
    assert "$\u00a045.900" in html
    assert "Sin foto" in html
    assert "2 publicaciones esperan revisión" in html
    assert 'href="/consola/publicaciones/"' in html  # console nav entry


def test_moderator_publishes_a_listing(client, moderator, vendor):
    product = _in_review(vendor, "Arepa de chócolo")
    client.force_login(moderator)

    response = client.post(reverse("staff:listing_publish", args=[product.pk]))

    assert response["Location"] == LISTINGS
    product.refresh_from_db()
    assert product.status == "published"
    assert product.published_at is not None
    html = client.get(LISTINGS).content.decode()
    assert "Publicaste «Arepa de chócolo». Ya se ve en la tienda." in html
    assert "No hay publicaciones esperando revisión." in html


def test_coordinator_publishes_too(client, coordinator, vendor):
    product = _in_review(vendor, "Arepa de chócolo")
    client.force_login(coordinator)

    client.post(reverse("staff:listing_publish", args=[product.pk]))

    product.refresh_from_db()
    assert product.status == "published"


def test_a_suspended_vendors_listing_is_not_published(client, moderator, vendor):
    product = _in_review(vendor, "Arepa de chócolo")
    Vendor.objects.filter(pk=vendor.pk).update(status="suspended")
    client.force_login(moderator)

    assert "no se puede publicar" in client.get(LISTINGS).content.decode()
    response = client.post(reverse("staff:listing_publish", args=[product.pk]), follow=True)

    assert "No pudimos publicar «Arepa de chócolo»" in response.content.decode()
    product.refresh_from_db()
    assert product.status == "in_review"


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(LISTINGS)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={LISTINGS}"


def test_citizens_and_vendors_are_refused(client, citizen, vendor_owner, vendor):
    product = _in_review(vendor, "Arepa de chócolo")
    for person in (citizen, vendor_owner):
        client.force_login(person)
        assert client.get(LISTINGS).status_code == 403
        assert client.post(reverse("staff:listing_publish", args=[product.pk])).status_code == 403
    product.refresh_from_db()
    assert product.status == "in_review"


def test_publishing_an_unknown_product_is_404(client, moderator):
    client.force_login(moderator)

    assert client.post(reverse("staff:listing_publish", args=[999999])).status_code == 404
