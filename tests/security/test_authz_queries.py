"""The API's read side: every query field of the live schema, asked by every role about vendor
B's or the buyer's data, gets the declared answer: "data", "empty" (null, an empty list or an
empty page: nothing of someone else's is shown) or "refused" (an error). A new query field
without a declaration fails `test_every_query_field_has_a_declared_policy`."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction

from marketplace.graphql.schema import schema

from .authz_world import ANONYMOUS, ROLES, World, build_world, gid

pytestmark = pytest.mark.django_db

FIELDS = schema.graphql_schema.query_type.fields
DATA, EMPTY, REFUSED = "data", "empty", "refused"


def outcomes(default: str, **by_role: str) -> dict[str, str]:
    assert set(by_role) <= set(ROLES), set(by_role) - set(ROLES)
    return {role: by_role.get(role, default) for role in ROLES}


PUBLIC = outcomes(DATA)
# Search reads an index filled after commit, which a test's transaction never reaches: the
# answer is empty for everyone, and asking is open to everyone.
SEARCH = outcomes(EMPTY)
EDGES = "edges { cursor }"


@dataclass(frozen=True)
class Read:
    selection: str  # the field with its arguments and sub-selection, variables as $names
    target: Callable[[World], dict]
    outcomes: dict[str, str]


def _b(w: World) -> dict:
    return {"vendor": gid("Vendor", w.vendor_b)}


def _b_with_orders(w: World) -> dict:
    w.paid_part()
    return _b(w)


def _b_with_notice(w: World) -> dict:
    w.notification()
    return _b(w)


def _b_with_draft(w: World) -> dict:
    w.draft()
    return _b(w)


def _nothing(w: World) -> dict:
    return {}


def _live(w: World) -> dict:
    return {"slug": w.live().slug}


READS: dict[str, Read] = {
    # The public catalogue
    "search": Read(f"search(query: \"mochila\") {{ {EDGES} }}", lambda w: w.live() and {}, SEARCH),
    "searchSuggestions": Read("searchSuggestions(prefix: $prefix) { label }", lambda w: w.live() and {"prefix": "moch"}, SEARCH),
    "products": Read(f"products {{ {EDGES} }}", lambda w: w.live() and {}, PUBLIC),
    "product": Read("product(slug: $slug) { name }", _live, PUBLIC),
    "categories": Read("categories { slug }", _nothing, PUBLIC),
    "vendors": Read(f"vendors {{ {EDGES} }}", _nothing, PUBLIC),
    "vendor": Read("vendor(slug: $slug) { displayName }", lambda w: {"slug": w.vendor_b.slug}, PUBLIC),
    "municipalities": Read("municipalities { slug }", _nothing, PUBLIC),
    # The person's own account, cart, checkout and order
    "me": Read("me { email personalData }", _nothing, outcomes(DATA, anonymous=EMPTY)),
    # Each signed-in person reads their own cart: the buyer's has a line, the others' are empty.
    "cart": Read("cart { lines { id } }", lambda w: w.buyer_cart() and {}, outcomes(EMPTY, anonymous=REFUSED, buyer=DATA)),
    "checkout": Read("checkout(token: $token) { token }", lambda w: {"token": str(w.buyer_cart().token)}, outcomes(EMPTY, buyer=DATA)),
    "order": Read("order(token: $token) { number }", lambda w: {"token": str(w.paid_part().order.token)}, outcomes(EMPTY, buyer=DATA)),
    # Vendor B's back office
    "myProducts": Read(f"myProducts(vendor: $vendor) {{ {EDGES} }}", _b_with_draft, outcomes(REFUSED, member_b=DATA)),
    "vendorOrders": Read(f"vendorOrders(vendor: $vendor) {{ {EDGES} }}", _b_with_orders, outcomes(REFUSED, member_b=DATA)),
    "vendorSettlements": Read("vendorSettlements(vendor: $vendor) { orderNumber }", _b_with_orders, outcomes(REFUSED, member_b=DATA)),
    "vendorNotifications": Read(f"vendorNotifications(vendor: $vendor) {{ {EDGES} }}", _b_with_notice, outcomes(REFUSED, member_b=DATA)),
    "vendorNotificationsUnreadCount": Read("vendorNotificationsUnreadCount(vendor: $vendor)", _b_with_notice, outcomes(REFUSED, member_b=DATA)),
    # The programme's staff
    "settlements": Read("settlements { orderNumber }", lambda w: w.paid_part() and {}, outcomes(REFUSED, coordinator=DATA, administrator=DATA)),
    "moderationQueue": Read(f"moderationQueue {{ {EDGES} }}", lambda w: w.in_review() and {}, outcomes(REFUSED, moderator=DATA, coordinator=DATA, administrator=DATA)),
    "auditEvents": Read(f"auditEvents {{ {EDGES} }}", lambda w: w.in_review() and {}, outcomes(REFUSED, moderator=DATA, coordinator=DATA, administrator=DATA)),
    "enrollments": Read(f"enrollments {{ {EDGES} }}", _nothing, outcomes(REFUSED, coordinator=DATA, administrator=DATA)),
    "vendorApplications": Read(f"vendorApplications {{ {EDGES} }}", lambda w: w.application() and {}, outcomes(REFUSED, coordinator=DATA, administrator=DATA)),
}  # fmt: skip


def test_every_query_field_has_a_declared_policy():
    assert sorted(FIELDS) == sorted(READS)


def classify(result: dict, name: str) -> str:
    if result.get("errors"):
        return REFUSED
    value = (result.get("data") or {}).get(name)
    if value in (None, [], 0) or (isinstance(value, dict) and not any(value.values())):
        return EMPTY
    return DATA


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("name", sorted(READS))
def test_each_role_reads_what_it_is_declared_to(client, fast_passwords, name):
    world = build_world()
    read = READS[name]
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            variables = read.target(world)
            declared = ", ".join(f"${arg}: {FIELDS[name].args[arg].type}" for arg in variables)
            query = f"query{f'({declared})' if declared else ''} {{ {read.selection} }}"
            cache.clear()
            client.logout()
            if role != ANONYMOUS:
                client.force_login(world.user(role))
            body = {"query": query, "variables": variables}
            response = client.post("/graphql/", body, content_type="application/json")
            got = classify(response.json(), name)
            if got != read.outcomes[role]:
                wrong.append(f"{role}: expected {read.outcomes[role]}, got {got}")
            transaction.set_rollback(True)
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
