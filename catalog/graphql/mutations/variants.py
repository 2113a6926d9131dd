import graphene
from django.utils.translation import gettext as _

from catalog.error_codes import CatalogErrorCode
from catalog.graphql.errors import CatalogMutation
from catalog.models import StockMovement as StockMovementModel
from catalog.services import variants as services
from marketplace.core.errors import CoreErrorCode, field_error
from marketplace.graphql.scalars import Pesos

from ..types import Product, ProductVariant, StockMovement
from .ids import product_for_member, variant_for_member


class VariantOptionInput(graphene.InputObjectType):
    name = graphene.String(required=True, description='E.g. "talla".')
    value = graphene.String(required=True, description='E.g. "M".')


class _VariantFields:
    name = graphene.String()
    options = graphene.List(
        graphene.NonNull(VariantOptionInput), description="Replaces every option when sent."
    )
    compare_at_price = Pesos(description="The former price, shown struck through; null clears.")
    track_inventory = graphene.Boolean(description="Off for made-to-order goods and services.")


class ProductVariantCreateInput(_VariantFields, graphene.InputObjectType):
    sku = graphene.String(required=True, description="Unique among the vendor's variants.")
    price = Pesos(required=True, description="Whole pesos, taxes included.")
    initial_stock = graphene.Int(description="Units in stock to start with; recorded as such.")


class ProductVariantUpdateInput(_VariantFields, graphene.InputObjectType):
    """Only the fields sent change. Stock changes through stockAdjust."""

    sku = graphene.String()
    price = Pesos(description="Whole pesos, taxes included.")


VALUE_FIELDS = ("sku", "name", "price", "compare_at_price", "track_inventory")


def variant_values(given: dict) -> dict:
    values = {name: given[name] for name in VALUE_FIELDS if name in given}
    if "options" in given:
        options = [(option["name"].strip(), option["value"]) for option in given["options"] or ()]
        names = [name for name, _value in options]
        if "" in names or len(set(names)) != len(names):
            raise field_error(
                "options", _("Cada opción necesita un nombre distinto."), CoreErrorCode.INVALID
            )
        values["options"] = dict(options)
    return values


class _VariantMutation(CatalogMutation):
    class Meta:
        abstract = True

    variant = graphene.Field(ProductVariant)
    product = graphene.Field(Product)


class ProductVariantCreate(_VariantMutation):
    """Add a sellable variant to a product. Members of its vendor only."""

    class Arguments:
        product = graphene.ID(required=True)
        input = ProductVariantCreateInput(required=True)

    @classmethod
    def perform_mutation(cls, root, info, product, input):  # noqa: A002 - the API's names
        user = info.context.user
        target = product_for_member(user=user, global_id=product, field="product")
        initial_stock = input.get("initial_stock") or 0
        if initial_stock < 0:
            raise field_error(
                "initial_stock",
                _("Las existencias no pueden quedar negativas."),
                CatalogErrorCode.STOCK_NEGATIVE,
            )
        variant = services.variant_create(
            product=target,
            created_by=user,
            values=variant_values(input),
            initial_stock=initial_stock,
        )
        return cls(variant=variant, product=target)


class ProductVariantUpdate(_VariantMutation):
    """Edit a variant's price, SKU, name or options. Members of its vendor only."""

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductVariantUpdateInput(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # noqa: A002
        user = info.context.user
        variant = variant_for_member(user=user, global_id=id)
        updated = services.variant_update(
            variant=variant, updated_by=user, values=variant_values(input)
        )
        return cls(variant=updated, product=updated.product)


class ProductVariantDelete(CatalogMutation):
    """Remove a variant; a product keeps at least one. Members of its vendor only."""

    class Arguments:
        id = graphene.ID(required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        variant = variant_for_member(user=user, global_id=id)
        services.variant_delete(variant=variant, deleted_by=user)
        return cls(product=variant.product)


class StockAdjust(CatalogMutation):
    """Add (positive `delta`) or remove (negative) units of a variant's stock by hand; every
    change is recorded. Members of its vendor only."""

    class Arguments:
        variant = graphene.ID(required=True)
        delta = graphene.Int(required=True)
        note = graphene.String(description="Why, for the stock history.")

    variant = graphene.Field(ProductVariant)
    movement = graphene.Field(StockMovement)

    @classmethod
    def perform_mutation(cls, root, info, variant, delta, note=None):
        user = info.context.user
        target = variant_for_member(user=user, global_id=variant, field="variant")
        movement = services.stock_adjust(
            variant=target,
            delta=delta,
            reason=StockMovementModel.Reason.MANUAL,
            actor=user,
            note=note or "",
        )
        return cls(variant=target, movement=movement)
