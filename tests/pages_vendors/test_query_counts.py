"""The directory costs the same number of queries for 3 vendors as for a full page of them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .support import storefront_vendor

pytestmark = pytest.mark.django_db


def measure(client) -> tuple[int, int]:
    client.get("/negocios/")  # warms per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/negocios/")
    assert response.status_code == 200
    return len(captured), len(response.context["cards"])


@pytest.mark.parametrize("viewer", ["anonymous", "vendor member"])
def test_directory_page_costs_constant_queries(client, vendor_owner, viewer):
    if viewer == "vendor member":
        client.force_login(vendor_owner)
    vendor_owner.vendor_memberships.get().vendor.delete()  # only the storefronts below

    for _ in range(3):
        storefront_vendor()
    small, shown = measure(client)
    assert shown == 3

    for _ in range(22):
        storefront_vendor()
    large, shown = measure(client)
    assert shown == 24  # a full page out of 25

    assert small == large, f"{small} queries for 3 vendors, {large} for 25"
