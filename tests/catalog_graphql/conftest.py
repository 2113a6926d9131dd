import pytest

from tests.conftest import GRAPHQL_ERRORS as ERRORS  # noqa: F401 - imported by the tests here


@pytest.fixture
def other_vendor(db):
    """Vendor B, owned by someone else than `vendor_owner`."""
    from tests.factories import VendorMembershipFactory

    return VendorMembershipFactory().vendor
