import pytest
from django.utils import timezone
from graphql_relay import from_global_id

from catalog.category_tree import CATEGORY_TREE
from catalog.models import Category
from marketplace.core.models import Municipality
from search import indexing
from tests.factories import (
    EnrollmentFactory,
    ProductFactory,
    VariantFactory,
    VendorFactory,
    VendorMembershipFactory,
)

from .support import add_image, listed_product

PRODUCT = """
query($slug: String!) {
  product(slug: $slug) {
    id name slug kind description taxClass pricingMode durationMinutes isAvailable
    category { slug parent { slug } level }
    vendor { slug }
    variants {
      sku name options { name value } trackInventory isAvailable
      price { amount currency formatted } compareAtPrice { amount formatted }
      quantityAvailable stockQuantity allocatedQuantity
    }
    images { alt width height url small: url(size: 100) medium: url(size: 321) huge: url(size: 5000) }
    pricing { priceRange { start { amount currency formatted } stop { amount formatted } } }
    serviceMunicipalities { code name }
  }
}
"""
SLUGS = """
query($filter: ProductFilterInput, $sortBy: ProductSortInput, $first: Int, $after: String) {
  products(filter: $filter, sortBy: $sortBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug isAvailable } }
  }
}
"""


def listing(gql, **variables):
    result = gql(SLUGS, variables)
    assert "errors" not in result, result["errors"]
    return result["data"]["products"]


def slugs(gql, **variables):
    return [edge["node"]["slug"] for edge in listing(gql, **variables)["edges"]]


def product_data(gql, slug, user=None):
    result = gql(PRODUCT, {"slug": slug}, user=user)
    assert "errors" not in result, result["errors"]
    return result["data"]["product"]


# Visibility


@pytest.mark.parametrize("status", ["draft", "in_review", "rejected", "unpublished", "archived"])
def test_unpublished_products_are_neither_listed_nor_found(gql, vendor, vendor_owner, status):
    shown = listed_product(vendor=vendor)
    hidden = listed_product(vendor=vendor, status=status)
    assert slugs(gql) == [shown.slug]
    assert product_data(gql, hidden.slug) is None
    # Not even its own vendor sees it through the public fields; that is what myProducts is for.
    assert product_data(gql, hidden.slug, user=vendor_owner) is None


@pytest.mark.parametrize("vendor_status", ["suspended", "pending_review", "closed"])
def test_products_of_a_vendor_outside_the_store_are_hidden(gql, db, vendor_status):
    shown = listed_product()
    hidden = listed_product(vendor=VendorFactory(status=vendor_status))
    assert slugs(gql) == [shown.slug]
    assert product_data(gql, hidden.slug) is None
    vendor = gql("query($s: String!) { vendor(slug: $s) { slug } }", {"s": hidden.vendor.slug})
    assert vendor["data"]["vendor"] is None


def test_out_of_stock_goods_stay_listed_as_unavailable(gql, db):
    sold_out = listed_product(variant__stock_quantity=2, variant__allocated_quantity=2)
    untracked = listed_product(variant__stock_quantity=0, variant__track_inventory=False)
    in_stock = listed_product()
    availability = {
        edge["node"]["slug"]: edge["node"]["isAvailable"] for edge in listing(gql)["edges"]
    }
    assert availability == {sold_out.slug: False, untracked.slug: True, in_stock.slug: True}
    data = product_data(gql, sold_out.slug)
    assert data["isAvailable"] is False
    assert data["variants"][0]["isAvailable"] is False
    assert data["variants"][0]["quantityAvailable"] == 0
    assert set(slugs(gql, filter={"inStock": True})) == {untracked.slug, in_stock.slug}


def test_unknown_slug_is_null(gql, db):
    assert product_data(gql, "no-existe") is None


# The product page


def test_product_page_shows_prices_in_pesos_and_stock_only_where_it_means_something(gql, db):
    product = ProductFactory(
        name="Mochila tejida", description="Hecha en Envigado.", tax_class="iva_5"
    )
    VariantFactory(
        product=product,
        sku="MOC-M",
        name="Mediana",
        options=[["talla", "M"], ["color", "Azul"]],
        price=45_900,
        compare_at_price=52_000,
        stock_quantity=7,
        allocated_quantity=2,
    )
    VariantFactory(product=product, sku="MOC-G", price=1_250_000, track_inventory=False)
    data = product_data(gql, product.slug)

    assert from_global_id(data["id"]) == ("Product", str(product.pk))
    assert (data["kind"], data["taxClass"], data["pricingMode"]) == ("GOODS", "IVA_5", "FIXED")
    assert data["category"] == {
        "slug": "comida-preparada",
        "parent": {"slug": "alimentos-y-bebidas"},
        "level": 1,
    }
    assert data["vendor"] == {"slug": product.vendor.slug}
    medium, large = data["variants"]
    assert medium["price"] == {"amount": 45900, "currency": "COP", "formatted": "$\u00a045.900"}
    assert medium["compareAtPrice"] == {"amount": 52000, "formatted": "$\u00a052.000"}
    assert medium["options"] == [
        {"name": "talla", "value": "M"},
        {"name": "color", "value": "Azul"},
    ]
    assert (medium["quantityAvailable"], medium["isAvailable"]) == (5, True)
    # The public never sees the stock figures behind the available quantity.
    assert (medium["stockQuantity"], medium["allocatedQuantity"]) == (None, None)
    assert large["price"]["formatted"] == "$\u00a01.250.000"
    assert large["compareAtPrice"] is None
    assert (large["trackInventory"], large["quantityAvailable"]) == (False, None)
    assert data["pricing"]["priceRange"] == {
        "start": {"amount": 45900, "currency": "COP", "formatted": "$\u00a045.900"},
        "stop": {"amount": 1250000, "formatted": "$\u00a01.250.000"},
    }
    assert data["isAvailable"] is True


def test_members_see_their_own_stock_figures_and_no_one_elses(gql, vendor, vendor_owner):
    own = listed_product(vendor=vendor, variant__stock_quantity=9, variant__allocated_quantity=4)
    theirs = listed_product(variant__stock_quantity=3)
    mine = product_data(gql, own.slug, user=vendor_owner)["variants"][0]
    assert (mine["stockQuantity"], mine["allocatedQuantity"], mine["quantityAvailable"]) == (
        9,
        4,
        5,
    )
    other = product_data(gql, theirs.slug, user=vendor_owner)["variants"][0]
    assert (other["stockQuantity"], other["allocatedQuantity"]) == (None, None)
    assert other["quantityAvailable"] == 3


def test_services_show_where_they_are_offered_and_no_stock(gql, db):
    service = ProductFactory(kind="service", duration_minutes=90, pricing_mode="from")
    service.service_municipalities.set(Municipality.objects.filter(slug__in=["bello", "itagui"]))
    VariantFactory(product=service, price=80_000, stock_quantity=5)
    data = product_data(gql, service.slug)
    assert (data["kind"], data["durationMinutes"], data["pricingMode"]) == ("SERVICE", 90, "FROM")
    assert data["serviceMunicipalities"] == [
        {"code": "05088", "name": "Bello"},
        {"code": "05360", "name": "Itagüí"},
    ]
    assert data["variants"][0]["quantityAvailable"] is None
    assert data["pricing"]["priceRange"]["start"]["formatted"] == "$\u00a080.000"


def test_products_priced_on_request_have_no_price_range(gql, db):
    quoted = ProductFactory(kind="service", pricing_mode="quote")
    VariantFactory(product=quoted, price=0)
    assert product_data(gql, quoted.slug)["pricing"] == {"priceRange": None}


def test_image_urls_pick_the_narrowest_webp_rendition_wide_enough(gql, db):
    product = listed_product()
    product.images.all().delete()
    add_image(product, alt="Segunda", position=1, width=1200, height=900)
    add_image(product, alt="Pequeña", position=0, width=600, height=400)
    first, second = product_data(gql, product.slug)["images"]
    base = f"/media/products/{product.pk}/abc"
    # 600 px wide: the 800 and 1600 renditions are the 600 px original, never upscaled.
    assert first == {
        "alt": "Pequeña",
        "width": 600,
        "height": 400,
        "url": f"{base}-800.webp",
        "small": f"{base}-320.webp",
        "medium": f"{base}-800.webp",
        "huge": f"{base}-800.webp",
    }
    assert second["alt"] == "Segunda"
    assert (second["url"], second["medium"]) == (f"{base}-1600.webp", f"{base}-800.webp")


# Filters, sorting, pages


def test_filters(gql, db):
    bello = Municipality.objects.get(slug="bello")
    from_bello = VendorFactory(enrollment=EnrollmentFactory(municipality=bello))
    bread = listed_product(
        name="Pan de bono",
        category=Category.objects.get(slug="panaderia-y-reposteria"),
        variant__price=3_000,
    )
    bag = listed_product(
        name="Bolso de cuero",
        description="Cuero curtido en Itagüí",
        category=Category.objects.get(slug="bolsos-y-marroquineria"),
        vendor=from_bello,
        variant__price=189_000,
    )
    design = listed_product(
        name="Diseño de logo",
        kind="service",
        category=Category.objects.get(slug="diseno-grafico"),
        variant__price=450_000,
        variant__stock_quantity=0,
    )

    # Factories write rows without the services' events, so the search index is built here.
    indexing.rebuild()

    def found(**filters):
        return set(slugs(gql, filter=filters))

    assert found() == {bread.slug, bag.slug, design.slug}
    assert found(search="cuero") == {bag.slug}
    assert found(search="itagüí") == {bag.slug}  # the description counts too
    assert found(category="alimentos-y-bebidas") == {bread.slug}  # subcategories included
    assert found(category="no-existe") == set()
    assert found(vendor=from_bello.slug) == {bag.slug}
    assert found(vendor="no-existe") == set()
    assert found(municipality="bello") == {bag.slug}
    assert found(municipality="05088") == {bag.slug}
    assert found(municipality="05001") == {bread.slug, design.slug}
    assert found(kind="SERVICE") == {design.slug}
    assert found(kind="GOODS") == {bread.slug, bag.slug}
    assert found(priceMin=100_000) == {bag.slug, design.slug}
    assert found(priceMax=189_000) == {bread.slug, bag.slug}
    assert found(priceMin=4_000, priceMax=200_000) == {bag.slug}
    assert found(inStock=True) == {bread.slug, bag.slug}
    assert found(kind="GOODS", municipality="medellin", search="pan") == {bread.slug}


def test_a_suspended_vendor_cannot_be_used_to_filter(gql, db):
    hidden = listed_product(vendor=VendorFactory(status="suspended"))
    assert slugs(gql, filter={"vendor": hidden.vendor.slug}) == []


def test_sorting(gql, db):
    now = timezone.now()
    older = listed_product(
        name="Café", published_at=now - timezone.timedelta(days=2), variant__price=20_000
    )
    newest = listed_product(name="Arepa", published_at=now, variant__price=30_000)
    middle = listed_product(
        name="Bocadillo", published_at=now - timezone.timedelta(days=1), variant__price=10_000
    )

    def order(field=None, direction=None):
        sort_by = {"field": field, "direction": direction} if field else None
        return [
            {older.slug: "older", newest.slug: "newest", middle.slug: "middle"}[slug]
            for slug in slugs(gql, sortBy=sort_by)
        ]

    assert order() == ["newest", "middle", "older"]
    assert order("NEWEST") == order("NEWEST", "DESC") == ["newest", "middle", "older"]
    assert order("NEWEST", "ASC") == ["older", "middle", "newest"]
    assert order("PRICE") == order("PRICE", "ASC") == ["middle", "older", "newest"]
    assert order("PRICE", "DESC") == ["newest", "older", "middle"]
    assert order("NAME") == order("NAME", "ASC") == ["newest", "middle", "older"]
    assert order("NAME", "DESC") == ["older", "middle", "newest"]


def test_pages_follow_the_cursor_and_count_every_match(gql, db):
    made = [listed_product() for _ in range(5)]
    first = listing(gql, first=2)
    assert first["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True
    rest = listing(gql, first=10, after=first["pageInfo"]["endCursor"])
    assert rest["totalCount"] == 5
    seen = [edge["node"]["slug"] for edge in first["edges"] + rest["edges"]]
    assert seen == [product.slug for product in reversed(made)]


def test_a_page_larger_than_100_is_refused(gql, db):
    result = gql(SLUGS, {"first": 101})
    assert result["data"] is None or result["data"]["products"] is None
    assert "100" in result["errors"][0]["message"]


# Categories and the vendor's storefront


def test_categories_form_the_programme_tree(gql, db):
    result = gql(
        "{ categories { slug level parent { slug }"
        " children { slug level parent { slug } children { slug } } } }"
    )
    tree = result["data"]["categories"]
    assert len(tree) == len(CATEGORY_TREE)
    food = next(node for node in tree if node["slug"] == "alimentos-y-bebidas")
    assert (food["level"], food["parent"]) == (0, None)
    assert len(food["children"]) == 7
    bakery = next(c for c in food["children"] if c["slug"] == "panaderia-y-reposteria")
    assert bakery == {
        "slug": "panaderia-y-reposteria",
        "level": 1,
        "parent": {"slug": "alimentos-y-bebidas"},
        "children": [],
    }


def test_vendor_storefront_lists_only_its_products_in_the_store(gql, vendor, vendor_owner):
    shown = listed_product(vendor=vendor)
    listed_product(vendor=vendor, status="draft")
    listed_product()  # another vendor's
    query = """
    query($slug: String!) {
      vendor(slug: $slug) { products(first: 10) { totalCount edges { node { slug } } } }
    }
    """
    for user in (None, vendor_owner):
        page = gql(query, {"slug": vendor.slug}, user=user)["data"]["vendor"]["products"]
        assert page == {"totalCount": 1, "edges": [{"node": {"slug": shown.slug}}]}


def test_my_memberships_show_no_products_of_a_suspended_vendor(gql, db):
    membership = VendorMembershipFactory(vendor=VendorFactory(status="suspended"))
    listed_product(vendor=membership.vendor)
    query = "{ me { vendorMemberships { vendor { products(first: 5) { totalCount } } } } }"
    data = gql(query, user=membership.user)["data"]["me"]["vendorMemberships"]
    assert data == [{"vendor": {"products": {"totalCount": 0}}}]


def test_the_public_sees_stock_only_as_up_to_ten(gql, vendor, vendor_owner, citizen):
    product = listed_product(vendor=vendor, variant__stock_quantity=37)
    assert product_data(gql, product.slug)["variants"][0]["quantityAvailable"] == 10
    assert product_data(gql, product.slug, user=citizen)["variants"][0]["quantityAvailable"] == 10
    own = product_data(gql, product.slug, user=vendor_owner)["variants"][0]
    assert (own["quantityAvailable"], own["stockQuantity"]) == (37, 37)


def test_small_stock_is_shown_exactly(gql, db):
    product = listed_product(variant__stock_quantity=4)
    assert product_data(gql, product.slug)["variants"][0]["quantityAvailable"] == 4
