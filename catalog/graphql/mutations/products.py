import graphene

from catalog.graphql.errors import CatalogMutation
from catalog.services import products as services
from vendors.graphql.mutations.ids import vendor_for_member

from ..enums import PricingMode, ProductKind, RetractoExclusion, TaxClass
from ..types import Product
from .ids import product_for_member, product_for_moderation


class _ProductFields:
    description = graphene.String(description="Plain text; line breaks are kept.")
    kind = ProductKind()
    tax_class = TaxClass()
    pricing_mode = PricingMode()
    duration_minutes = graphene.Int(description="For services.")
    retracto_exclusion = RetractoExclusion(
        description="Perishable, hygiene or custom-made goods; null clears it."
    )
    service_municipalities = graphene.List(
        graphene.NonNull(graphene.String),
        description="Municipality slugs where a service is offered; replaces the list when sent.",
    )


class ProductCreateInput(_ProductFields, graphene.InputObjectType):
    name = graphene.String(required=True)
    category = graphene.String(required=True, description="Category slug.")


class ProductUpdateInput(_ProductFields, graphene.InputObjectType):
    """Only the fields sent change."""

    name = graphene.String()
    category = graphene.String(description="Category slug.")


def product_input(given: dict) -> services.ProductInput:
    # The input object holds only the keys the client sent (already snake_cased), which is what
    # tells "leave as is" apart from "clear". Enums arrive as members.
    values = {
        name: getattr(value, "value", value)
        for name, value in given.items()
        if name != "service_municipalities"
    }
    municipalities = None
    if "service_municipalities" in given:
        municipalities = list(given["service_municipalities"] or [])
    return services.ProductInput(values=values, service_municipalities=municipalities)


class _ProductMutation(CatalogMutation):
    class Meta:
        abstract = True

    product = graphene.Field(Product)


class ProductCreate(_ProductMutation):
    """Add a product or service to one of your vendors, as a draft. Members only."""

    class Arguments:
        vendor = graphene.ID(required=True)
        input = ProductCreateInput(required=True)

    @classmethod
    def perform_mutation(cls, root, info, vendor, input):  # noqa: A002 - the API's names
        user = info.context.user
        owner = vendor_for_member(user=user, global_id=vendor, field="vendor")
        product = services.product_create(vendor=owner, created_by=user, data=product_input(input))
        return cls(product=product)


class ProductUpdate(_ProductMutation):
    """Edit a product. Members of its vendor only; archived products cannot change. On a
    published listing, edits to moderated fields (name, description, category, kind, service
    details) wait for review in `productRevision` and the returned product shows the live
    values; the tax class applies at once."""

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductUpdateInput(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # noqa: A002
        user = info.context.user
        product = product_for_member(user=user, global_id=id)
        updated = services.product_update(
            product=product, updated_by=user, data=product_input(input)
        )
        return cls(product=updated)


class ProductArchive(_ProductMutation):
    """Retire a product for good: it leaves the store and can no longer be edited."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        product = product_for_member(user=user, global_id=id)
        return cls(product=services.product_archive(product=product, archived_by=user))


class ProductPublish(_ProductMutation):
    """Put a listing in the store. Staff who moderate listings, until moderation by review
    lands; the product needs a variant and its vendor must be active."""

    class Arguments:
        id = graphene.ID(required=True)

    permissions = ("accounts.moderate_listings",)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        product = product_for_moderation(user=user, global_id=id)
        return cls(product=services.product_publish(product=product, published_by=user))
