import pytest
from django.core.management import CommandError, call_command

from marketplace.graphql.schema import SCHEMA_PATH, build_schema, schema, schema_sdl


def test_committed_schema_matches_the_code():
    committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    assert committed == schema_sdl(), (
        "schema.graphql is out of date: run `python manage.py export_schema` and commit it."
    )


def test_user_type_exposes_only_its_allow_listed_fields():
    user_type = schema.graphql_schema.get_type("User")
    # vendorMemberships and orders are added by the vendors and orders apps; nothing else about
    # a person is exposed. personalData is the person's own data-subject download.
    assert set(user_type.fields) == {
        "email",
        "firstName",
        "lastName",
        "phone",
        "vendorMemberships",
        "orders",
        "personalData",
    }


def test_check_mode_fails_on_drift(tmp_path, monkeypatch):
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: String }\n", encoding="utf-8")
    monkeypatch.setattr("marketplace.graphql.management.commands.export_schema.SCHEMA_PATH", stale)
    with pytest.raises(CommandError, match="run `python manage.py export_schema`"):
        call_command("export_schema", "--check")
    call_command("export_schema")
    assert stale.read_text(encoding="utf-8") == schema_sdl()
    call_command("export_schema", "--check")


def test_apps_without_a_graphql_package_or_mutations_are_skipped():
    schema = build_schema(["marketplace.accounts.graphql", "vendors.graphql_not_written_yet"])
    assert "me" in schema.graphql_schema.query_type.fields
    only_queries = build_schema(["marketplace.accounts.graphql.queries"])
    assert only_queries.graphql_schema.mutation_type is None
