import graphene

from .types import User


class Query(graphene.ObjectType):
    me = graphene.Field(User, description="The authenticated user, or null when anonymous.")

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None
