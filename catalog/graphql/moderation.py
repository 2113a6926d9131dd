"""Moderation API: the staff queue and decisions, vendors' submissions, and the audit trail."""

import graphene
from django.core.exceptions import PermissionDenied
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from catalog import selectors
from catalog.graphql.errors import CatalogMutation
from catalog.models import ModerationCase as ModerationCaseModel
from catalog.services import moderation as moderation_services
from catalog.services import products as product_services
from marketplace.core.errors import CoreErrorCode
from marketplace.core.models import AuditEvent as AuditEventModel
from marketplace.core.selectors import AuditFilters, audit_event_list
from marketplace.graphql.connections import ConnectionField, CountableConnection
from marketplace.graphql.dataloaders import register_siblings, siblings_of

from .mutations.ids import product_for_member, product_for_moderation
from .types import Product

ModerationReason = graphene.Enum.from_enum(ModerationCaseModel.Reason, name="ModerationReason")


class ModerationFlag(graphene.ObjectType):
    code = graphene.String(required=True)
    detail = graphene.JSONString(description="What the check found (words, median price...).")


class ModerationCase(DjangoObjectType):
    flags = graphene.List(graphene.NonNull(ModerationFlag), required=True)
    reason = graphene.String()

    class Meta:
        model = ModerationCaseModel
        fields = ("id", "product", "kind", "submitted_at", "decision", "decided_at", "message")
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection

    @staticmethod
    def resolve_product(root, info):
        # The page's products (already joined) become siblings, so their own relations batch.
        page = siblings_of(info.context, root)
        register_siblings(info.context, [case.product for case in page] if page else [root.product])
        return root.product

    @staticmethod
    def resolve_flags(root, info):
        return [
            ModerationFlag(
                code=f.get("code", ""), detail={k: v for k, v in f.items() if k != "code"}
            )
            for f in root.flags
        ]

    @staticmethod
    def resolve_reason(root, info):
        return root.reason or None


class AuditEvent(DjangoObjectType):
    actor = graphene.String(description="Email of the person, or `system`.")
    data = graphene.JSONString()

    class Meta:
        model = AuditEventModel
        fields = ("id", "occurred_at", "action", "target_type", "target_id", "target_repr")
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection

    @staticmethod
    def resolve_actor(root, info):
        return root.actor_repr


class ModerationQueueFilter(graphene.InputObjectType):
    municipality = graphene.String()
    category = graphene.String()
    vendor = graphene.String()
    flag = graphene.String()
    kind = graphene.String()


class AuditEventFilter(graphene.InputObjectType):
    target = graphene.String(
        description="`app.model:id`, e.g. `catalog.product:42`, or `app.model`."
    )
    actor = graphene.String(description="Email.")
    action = graphene.String(description="Exact action, or a prefix ending in a dot (`listing.`).")
    date_from = graphene.Date()
    date_to = graphene.Date()


def _refused(exc: PermissionDenied) -> GraphQLError:
    return GraphQLError(
        str(exc) or "permission denied", extensions={"code": str(CoreErrorCode.PERMISSION_DENIED)}
    )


class Query(graphene.ObjectType):
    moderation_queue = ConnectionField(ModerationCase, filter=ModerationQueueFilter())
    audit_events = ConnectionField(AuditEvent, filter=AuditEventFilter())

    @staticmethod
    def resolve_moderation_queue(root, info, filter=None, **_page):  # noqa: A002
        try:
            return selectors.moderation_queue(
                user=info.context.user, filters=selectors.ModerationFilters(**dict(filter or {}))
            )
        except PermissionDenied as exc:
            raise _refused(exc) from None

    @staticmethod
    def resolve_audit_events(root, info, filter=None, **_page):  # noqa: A002
        given = dict(filter or {})
        target_type, _, target_id = (given.pop("target", "") or "").partition(":")
        try:
            return audit_event_list(
                user=info.context.user,
                filters=AuditFilters(target_type=target_type, target_id=target_id, **given),
            )
        except PermissionDenied as exc:
            raise _refused(exc) from None


class _Decision(CatalogMutation):
    product = graphene.Field(Product)

    class Meta:
        abstract = True


class ListingApprove(_Decision):
    class Arguments:
        id = graphene.ID(required=True)

    permissions = ("accounts.moderate_listings",)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        product = product_for_moderation(user=user, global_id=id)
        return cls(product=moderation_services.listing_approve(product=product, moderator=user))


class _ReasonedDecision(_Decision):
    """A decision that tells the vendor why: a reason code and a message."""

    service = None  # set by subclasses: listing_reject or listing_takedown

    class Meta:
        abstract = True

    class Arguments:
        id = graphene.ID(required=True)
        reason = ModerationReason(required=True)
        message = graphene.String(required=True)

    permissions = ("accounts.moderate_listings",)

    @classmethod
    def perform_mutation(cls, root, info, id, reason, message):  # noqa: A002
        user = info.context.user
        product = product_for_moderation(user=user, global_id=id)
        decided = cls.service(
            product=product,
            moderator=user,
            reason=getattr(reason, "value", reason),
            message=message,
        )
        return cls(product=decided)


class ListingReject(_ReasonedDecision):
    """Send a listing in review back to its vendor with what to fix."""

    service = staticmethod(moderation_services.listing_reject)

    class Arguments(_ReasonedDecision.Arguments):
        pass


class ListingTakedown(_ReasonedDecision):
    """Take a live listing out of the store."""

    service = staticmethod(moderation_services.listing_takedown)

    class Arguments(_ReasonedDecision.Arguments):
        pass


class ProductSubmitForReview(_Decision):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        product = product_for_member(user=user, global_id=id)
        return cls(
            product=product_services.product_submit_for_review(product=product, submitted_by=user)
        )


class ProductWithdraw(_Decision):
    """The vendor takes its own listing back: out of the review queue (back to draft) or out
    of the store. Members of its vendor only."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        product = product_for_member(user=user, global_id=id)
        return cls(product=product_services.product_withdraw(product=product, withdrawn_by=user))


class ProductRevisionDiscard(_Decision):
    """Drop the edits waiting for review on a live listing; the store keeps showing it as it
    is. Members of its vendor only."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        product = product_for_member(user=user, global_id=id)
        product_services.product_revision_discard(product=product, discarded_by=user)
        return cls(product=product)


class Mutation(graphene.ObjectType):
    listing_approve = ListingApprove.Field()
    listing_reject = ListingReject.Field()
    listing_takedown = ListingTakedown.Field()
    product_submit_for_review = ProductSubmitForReview.Field()
    product_withdraw = ProductWithdraw.Field()
    product_revision_discard = ProductRevisionDiscard.Field()
