"""The indexing pipeline keeps every index in step with the catalogue, through the real services
and events, after commit. Runs once per reachable backend."""

import pytest

from catalog.events import CategoryRenamed, ProductChanged, ProductsChanged
from catalog.models import Category, StockMovement
from catalog.services.moderation import listing_approve
from catalog.services.products import (
    ProductInput,
    product_archive,
    product_create,
    product_publish,
    product_unpublish,
    product_update,
)
from catalog.services.variants import stock_adjust, variant_create, variant_update
from marketplace.core.events import publish, subscribers
from search import handlers
from search.models import SearchDocument
from search.services import suggest
from tests.factories import VariantFactory
from vendors.events import VendorActivated, VendorProfileChanged, VendorSuspended
from vendors.services.lifecycle import vendor_reactivate, vendor_suspend
from vendors.services.profile import ProfileInput, vendor_profile_update


@pytest.fixture
def listed(search_backend, vendor, django_capture_on_commit_callbacks):
    """A published product of `vendor`, indexed."""
    variant = VariantFactory(
        product__vendor=vendor, product__name="Ruana de lana virgen", stock_quantity=4
    )
    search_backend.reindex()
    return variant


def test_handlers_are_registered_for_every_event():
    assert handlers.on_product_changed in subscribers(ProductChanged)
    assert handlers.on_products_changed in subscribers(ProductsChanged)
    assert handlers.on_category_renamed in subscribers(CategoryRenamed)
    for event in (VendorSuspended, VendorActivated, VendorProfileChanged):
        assert handlers.on_vendor_changed in subscribers(event)


def test_a_published_product_enters_the_index(
    search_backend, vendor, vendor_owner, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = product_create(
            vendor=vendor,
            created_by=vendor_owner,
            data=ProductInput(
                values={"name": "Mermelada de mora", "category": "salsas-y-conservas"}
            ),
        )
        variant_create(
            product=product, created_by=vendor_owner, values={"sku": "MER-1", "price": 9_000}
        )
    assert product.pk not in search_backend.indexed_ids()  # a draft is not visible

    with django_capture_on_commit_callbacks(execute=True):
        product_publish(product=product, published_by=moderator)
    assert product.pk in search_backend.indexed_ids()
    assert search_backend.names("mermeladas") == ["Mermelada de mora"]


def test_an_approved_revision_replaces_the_indexed_text(
    search_backend, listed, vendor_owner, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product_update(
            product=listed.product,
            updated_by=vendor_owner,
            data=ProductInput(values={"name": "Poncho de alpaca"}),
        )
    # A live listing's edit waits for review: the index keeps what the store shows.
    assert search_backend.names("poncho") == []
    with django_capture_on_commit_callbacks(execute=True):
        listing_approve(product=listed.product, moderator=moderator)
    assert search_backend.names("poncho") == ["Poncho de alpaca"]
    assert search_backend.names("ruana") == []


@pytest.mark.parametrize("leave", [product_unpublish, product_archive])
def test_unpublished_or_archived_products_leave_the_index(
    search_backend, listed, vendor_owner, django_capture_on_commit_callbacks, leave
):
    actor = {"product_unpublish": "unpublished_by", "product_archive": "archived_by"}
    with django_capture_on_commit_callbacks(execute=True):
        leave(product=listed.product, **{actor[leave.__name__]: vendor_owner})
    assert listed.product_id not in search_backend.indexed_ids()
    assert search_backend.names("ruana") == []


def test_stock_to_zero_and_back_updates_availability(
    search_backend, listed, vendor_owner, django_capture_on_commit_callbacks
):
    in_stock = {"in_stock": "1"}
    assert search_backend.names("ruana", filters=in_stock) == ["Ruana de lana virgen"]
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(
            variant=listed, delta=-4, reason=StockMovement.Reason.MANUAL, actor=vendor_owner
        )
    # Sold out: still listed, no longer "in stock".
    assert search_backend.names("ruana") == ["Ruana de lana virgen"]
    assert search_backend.names("ruana", filters=in_stock) == []
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(
            variant=listed, delta=2, reason=StockMovement.Reason.MANUAL, actor=vendor_owner
        )
    assert search_backend.names("ruana", filters=in_stock) == ["Ruana de lana virgen"]


def test_a_price_change_moves_the_product_between_price_facets(
    search_backend, listed, vendor_owner, django_capture_on_commit_callbacks
):
    def band():
        [value] = search_backend.search("ruana").facets["price"]
        return value.value

    assert band() == "0-20000"
    with django_capture_on_commit_callbacks(execute=True):
        variant_update(variant=listed, updated_by=vendor_owner, values={"price": 150_000})
    assert band() == "100000-200000"


def test_suspension_removes_and_reactivation_restores_listings(
    search_backend, listed, vendor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vendor_suspend(vendor=vendor, suspended_by=coordinator, reason="Documentos vencidos")
    assert listed.product_id not in search_backend.indexed_ids()
    assert search_backend.names("ruana") == []
    prefix = vendor.display_name[:4]
    assert vendor.display_name not in [s.label for s in suggest(prefix, limit=20).vendors]

    with django_capture_on_commit_callbacks(execute=True):
        vendor_reactivate(vendor=vendor, reactivated_by=coordinator)
    assert search_backend.names("ruana") == ["Ruana de lana virgen"]
    assert vendor.display_name in [s.label for s in suggest(prefix, limit=20).vendors]


def test_a_vendor_rename_reaches_its_listings(
    search_backend, listed, vendor, vendor_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vendor_profile_update(
            vendor=vendor,
            updated_by=vendor_owner,
            data=ProfileInput(values={"display_name": "Telares del Oriente"}),
        )
    assert search_backend.names("telares") == ["Ruana de lana virgen"]
    vendors = search_backend.search("ruana").facets["vendor"]
    assert [v.label for v in vendors] == ["Telares del Oriente"]
    search_backend.refresh()
    assert [s.label for s in suggest("telar").vendors] == ["Telares del Oriente"]
    assert [s.label for s in suggest("del ori").vendors] == ["Telares del Oriente"]


def test_a_category_rename_reaches_its_listings(
    search_backend, listed, django_capture_on_commit_callbacks
):
    # Categories are renamed by staff tooling that publishes CategoryRenamed after the write.
    category = listed.product.category
    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.filter(pk=category.pk).update(name="Abrigos andinos")
        publish(CategoryRenamed(category_id=category.pk))
    assert search_backend.names("abrigos") == ["Ruana de lana virgen"]


def test_a_parent_category_rename_reaches_products_filed_below_it(
    search_backend, listed, django_capture_on_commit_callbacks
):
    parent = listed.product.category.parent
    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.filter(pk=parent.pk).update(name="Gastronomía paisa")
        publish(CategoryRenamed(category_id=parent.pk))
    assert search_backend.names("gastronomia") == ["Ruana de lana virgen"]


def test_a_batch_event_reindexes_every_product_in_it(
    search_backend, vendor, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_INDEX_BATCH_SIZE = 2
    variants = [
        VariantFactory(product__vendor=vendor, product__name=f"Vela aromática {n}")
        for n in range(5)
    ]
    assert search_backend.indexed_ids() == set()
    with django_capture_on_commit_callbacks(execute=True):
        publish(ProductsChanged(product_ids=tuple(v.product_id for v in variants)))
    assert search_backend.indexed_ids() == {v.product_id for v in variants}
    assert search_backend.search("velas").total == 5


def test_nothing_is_indexed_when_the_transaction_rolls_back(
    search_backend, listed, vendor_owner, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        product_update(
            product=listed.product,
            updated_by=vendor_owner,
            data=ProductInput(values={"name": "Nunca guardado"}),
        )
        raise RuntimeError
    assert search_backend.names("nunca") == []
    assert search_backend.names("ruana") == ["Ruana de lana virgen"]


def test_unchanged_documents_are_not_rewritten(search_backend, listed):
    from search import indexing

    assert indexing.index_products([listed.product_id]) == 0
    SearchDocument.objects.filter(pk=listed.product_id).update(fingerprint="stale")
    # The count is the database index's, which every configuration keeps.
    assert indexing.index_products([listed.product_id]) == 1
