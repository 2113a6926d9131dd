"""A service's refusal that reaches a query resolver answers with the service's code and
Spanish message, never as an internal error. Found by tests/security/test_graphql_fuzz.py."""

import pytest
from graphql_relay import to_global_id

from tests.factories import VendorMembershipFactory

from .test_bad_input import assert_no_leak


def query(client, document, **extra):
    return client.post("/graphql/", {"query": document}, content_type="application/json", **extra)


@pytest.mark.parametrize(
    "document",
    [
        '{ settlements(vendor: "x", period: {end: "2000-01-01"}) { payoutAt } }',
        '{ settlements(vendor: "VmVuZG9yOjE=") { payoutAt } }',
    ],
)
def test_staff_settlements_refuse_an_anonymous_client_with_a_code(client, db, document):
    response = query(client, document)
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "permission_denied"
    assert error["message"] == "Debes iniciar sesión para hacer esto."
    assert_no_leak(response)


def test_a_malformed_vendor_id_is_refused_on_its_field(client, db):
    member = VendorMembershipFactory().user
    client.force_login(member)
    response = query(client, '{ vendorSettlements(vendor: "x") { payoutAt } }')
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "invalid", "field": "vendor"}
    assert error["message"] == "No es el ID de un negocio."


def test_another_vendors_settlements_are_refused_as_permission_denied(client, db):
    client.force_login(VendorMembershipFactory().user)
    other = VendorMembershipFactory().vendor
    document = (
        f'{{ vendorSettlements(vendor: "{to_global_id("Vendor", other.pk)}") {{ payoutAt }} }}'
    )
    response = query(client, document)
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "permission_denied"
    assert response.json()["data"] is None
