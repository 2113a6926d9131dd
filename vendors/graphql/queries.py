import graphene
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.core.errors import CoreErrorCode
from marketplace.core.selectors import municipality_list
from marketplace.graphql.connections import ConnectionField
from vendors import selectors

from .mutations.ids import vendor_for_member
from .notification_types import VendorNotification
from .roster_types import Enrollment, EnrollmentStatus
from .types import Municipality, Vendor


class VendorFilterInput(graphene.InputObjectType):
    municipality = graphene.String(description="Municipality slug or DANE code.")
    sector = graphene.String(description="CIIU section letter.")
    search = graphene.String()


class EnrollmentFilterInput(graphene.InputObjectType):
    municipality = graphene.String(description="Municipality slug or DANE code.")
    sector = graphene.String(description="CIIU section letter.")
    status = EnrollmentStatus()
    cohort = graphene.String()
    search = graphene.String(description="Legal or trade name, or the start of the NIT.")


def _filters(filters_class, given) -> object:
    values = {
        name: getattr(value, "value", value)  # enums arrive as members
        for name, value in (given or {}).items()
        if value is not None
    }
    return filters_class(**values)


def _refused(exc: PermissionDenied) -> GraphQLError:
    # A query has no `errors` field, so the refusal is a GraphQL error clients can branch on.
    return GraphQLError(
        str(exc) or _("No tienes permiso para hacer esto."),
        extensions={"code": str(CoreErrorCode.PERMISSION_DENIED)},
    )


def _vendor_of_member(user, global_id: str):
    try:
        return vendor_for_member(user=user, global_id=global_id, field="vendor")
    except PermissionDenied as exc:
        raise _refused(exc) from None
    except ValidationError as exc:
        raise GraphQLError(
            " ".join(exc.messages), extensions={"code": str(CoreErrorCode.INVALID)}
        ) from None


class Query(graphene.ObjectType):
    vendors = ConnectionField(
        Vendor,
        required=True,
        filter=VendorFilterInput(),
        description="Vendors selling in the store now.",
    )
    vendor = graphene.Field(
        Vendor,
        slug=graphene.String(required=True),
        description="A vendor selling in the store now, by its slug; null otherwise.",
    )
    municipalities = graphene.List(
        graphene.NonNull(Municipality),
        required=True,
        description="The municipalities of the Valle de Aburrá.",
    )
    enrollments = ConnectionField(
        Enrollment,
        filter=EnrollmentFilterInput(),
        description="The programme roster. Staff who manage the roster only.",
    )
    vendor_applications = ConnectionField(
        Vendor,
        description="Vendors waiting for review, oldest first. Staff who manage vendors only.",
    )
    vendor_notifications = ConnectionField(
        VendorNotification,
        vendor=graphene.ID(required=True),
        description="A vendor's dashboard notices, newest first. The vendor's members only.",
    )
    vendor_notifications_unread_count = graphene.Int(
        vendor=graphene.ID(required=True),
        description="How many of a vendor's notices nobody on its team has read yet.",
    )

    @staticmethod
    def resolve_vendors(root, info, filter=None, **_page):  # noqa: A002 - the API's name
        return selectors.vendor_list_public(filters=_filters(selectors.VendorFilters, filter))

    @staticmethod
    def resolve_vendor(root, info, slug):
        return selectors.vendor_get_public(slug=slug)

    @staticmethod
    def resolve_municipalities(root, info):
        return municipality_list()

    @staticmethod
    def resolve_enrollments(root, info, filter=None, **_page):  # noqa: A002
        try:
            return selectors.enrollment_list(
                user=info.context.user, filters=_filters(selectors.EnrollmentFilters, filter)
            )
        except PermissionDenied as exc:
            raise _refused(exc) from None

    @staticmethod
    def resolve_vendor_applications(root, info, **_page):
        try:
            return selectors.vendor_applications_queue(user=info.context.user)
        except PermissionDenied as exc:
            raise _refused(exc) from None

    @staticmethod
    def resolve_vendor_notifications(root, info, vendor, **_page):
        user = info.context.user
        target = _vendor_of_member(user, vendor)
        return selectors.vendor_notifications_for_member(user=user, vendor=target)

    @staticmethod
    def resolve_vendor_notifications_unread_count(root, info, vendor):
        user = info.context.user
        target = _vendor_of_member(user, vendor)
        return selectors.vendor_notifications_unread_count(user=user, vendor=target)
