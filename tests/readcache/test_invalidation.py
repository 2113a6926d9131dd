"""A read after any change an anonymous visitor can see never gets the cached old answer. Every
change goes through the service that production uses; `commits` runs what waits for the commit
(as the real commit would)."""

import pytest
from django.db import transaction

from catalog.services.moderation import listing_takedown
from catalog.services.products import product_unpublish
from catalog.services.stock import stock_allocate, stock_restore
from catalog.services.variants import variant_update
from marketplace.core import readcache
from vendors.services.lifecycle import vendor_reactivate, vendor_suspend
from vendors.services.profile import ProfileInput, vendor_profile_update

from .conftest import PRODUCTS

pytestmark = pytest.mark.usefixtures("read_cache")


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def cached(anonymous, product_of, listing):
    """The listing read twice: the second answer came from the cache."""
    before = product_of(listing)
    assert anonymous(PRODUCTS)[1] == "MISS" and anonymous(PRODUCTS)[1] == "HIT"
    assert product_of(listing) == before
    return before


def test_a_price_change_is_seen_at_once(cached, commits, product_of, listing, vendor_owner):
    with commits():
        variant_update(variant=listing, updated_by=vendor_owner, values={"price": 9_500})
    assert product_of(listing)["variants"][0]["price"]["amount"] == 9_500


def test_stock_taken_by_an_order_and_restored_by_a_cancellation_is_seen_at_once(
    cached, commits, product_of, listing
):
    assert cached["variants"][0]["quantityAvailable"] == 5
    with commits(), transaction.atomic():
        stock_allocate(lines=[(listing.pk, 5)])
    after_order = product_of(listing)
    assert after_order["variants"][0]["quantityAvailable"] == 0
    assert after_order["isAvailable"] is False
    with commits(), transaction.atomic():
        stock_restore(lines=[(listing.pk, 2)], reason="cancellation", note="Pedido cancelado")
    assert product_of(listing)["variants"][0]["quantityAvailable"] == 2


def test_an_unpublished_listing_leaves_the_cached_lists(
    cached, commits, anonymous, product_of, listing, vendor_owner
):
    with commits():
        product_unpublish(product=listing.product, unpublished_by=vendor_owner)
    assert product_of(listing) is None
    data, state = anonymous(PRODUCTS)
    assert state == "MISS" and data["data"]["products"]["edges"] == []


def test_a_moderators_takedown_is_seen_at_once(cached, commits, product_of, listing, moderator):
    with commits():
        listing_takedown(
            product=listing.product,
            moderator=moderator,
            reason="misleading_information",
            message="No.",
        )
    assert product_of(listing) is None


def test_a_suspended_and_reactivated_vendor_is_seen_at_once(
    cached, commits, product_of, listing, vendor, coordinator
):
    with commits():
        vendor_suspend(vendor=vendor, suspended_by=coordinator, reason="Revisión de documentos")
    assert product_of(listing) is None
    with commits():
        vendor_reactivate(vendor=vendor, reactivated_by=coordinator)
    assert product_of(listing)["name"] == "Arepa de queso"


def test_a_renamed_vendor_is_seen_at_once(
    cached, commits, product_of, listing, vendor, vendor_owner
):
    with commits():
        vendor_profile_update(
            vendor=vendor,
            updated_by=vendor_owner,
            data=ProfileInput(values={"display_name": "Doña Luz"}),
        )
    assert product_of(listing)["vendor"]["displayName"] == "Doña Luz"


def test_a_rolled_back_change_keeps_the_cache(cached, commits, anonymous, listing, vendor_owner):
    with commits(), pytest.raises(RuntimeError), transaction.atomic():
        variant_update(variant=listing, updated_by=vendor_owner, values={"price": 1_000})
        raise RuntimeError
    assert anonymous(PRODUCTS)[1] == "HIT"


def test_the_version_moves_only_after_the_commit(db, commits, listing, vendor_owner):
    version = readcache.catalogue_version()
    with commits():
        variant_update(variant=listing, updated_by=vendor_owner, values={"price": 9_900})
        assert readcache.catalogue_version() == version
    assert readcache.catalogue_version() != version


def test_a_migration_run_moves_the_version(db):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    version = readcache.catalogue_version()
    catalog = apps.get_app_config("catalog")
    post_migrate.send(sender=catalog, app_config=catalog, verbosity=0, interactive=False)
    assert readcache.catalogue_version() != version
