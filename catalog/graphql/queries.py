import graphene
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from graphql import GraphQLError

from catalog import selectors
from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.connections import ConnectionField
from vendors.graphql.mutations.ids import vendor_for_member
from vendors.selectors import vendor_list_public

from .dataloaders import StockAccessLoader, VendorByIdLoader, category_index
from .enums import ProductKind, ProductSortField, ProductStatus, SortDirection
from .types import Category, Product


class ProductFilterInput(graphene.InputObjectType):
    search = graphene.String(
        description="Words to look for, ranked as the storefront's search ranks them (accents, "
        "case and plurals do not matter); most relevant first unless sorted by NEWEST or PRICE."
    )
    category = graphene.String(description="Category slug; includes its subcategories.")
    vendor = graphene.String(description="Vendor slug.")
    municipality = graphene.String(description="The vendor's municipality: slug or DANE code.")
    kind = ProductKind()
    price_min = graphene.Int(
        description="Only products whose cheapest variant costs at least this, in whole pesos."
    )
    price_max = graphene.Int(
        description="Only products whose cheapest variant costs at most this, in whole pesos."
    )
    in_stock = graphene.Boolean(description="Only what can be ordered now.")


class ProductSortInput(graphene.InputObjectType):
    field = ProductSortField(required=True)
    direction = SortDirection(
        description="Defaults to DESC for NEWEST, ASC for PRICE and NAME. PRICE sorts by the "
        "cheapest variant."
    )


class VendorProductFilterInput(graphene.InputObjectType):
    status = ProductStatus()


def _value(value):
    return getattr(value, "value", value)  # enums arrive as members


DEFAULT_DIRECTION = {"newest": "desc", "price": "asc", "name": "asc"}
# (field, direction) -> (the selector's sort key, whether to reverse it). The selector knows one
# direction for NEWEST and NAME; the other is its exact reverse, ties included.
SORTS = {
    ("newest", "desc"): ("newest", False),
    ("newest", "asc"): ("newest", True),
    ("price", "asc"): ("price_asc", False),
    ("price", "desc"): ("price_desc", False),
    ("name", "asc"): ("name", False),
    ("name", "desc"): ("name", True),
}


def _sort(sort_by) -> tuple[str, bool]:
    field = _value(sort_by.get("field")) if sort_by else "newest"
    direction = _value(sort_by.get("direction")) if sort_by else None
    return SORTS[(field, direction or DEFAULT_DIRECTION[field])]


def _filters(given) -> selectors.ProductFilters | None:
    """The selector's filters, or None when a slug names nothing (so nothing can match)."""
    given = {name: _value(value) for name, value in (given or {}).items() if value is not None}
    values = {
        name: given[name]
        for name in ("municipality", "kind", "price_min", "price_max", "in_stock")
        if name in given
    }
    if given.get("category"):
        values["category"] = selectors.category_get(slug=given["category"])
        if values["category"] is None:
            return None
    if given.get("vendor"):
        values["vendor"] = vendor_list_public().filter(slug=given["vendor"]).first()
        if values["vendor"] is None:
            return None
    return selectors.ProductFilters(**values)


# `filter: {search}` ranks through the search backend, the one the storefront's search page
# uses (Spanish stems, accents, typos), so both find the same products. Search sits above
# catalog and cannot be imported here: search.graphql installs its ranking when the schema is
# assembled. Without it (an API built without search), a search finds nothing: words are
# looked for in one place only, never by a second, weaker match here.
_product_search = None


def use_product_search(ranking) -> None:
    """`ranking(*, filters, sort, reverse, page)` gets the filter input, the selector's sort key
    (None when the client gave no sortBy: by relevance) and the page arguments, and returns the
    matching products in order as a sequence the connection field can slice."""
    global _product_search
    _product_search = ranking


def product_search(*, filters: dict, sort: str | None, reverse: bool, page: dict):
    """The matches of `filters["search"]` (with the other filters as scope), ranked by the
    installed search; nothing when none is."""
    if _product_search is None:
        return selectors.product_list_visible().none()
    return _product_search(filters=filters, sort=sort, reverse=reverse, page=page)


def _refused(exc: Exception, code: str) -> GraphQLError:
    # A query has no `errors` field, so the refusal is a GraphQL error clients can branch on.
    if isinstance(exc, ValidationError):
        message = exc.messages[0]
    else:
        message = str(exc) or _("No tienes permiso para hacer esto.")
    return GraphQLError(message, extensions={"code": code})


class Query(graphene.ObjectType):
    products = ConnectionField(
        Product,
        required=True,
        filter=ProductFilterInput(),
        sort_by=ProductSortInput(),
        keyset=True,
        description="Products and services in the store now. Newest first unless sorted. "
        "Cursors hold the sort's values: a cursor is valid only with the sort it came from.",
    )
    product = graphene.Field(
        Product,
        slug=graphene.String(required=True),
        description="A product in the store now, by its slug; null otherwise.",
    )
    categories = graphene.List(
        graphene.NonNull(Category),
        required=True,
        description="The top-level categories; `children` holds the levels below.",
    )
    my_products = ConnectionField(
        Product,
        vendor=graphene.ID(required=True),
        filter=VendorProductFilterInput(),
        description="Every product of one of your vendors, whatever its status; recently "
        "edited first. Members of the vendor only.",
    )

    @staticmethod
    def resolve_products(root, info, filter=None, sort_by=None, **_page):  # noqa: A002
        sort, reverse = _sort(sort_by)
        if str((filter or {}).get("search") or "").strip():
            return product_search(
                filters=filter, sort=sort if sort_by else None, reverse=reverse, page=_page
            )
        filters = _filters(filter)
        if filters is None:
            return selectors.product_list_visible().none()
        # The API reads vendors through their loader (see dataloaders.vendor_of): the
        # storefront's join of vendor, enrollment and municipality would build three unused
        # objects per row.
        products = selectors.product_list_visible(filters=filters, sort=sort).select_related(None)
        products = products.select_related("category")
        return products.reverse() if reverse else products

    @staticmethod
    def resolve_product(root, info, slug):
        return selectors.product_get_visible(slug=slug, with_vendor=False)

    @staticmethod
    def resolve_categories(root, info):
        return category_index(info).children.get(None, [])

    @staticmethod
    def resolve_my_products(root, info, vendor, filter=None, **_page):  # noqa: A002
        user = info.context.user
        try:
            owner = vendor_for_member(user=user, global_id=vendor, field="vendor")
            products = selectors.product_list_for_vendor(user=user, vendor=owner)
        except PermissionDenied as exc:
            raise _refused(exc, str(CoreErrorCode.PERMISSION_DENIED)) from None
        except ValidationError as exc:
            raise _refused(exc, str(CoreErrorCode.INVALID)) from None
        # Membership was just checked, and the vendor is at hand: neither needs a query again.
        StockAccessLoader(info.context).prime(owner.pk, True)
        VendorByIdLoader(info.context).prime(owner.pk, owner)
        status = _value((filter or {}).get("status"))
        return products.filter(status=status) if status else products
