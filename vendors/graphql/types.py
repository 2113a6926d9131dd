"""Public vendor types. Fields marked private resolve to null unless the requesting user is a
member of the vendor or staff who manage vendors (decided by vendors.selectors)."""

import graphene
from graphene_django import DjangoObjectType

from marketplace.graphql.connections import CountableConnection
from vendors import selectors
from vendors.identifiers import nit_format
from vendors.models import Vendor as VendorModel
from vendors.models import VendorMembership as VendorMembershipModel

from .dataloaders import can_read_private, delivery_zones_of, enrollment_of, members_of
from .images import Image, image_or_none


class Municipality(graphene.ObjectType):
    code = graphene.String(required=True, description="DANE code, e.g. 05001 for Medellín.")
    name = graphene.String(required=True)
    slug = graphene.String(required=True)

    @staticmethod
    def resolve_code(root, info):
        return root.dane_code


class Sector(graphene.ObjectType):
    code = graphene.String(required=True, description="CIIU Rev. 4 A.C. section letter.")
    title = graphene.String(required=True)


class SellerInformation(graphene.ObjectType):
    """Who sells, as the consumer statute requires every online seller to show (Ley 1480 de
    2011, art. 50)."""

    legal_name = graphene.String(required=True)
    nit = graphene.String(required=True, description="Formatted with its check digit.")
    notice_address = graphene.String(required=True, description="Address for legal notices.")
    phone = graphene.String(required=True)
    email = graphene.String(required=True)


class DeliveryZone(graphene.ObjectType):
    municipality = graphene.Field(Municipality, required=True)
    fee = graphene.Int(required=True, description="Delivery fee in whole Colombian pesos.")


def choice_value(value):
    # A model instance just saved holds the TextChoices member, which graphene would take for
    # one of its own enums' members and refuse.
    return getattr(value, "value", value)


def _private(attribute: str):
    def resolve(root, info):
        return choice_value(getattr(root, attribute)) if can_read_private(info, root) else None

    return resolve


def _role(root, info):
    return choice_value(root.role)


def choices_enum(name: str, choices, description: str) -> type[graphene.Enum]:
    return graphene.Enum(
        name, [(choice.name, choice.value) for choice in choices], description=description
    )


VendorStatus = choices_enum(
    "VendorStatus", VendorModel.Status, "Where a vendor is in its lifecycle; only ACTIVE sells."
)
VendorMemberRole = choices_enum(
    "VendorMemberRole", VendorMembershipModel.Role, "The owner manages the team; staff do not."
)


class VendorMember(graphene.ObjectType):
    """A person on a vendor's team."""

    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    role = graphene.Field(VendorMemberRole, required=True, resolver=_role)
    joined_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_email(root, info):
        return root.user.email

    @staticmethod
    def resolve_first_name(root, info):
        return root.user.first_name

    @staticmethod
    def resolve_last_name(root, info):
        return root.user.last_name

    @staticmethod
    def resolve_joined_at(root, info):
        return root.created_at


class Vendor(DjangoObjectType):
    """A business's store account: public while it sells, private to its team and staff
    otherwise."""

    logo = graphene.Field(Image, description="Square logo; null when none was uploaded.")
    banner = graphene.Field(Image)
    whatsapp_url = graphene.String(description="https://wa.me link, or null without WhatsApp.")
    municipality = graphene.Field(Municipality, required=True)
    sector = graphene.Field(Sector, required=True)
    seller_information = graphene.Field(SellerInformation, required=True)
    delivery_zones = graphene.List(graphene.NonNull(DeliveryZone), required=True)

    status = graphene.Field(VendorStatus, description="Private.", resolver=_private("status"))
    status_reason = graphene.String(description="Private.", resolver=_private("status_reason"))
    members = graphene.List(graphene.NonNull(VendorMember), description="Private.")

    class Meta:
        model = VendorModel
        name = "Vendor"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        # An allow-list, so notice details and internal fields are exposed only on purpose.
        fields = (
            "slug",
            "display_name",
            "short_description",
            "description",
            "whatsapp",
            "website",
            "instagram",
            "facebook",
            "tiktok",
            "public_address",
            "opening_hours",
            "offers_pickup",
            "offers_delivery",
            "vat_responsible",
        )

    # The columns each field's resolver reads, so a product list asking for a few of them
    # loads no others (see marketplace.graphql.selection).
    column_needs = {"logo": ("logo",), "banner": ("banner",), "whatsappUrl": ("whatsapp",)}

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        # Reachable by ID only while public; private vendors come through scoped queries.
        return selectors.vendor_list_public().filter(pk=id).first()

    @staticmethod
    def resolve_logo(root, info):
        return image_or_none(root.logo)

    @staticmethod
    def resolve_banner(root, info):
        return image_or_none(root.banner)

    @staticmethod
    def resolve_whatsapp_url(root, info):
        digits = "".join(ch for ch in root.whatsapp if ch.isdigit())
        return f"https://wa.me/{digits}" if digits else None

    @staticmethod
    def resolve_municipality(root, info):
        return enrollment_of(info, root).municipality

    @staticmethod
    def resolve_sector(root, info):
        return enrollment_of(info, root).ciiu_section

    @staticmethod
    def resolve_seller_information(root, info):
        enrollment = enrollment_of(info, root)
        return SellerInformation(
            legal_name=enrollment.legal_name,
            nit=nit_format(enrollment.nit),
            notice_address=root.notice_address,
            phone=root.notice_phone,
            email=root.notice_email,
        )

    @staticmethod
    def resolve_delivery_zones(root, info):
        return delivery_zones_of(info, root)

    @staticmethod
    def resolve_members(root, info):
        return members_of(info, root)


class VendorMembership(graphene.ObjectType):
    """One of the requesting user's places on a vendor's team."""

    vendor = graphene.Field(Vendor, required=True)
    role = graphene.Field(VendorMemberRole, required=True, resolver=_role)
