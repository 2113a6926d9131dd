import pytest

from tests.factories import EnrollmentFactory, VendorFactory

ENROLLMENTS = """
query($filter: EnrollmentFilterInput) {
  enrollments(first: 10, filter: $filter) {
    totalCount edges { node { legalName nit status cohort } }
  }
}
"""
APPLICATIONS = "{ vendorApplications(first: 10) { totalCount edges { node { slug } } } }"


@pytest.mark.parametrize("who", [None, "citizen", "moderator", "vendor_owner"])
def test_roster_and_queue_are_refused_to_anyone_but_their_staff(gql, db, request, who):
    EnrollmentFactory()
    VendorFactory(status="pending_review")
    user = request.getfixturevalue(who) if who else None
    for query, field in ((ENROLLMENTS, "enrollments"), (APPLICATIONS, "vendorApplications")):
        result = gql(query, user=user)
        assert result["data"] == {field: None}
        assert [e["extensions"]["code"] for e in result["errors"]] == ["permission_denied"]


def test_coordinator_filters_the_roster(gql, coordinator):
    EnrollmentFactory(legal_name="Confecciones Aburrá S.A.S.", cohort="2026-1", status="active")
    EnrollmentFactory(legal_name="Panadería Sabaneta", cohort="2025-2", status="withdrawn")
    result = gql(ENROLLMENTS, {"filter": {"status": "WITHDRAWN"}}, user=coordinator)
    nodes = [edge["node"] for edge in result["data"]["enrollments"]["edges"]]
    assert [(n["legalName"], n["status"]) for n in nodes] == [("Panadería Sabaneta", "WITHDRAWN")]
    result = gql(
        ENROLLMENTS, {"filter": {"cohort": "2026-1", "search": "confec"}}, user=coordinator
    )
    assert result["data"]["enrollments"]["totalCount"] == 1


def test_coordinator_sees_only_pending_applications_oldest_first(gql, coordinator):
    first = VendorFactory(status="pending_review")
    second = VendorFactory(status="pending_review")
    VendorFactory(status="active")
    page = gql(APPLICATIONS, user=coordinator)["data"]["vendorApplications"]
    assert [edge["node"]["slug"] for edge in page["edges"]] == [first.slug, second.slug]
