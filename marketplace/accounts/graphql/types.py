from graphene_django import DjangoObjectType

from marketplace.accounts.models import User as UserModel


# No Relay Node interface on purpose: a user is reachable only as `me`, never by ID.
class User(DjangoObjectType):
    class Meta:
        model = UserModel
        description = "A person's own profile."
        # An allow-list, so a new model field (or the password hash) is never exposed by accident.
        fields = ("email", "first_name", "last_name", "phone")
