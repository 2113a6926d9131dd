"""A live listing edited from the dashboard: the changes wait for review while the store keeps
the published version, the page says so and shows what is pending, and the vendor can drop
them. The staff review page shows the changes side by side and previews the result."""

import re

import pytest
from django.urls import reverse

from catalog.models import ModerationCase, ProductRevision
from catalog.selectors import product_list_visible
from tests.catalog_graphql.support import add_image
from tests.factories import ProductFactory, VariantFactory
from tests.pages_staff.moderation_support import review_url

from .test_products import _edit_data


@pytest.fixture
def live(vendor):
    product = ProductFactory(
        vendor=vendor,
        name="Arepa de chócolo",
        description="Arepa de maíz tierno asada en leña, con queso campesino.",
    )
    VariantFactory(product=product, sku="ARE-001", price=12_000)
    add_image(product, alt="Arepa en el plato")
    return product


def _edit_url(product):
    return reverse("vendors:product_edit", args=[product.pk])


def test_editing_a_live_listing_sends_the_changes_to_review(owner_client, live):
    response = owner_client.post(
        _edit_url(live),
        _edit_data(live, name="Arepa de chócolo gratinada", tax_class="iva_5"),
        follow=True,
    )
    html = response.content.decode()
    assert "Guardamos tus cambios y los enviamos a revisión" in html
    assert "Tus cambios están en revisión" in html
    assert "Arepa de chócolo gratinada" in html  # the form shows what the vendor proposed
    shown = product_list_visible().get(pk=live.pk)
    assert (shown.name, shown.tax_class) == ("Arepa de chócolo", "iva_5")
    public = owner_client.get(reverse("catalog:product", args=[live.slug])).content.decode()
    assert "gratinada" not in public


def test_a_live_listing_without_pending_changes_explains_what_is_reviewed(owner_client, live):
    html = owner_client.get(_edit_url(live)).content.decode()
    assert "pasan por revisión antes de verse en la tienda" in html
    assert "Tus cambios están en revisión" not in html


def test_the_vendor_discards_the_pending_changes(owner_client, live):
    owner_client.post(_edit_url(live), _edit_data(live, name="Otro nombre"))
    response = owner_client.post(
        reverse("vendors:product_revision_discard", args=[live.pk]), follow=True
    )
    assert "Descartamos los cambios pendientes" in response.content.decode()
    assert ProductRevision.objects.get(product=live).status == "withdrawn"
    assert not ModerationCase.objects.filter(product=live, decided_at__isnull=True).exists()


def test_another_vendor_cannot_discard_them(client, live, vendor_owner, other_vendor):
    from catalog.services.products import ProductInput, product_update

    product_update(
        product=live, updated_by=vendor_owner, data=ProductInput(values={"name": "Otro nombre"})
    )
    client.force_login(other_vendor.memberships.first().user)
    response = client.post(reverse("vendors:product_revision_discard", args=[live.pk]))
    assert response.status_code in (403, 404)
    assert ProductRevision.objects.get(product=live).status == "pending"


def test_staff_review_shows_the_diff_and_approving_publishes_it(
    client, owner_client, moderator, live
):
    owner_client.post(
        _edit_url(live),
        _edit_data(live, description="Arepa de maíz tierno asada en carbón, con quesito."),
    )
    case = ModerationCase.objects.get(product=live, decided_at__isnull=True)
    client.force_login(moderator)
    html = client.get(review_url(case)).content.decode()
    assert "Qué cambia" in html
    assert "en <del>leña</del>, con <del>queso campesino</del>." in html
    assert "en <ins>carbón</ins>, con <ins>quesito</ins>." in html
    assert "así se verá en la tienda si apruebas los cambios" in html
    client.post(f"{review_url(case)}aprobar/")
    shown = product_list_visible().get(pk=live.pk)
    assert shown.description == "Arepa de maíz tierno asada en carbón, con quesito."


def test_the_vendor_takes_a_submission_back_from_review(owner_client, vendor, vendor_owner):
    from catalog.services.products import product_submit_for_review

    product = ProductFactory(
        vendor=vendor, name="Pandebono", status="draft", published_at=None, photo=True
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    html = owner_client.get(_edit_url(product)).content.decode()
    assert "Retirar de la revisión" in html
    response = owner_client.post(
        reverse("vendors:product_unpublish", args=[product.pk]), follow=True
    )
    assert "volvió a ser un borrador" in response.content.decode()
    product.refresh_from_db()
    assert product.status == "draft"
    case = ModerationCase.objects.get(product=product)
    assert case.decision == "withdrawn"


def test_an_outdated_review_page_cannot_approve_newer_changes(owner_client, moderator, live):
    from django.test import Client

    owner_client.post(_edit_url(live), _edit_data(live, name="Arepa gratinada"))
    case = ModerationCase.objects.get(product=live, decided_at__isnull=True)
    client = Client()  # the moderator's own browser; owner_client stays the vendor's
    client.force_login(moderator)
    html = client.get(review_url(case)).content.decode()
    version = re.search(r'name="version" value="([^"]+)"', html).group(1)
    owner_client.post(_edit_url(live), _edit_data(live, name="Arepa otra vez"))
    response = client.post(f"{review_url(case)}aprobar/", {"version": version}, follow=True)
    assert "La publicación cambió mientras la revisabas" in response.content.decode()
    assert product_list_visible().get(pk=live.pk).name == "Arepa de chócolo"


def test_the_queue_filters_by_a_vendor_whose_only_waiting_item_is_a_change(
    client, owner_client, moderator, live, vendor
):
    owner_client.post(_edit_url(live), _edit_data(live, name="Arepa gratinada"))
    client.force_login(moderator)
    response = client.get(reverse("staff:listings"), {"negocio": vendor.slug})
    html = response.content.decode()
    assert "1 publicación con estos filtros" in html
    assert "Arepa de chócolo" in html
    assert "Cambia: Nombre" in html


def test_queue_with_changes_to_live_listings_runs_constant_queries(
    client, moderator, vendor, vendor_owner
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalog.services.products import ProductInput, product_update

    def revise(n):
        for i in range(n):
            product = ProductFactory(vendor=vendor)
            VariantFactory(product=product)
            add_image(product)
            product_update(
                product=product,
                updated_by=vendor_owner,
                data=ProductInput(values={"name": f"Cambio {n}-{i}"}),
            )

    client.force_login(moderator)
    client.get(reverse("staff:listings"))  # warm the per-process caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("staff:listings")).status_code == 200
        return len(queries)

    revise(2)
    two = count()
    revise(6)
    assert count() == two
