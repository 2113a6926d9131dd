"""A live listing's pending revision, as its vendor's members and moderators read it."""

import graphene

from .dataloaders import revision_changes_of


class RevisionStatus(graphene.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RevisionChange(graphene.ObjectType):
    """One moderated field the revision changes: the live value beside the proposed one, as
    people read them (category names, municipality names; photo counts for photos)."""

    field = graphene.String(required=True, description="name, description, category, kind, ...")
    label = graphene.String(required=True)
    before = graphene.String(required=True)
    after = graphene.String(required=True)


class ProductRevision(graphene.ObjectType):
    """Edits to a published listing's moderated fields, waiting for a moderator. The store shows
    the approved version until they are approved."""

    id = graphene.ID(required=True)
    status = graphene.Field(RevisionStatus, required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    changes = graphene.List(graphene.NonNull(RevisionChange), required=True)

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_status(root, info):
        return root.status

    @staticmethod
    def resolve_changes(root, info):
        return revision_changes_of(info, root)
