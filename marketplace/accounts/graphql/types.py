import json

import graphene
from graphene_django import DjangoObjectType

from marketplace.accounts.models import User as UserModel
from marketplace.accounts.privacy import personal_data_for


# No Relay Node interface on purpose: a user is reachable only as `me`, never by ID.
class User(DjangoObjectType):
    class Meta:
        model = UserModel
        description = "A person's own profile."
        # An allow-list, so a new model field (or the password hash) is never exposed by accident.
        fields = ("email", "first_name", "last_name", "phone")

    personal_data = graphene.String(
        required=True,
        description="Everything the store holds about this person (Ley 1581), as a JSON "
        "document: the same content as the download on the account page.",
    )

    @staticmethod
    def resolve_personal_data(root, info):
        # `me` only ever resolves to the requester, so this is always their own data.
        return json.dumps(personal_data_for(user=root), ensure_ascii=False)


class AccountDeletionRequest(graphene.ObjectType):
    created_at = graphene.DateTime(required=True)
    due_on = graphene.Date(
        required=True, description="Last business day for the programme to answer."
    )
    status = graphene.String(required=True)
