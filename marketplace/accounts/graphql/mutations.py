import graphene

from marketplace.accounts.emails import email_normalize
from marketplace.accounts.graphql.errors import AccountMutation
from marketplace.accounts.privacy import deletion_request_create
from marketplace.accounts.tokens import token_create, token_refresh

from .types import AccountDeletionRequest, User


class TokenCreate(AccountMutation):
    """Log in with email and password; returns a short-lived access token for
    `Authorization: Bearer ...` and a refresh token to obtain new ones."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(User)

    # A failed attempt is recorded for the lockout; rolling the mutation back would erase it.
    atomic = False
    rate_limit = "login"

    @classmethod
    def rate_limit_keys(cls, data):
        return (f"email:{email_normalize(data.get('email'))}",)

    @classmethod
    def perform_mutation(cls, root, info, email, password):
        pair = token_create(email=email, password=password, request=info.context)
        return cls(token=pair.token, refresh_token=pair.refresh_token, user=pair.user)


class TokenRefresh(AccountMutation):
    """Exchange a refresh token for a new access token."""

    class Arguments:
        refresh_token = graphene.String(required=True)

    token = graphene.String()
    refresh_token = graphene.String(
        description="The next refresh token: each one can be used once, and using one twice "
        "signs out every token issued from the same login."
    )

    # Reusing a refresh token revokes its family; rolling back would undo the revocation.
    atomic = False

    @classmethod
    def perform_mutation(cls, root, info, refresh_token):
        pair = token_refresh(refresh_token=refresh_token)
        return cls(token=pair.token, refresh_token=pair.refresh_token)


class AccountDeletionRequestCreate(AccountMutation):
    """Ask the programme to delete the signed-in person's account (Ley 1581); confirmed with
    the password. Staff carry the request out within 15 business days."""

    class Arguments:
        password = graphene.String(required=True)

    deletion_request = graphene.Field(AccountDeletionRequest)

    @classmethod
    def perform_mutation(cls, root, info, password):
        request = deletion_request_create(user=info.context.user, password=password)
        return cls(deletion_request=request)


class Mutation(graphene.ObjectType):
    token_create = TokenCreate.Field()
    token_refresh = TokenRefresh.Field()
    account_deletion_request = AccountDeletionRequestCreate.Field()
