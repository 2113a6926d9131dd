import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.models import User
from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.mutations import BaseMutation


class CreateUserThenMaybeFail(BaseMutation):
    class Arguments:
        email = graphene.String(required=True)
        fail_with = graphene.String()

    email = graphene.String()

    @classmethod
    def perform_mutation(cls, root, info, email, fail_with=None):
        user = User.objects.create_user(email=email)
        if fail_with == "field":
            raise ValidationError(
                {
                    "first_name": ValidationError(
                        "Escribe tu nombre.", code=CoreErrorCode.REQUIRED
                    ),
                    "__all__": ValidationError("Revisa el formulario."),
                }
            )
        if fail_with == "non_field":
            raise ValidationError("Falta %(what)s.", params={"what": "algo"})
        if fail_with == "permission":
            raise PermissionDenied("Solo para moderadores.")
        return cls(email=user.email)


class Moderate(BaseMutation):
    permissions = ("accounts.moderate_listings",)
    ran = graphene.Boolean()

    @classmethod
    def perform_mutation(cls, root, info):
        return cls(ran=True)


class Query(graphene.ObjectType):
    ping = graphene.String()


class Mutation(graphene.ObjectType):
    create_user = CreateUserThenMaybeFail.Field()
    moderate = Moderate.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)

CREATE = """
mutation($failWith: String) {
  createUser(email: "nueva@example.com", failWith: $failWith) {
    email errors { field code message }
  }
}
"""
MODERATE = "mutation { moderate { ran errors { field code message } } }"


@pytest.fixture
def context(rf, db):
    request = rf.post("/graphql/")
    request.user = AnonymousUser()
    return request


def run(document, context, **variables):
    result = schema.execute(document, context_value=context, variable_values=variables)
    assert result.errors is None, result.errors
    return next(iter(result.data.values()))


def test_success_returns_fields_and_empty_errors(context):
    assert run(CREATE, context) == {"email": "nueva@example.com", "errors": []}
    assert User.objects.filter(email="nueva@example.com").exists()


def test_field_errors_are_camel_cased_and_roll_back(context):
    result = run(CREATE, context, failWith="field")
    assert result["email"] is None
    assert result["errors"] == [
        {"field": "firstName", "code": "required", "message": "Escribe tu nombre."},
        {"field": None, "code": "invalid", "message": "Revisa el formulario."},
    ]
    assert not User.objects.filter(email="nueva@example.com").exists()


def test_non_field_error_renders_its_params(context):
    result = run(CREATE, context, failWith="non_field")
    assert result["errors"] == [{"field": None, "code": "invalid", "message": "Falta algo."}]
    assert not User.objects.exists()


def test_permission_denied_becomes_an_error_and_rolls_back(context):
    result = run(CREATE, context, failWith="permission")
    assert result["errors"] == [
        {"field": None, "code": "permission_denied", "message": "Solo para moderadores."}
    ]
    assert not User.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "citizen"])
def test_declared_permissions_are_checked_first(context, citizen, who):
    if who == "citizen":
        context.user = citizen
    result = run(MODERATE, context)
    assert result["ran"] is None
    assert [e["code"] for e in result["errors"]] == ["permission_denied"]


def test_holder_of_the_permission_runs_the_mutation(context, moderator):
    context.user = moderator
    assert run(MODERATE, context) == {"ran": True, "errors": []}
