import pytest
from graphql import GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLObjectType

from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.errors import Error
from marketplace.graphql.schema import schema
from marketplace.graphql.typed_errors import UnlistedErrorCode, typed_errors

from .error_code_scan import codes_reachable_from

MUTATIONS = schema.graphql_schema.mutation_type.fields


def _error_type(payload: GraphQLObjectType) -> GraphQLObjectType:
    errors = payload.fields["errors"].type
    assert isinstance(errors, GraphQLNonNull) and isinstance(errors.of_type, GraphQLList)
    item = errors.of_type.of_type
    assert isinstance(item, GraphQLNonNull)
    return item.of_type


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_mutation_returns_an_app_error_whose_code_is_an_enum(name):
    error_type = _error_type(MUTATIONS[name].type)
    assert error_type.name != "Error"
    assert error_type.name.endswith("Error")
    code = error_type.fields["code"].type
    assert isinstance(code, GraphQLNonNull) and isinstance(code.of_type, GraphQLEnumType)
    assert code.of_type.name == f"{error_type.name}Code"


def test_the_untyped_error_is_gone_from_the_schema():
    assert schema.graphql_schema.get_type("Error") is None


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_app_enum_lists_every_code_its_mutation_can_reach(name):
    payload = MUTATIONS[name].type
    enum = _error_type(payload).fields["code"].type.of_type
    module = payload.graphene_type.__module__
    # Codes the base mutation adds itself (permission refusal, a message without a code).
    reachable = codes_reachable_from(module) | {"invalid", "permission_denied"}
    missing = reachable - set(enum.values)
    assert not missing, f"{enum.name} lacks {sorted(missing)}, which {name} can return"


def test_enum_members_are_named_by_their_values_so_json_keeps_the_same_string():
    for field in MUTATIONS.values():
        enum = _error_type(field.type).fields["code"].type.of_type
        assert all(name == getattr(v.value, "value", v.value) for name, v in enum.values.items())


def test_a_code_missing_from_the_enum_is_reported_not_rewritten():
    probe = typed_errors(
        "Probe", (CoreErrorCode,), module=__name__, description="Codes of a probe mutation."
    )
    listed = probe.mutation.typed_errors([Error(field="x", code="not_found", message="No.")])
    assert [(e.field, e.code, e.message) for e in listed] == [("x", "not_found", "No.")]
    with pytest.raises(UnlistedErrorCode, match="ProbeErrorCode lacks made_up"):
        probe.mutation.typed_errors([Error(field=None, code="made_up", message="?")])


def test_codes_shared_by_several_classes_appear_once():
    from marketplace.graphql.typed_errors import error_code_enum

    enum = error_code_enum("TwiceCode", (CoreErrorCode, CoreErrorCode), "Twice.")
    assert [m.value for m in enum._meta.enum] == [str(code) for code in CoreErrorCode]
