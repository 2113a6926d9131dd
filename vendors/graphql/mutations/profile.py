import graphene

from vendors.graphql.errors import VendorMutation
from vendors.services.profile import ProfileInput, vendor_profile_update

from ..types import Vendor
from .ids import vendor_for_member


class DeliveryFeeInput(graphene.InputObjectType):
    municipality = graphene.String(required=True, description="Municipality slug.")
    fee = graphene.Int(required=True, description="Whole Colombian pesos.")


class VendorProfileInput(graphene.InputObjectType):
    """Only the fields sent change; `deliveryFees`, when sent, replaces every zone."""

    display_name = graphene.String()
    slug = graphene.String()
    short_description = graphene.String()
    description = graphene.String()
    whatsapp = graphene.String()
    website = graphene.String()
    instagram = graphene.String()
    facebook = graphene.String()
    tiktok = graphene.String()
    public_address = graphene.String()
    opening_hours = graphene.String()
    offers_pickup = graphene.Boolean()
    offers_delivery = graphene.Boolean()
    vat_responsible = graphene.Boolean()
    notice_address = graphene.String()
    notice_phone = graphene.String()
    notice_email = graphene.String()
    delivery_fees = graphene.List(graphene.NonNull(DeliveryFeeInput))


def profile_input(given: dict) -> ProfileInput:
    # The input object holds only the keys the client sent, already snake_cased by graphene,
    # which is what tells "leave as is" apart from "clear".
    values = {name: value for name, value in given.items() if name != "delivery_fees"}
    fees = given.get("delivery_fees")
    delivery_fees = None
    if "delivery_fees" in given:
        delivery_fees = {zone["municipality"]: zone["fee"] for zone in fees or ()}
    return ProfileInput(values=values, delivery_fees=delivery_fees)


class VendorProfileUpdate(VendorMutation):
    """Edit the storefront profile. Members of the vendor only. Logo and banner are uploaded
    from the vendor dashboard, not through the API."""

    class Arguments:
        id = graphene.ID(required=True)
        input = VendorProfileInput(required=True)

    vendor = graphene.Field(Vendor)

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # noqa: A002 - the API's names
        user = info.context.user
        vendor = vendor_for_member(user=user, global_id=id)
        updated = vendor_profile_update(vendor=vendor, updated_by=user, data=profile_input(input))
        return cls(vendor=updated)
