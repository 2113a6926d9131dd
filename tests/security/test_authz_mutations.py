"""The API's authorization matrix: every mutation of the live schema, tried by every role on a
fresh object of vendor B (or of the buyer), gets the declared answer. A refusal is the declared
stable code and leaves every table of the store as it was; an allowed call has no errors.

The list of mutations comes from the schema, so a new mutation without an entry here fails
`test_every_mutation_has_a_declared_policy`.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from PIL import Image

from marketplace.graphql.schema import schema
from tests.factories import PASSWORD, VariantFactory, product_image
from tests.pages_catalog.support import stored_image

from .authz_world import (
    ANONYMOUS,
    ROLES,
    World,
    build_world,
    fingerprint,
    gid,
    unclaimed_enrollment,
)

pytestmark = pytest.mark.django_db

OK = "ok"
MUTATIONS = schema.graphql_schema.mutation_type.fields


def outcomes(default: str, **by_role: str) -> dict[str, str]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


DENIED = "permission_denied"
NOT_FOUND = "not_found"
PUBLIC = outcomes(OK)
SIGNED_IN = outcomes(OK, anonymous=DENIED)
# Staff permissions are declared on the mutation and checked before any ID is looked up.
MODERATORS = outcomes(DENIED, moderator=OK, coordinator=OK, administrator=OK)
COORDINATORS = outcomes(DENIED, coordinator=OK, administrator=OK)
# Vendor B's catalogue and profile: its members only; everyone else is refused alike.
B_MEMBERS = outcomes(DENIED, member_b=OK)
# Vendor B's orders and retractos: found only through B's membership, so to anyone else they
# do not exist.
B_ORDERS = outcomes(NOT_FOUND, member_b=OK)
# The buyer's checkout and order: a signed-in person's token opens nothing for anyone else.
BUYERS = outcomes(NOT_FOUND, buyer=OK)


@dataclass(frozen=True)
class Case:
    target: Callable[[World], dict]  # makes what the call acts on; returns its variables
    outcomes: dict[str, str]
    # An allowed call changes the store's data, which shows the case reached its object;
    # signing in and refreshing a token only hand out signed tokens.
    writes: bool = True


def _two_images(w: World) -> dict:
    product = w.draft()
    second = product_image(product, position=1, alt="Otra", image=stored_image(product.pk))
    first = product.images.exclude(pk=second.pk).get()
    return {
        "product": gid("Product", product),
        "images": [gid("ProductImage", i) for i in (second, first)],
    }


def _extra_variant(w: World) -> dict:
    return {"id": gid("ProductVariant", VariantFactory(product=w.draft(), sku="EXTRA-1"))}


def _cart_line(w: World) -> tuple[str, str]:
    cart = w.buyer_cart()
    return str(cart.token), gid("CartLine", cart.lines.get())


def _suspended_b(w: World) -> dict:
    from vendors.services.lifecycle import vendor_suspend

    vendor_suspend(vendor=w.vendor_b, suspended_by=None, reason="Prueba")
    return {"id": gid("Vendor", w.vendor_b)}


def _variant_of_live(w: World) -> str:
    return gid("ProductVariant", w.live().variants.get())


def _part(part) -> dict:
    return {"id": gid("VendorOrder", part)}


CASES: dict[str, Case] = {
    # Accounts
    "tokenCreate": Case(
        lambda w: {"email": w.buyer.email, "password": PASSWORD}, PUBLIC, writes=False
    ),
    "tokenRefresh": Case(lambda w: {"refreshToken": w.refresh_token()}, PUBLIC, writes=False),
    # The owners of A and B are each their business's only owner: they must hand it over first.
    "accountDeletionRequest": Case(
        lambda w: {"password": PASSWORD},
        outcomes(
            OK, anonymous=DENIED, member_a="account_sole_owner", member_b="account_sole_owner"
        ),
    ),
    # Vendor onboarding and staff decisions on vendors
    "vendorApply": Case(lambda w: {"nit": unclaimed_enrollment().nit}, SIGNED_IN),
    "vendorApplicationConfirm": Case(
        lambda w: {"code": "000000"},
        outcomes("claim_code_invalid", anonymous=DENIED),
    ),
    "vendorApplicationApprove": Case(
        lambda w: {"id": gid("Vendor", w.application())}, COORDINATORS
    ),
    "vendorApplicationReject": Case(
        lambda w: {"id": gid("Vendor", w.application()), "reason": "Datos incompletos"},
        COORDINATORS,
    ),
    "vendorSuspend": Case(lambda w: {"id": gid("Vendor", w.vendor_b), "reason": "x"}, COORDINATORS),
    "vendorReactivate": Case(_suspended_b, COORDINATORS),
    # Vendor B's own profile, team and notices
    "vendorProfileUpdate": Case(
        lambda w: {"id": gid("Vendor", w.vendor_b), "input": {"shortDescription": "Tomado"}},
        B_MEMBERS,
    ),
    "vendorMemberInvite": Case(
        lambda w: {"vendor": gid("Vendor", w.vendor_b), "email": "nuevo@example.com"}, B_MEMBERS
    ),
    "vendorNotificationsMarkRead": Case(
        lambda w: w.notification() and {"vendor": gid("Vendor", w.vendor_b)}, B_MEMBERS
    ),
    # Vendor B's catalogue
    "productCreate": Case(
        lambda w: {
            "vendor": gid("Vendor", w.vendor_b),
            "input": {"name": "Intruso", "category": "comida-preparada"},
        },
        B_MEMBERS,
    ),
    "productUpdate": Case(
        lambda w: {"id": gid("Product", w.draft()), "input": {"name": "Tomado"}}, B_MEMBERS
    ),
    "productArchive": Case(lambda w: {"id": gid("Product", w.draft())}, B_MEMBERS),
    "productSubmitForReview": Case(lambda w: {"id": gid("Product", w.draft())}, B_MEMBERS),
    "productWithdraw": Case(lambda w: {"id": gid("Product", w.live())}, B_MEMBERS),
    "productRevisionDiscard": Case(lambda w: {"id": gid("Product", w.with_revision())}, B_MEMBERS),
    "productVariantCreate": Case(
        lambda w: {"product": gid("Product", w.draft()), "input": {"sku": "N-1", "price": 5_000}},
        B_MEMBERS,
    ),
    "productVariantUpdate": Case(
        lambda w: {
            "id": gid("ProductVariant", w.draft().variants.get()),
            "input": {"price": 1},
        },
        B_MEMBERS,
    ),
    "productVariantDelete": Case(_extra_variant, B_MEMBERS),
    "stockAdjust": Case(
        lambda w: {"variant": gid("ProductVariant", w.draft().variants.get()), "delta": -4},
        B_MEMBERS,
    ),
    "productImageCreate": Case(
        lambda w: {"product": gid("Product", w.draft()), "alt": "Foto", "image": None},
        B_MEMBERS,
    ),
    "productImageDelete": Case(
        lambda w: {"id": gid("ProductImage", w.draft().images.get())}, B_MEMBERS
    ),
    "productImageReorder": Case(_two_images, B_MEMBERS),
    # Moderation
    "productPublish": Case(lambda w: {"id": gid("Product", w.draft())}, MODERATORS),
    "listingApprove": Case(lambda w: {"id": gid("Product", w.in_review())}, MODERATORS),
    "listingReject": Case(
        lambda w: {
            "id": gid("Product", w.in_review()),
            "reason": "POOR_IMAGES",
            "message": "Las fotos no muestran el producto.",
        },
        MODERATORS,
    ),
    "listingTakedown": Case(
        lambda w: {
            "id": gid("Product", w.live()),
            "reason": "MISLEADING",
            "message": "La descripción no corresponde al producto.",
        },
        MODERATORS,
    ),
    # The cart of whoever is signed in
    "cartAddLine": Case(
        lambda w: {"variant": _variant_of_live(w)}, outcomes(OK, anonymous="sign_in_required")
    ),
    "cartUpdateLine": Case(
        lambda w: {"line": _cart_line(w)[1], "quantity": 2},
        outcomes(NOT_FOUND, anonymous="sign_in_required", buyer=OK),
    ),
    "cartRemoveLine": Case(
        lambda w: {"line": _cart_line(w)[1]},
        outcomes(NOT_FOUND, anonymous="sign_in_required", buyer=OK),
    ),
    # Checkout: the buyer's cart token
    "checkoutCreate": Case(
        lambda w: {"lines": [{"variantId": _variant_of_live(w), "quantity": 1}]}, PUBLIC
    ),
    "checkoutLinesAdd": Case(
        lambda w: {
            "token": str(w.buyer_cart().token),
            "lines": [{"variantId": _variant_of_live(w), "quantity": 1}],
        },
        BUYERS,
    ),
    "checkoutLinesUpdate": Case(
        lambda w: (
            lambda token, line: {"token": token, "lines": [{"lineId": line, "quantity": 2}]}
        )(*_cart_line(w)),
        BUYERS,
    ),
    "checkoutLinesDelete": Case(
        lambda w: (lambda token, line: {"token": token, "lineIds": [line]})(*_cart_line(w)),
        BUYERS,
    ),
    "checkoutUpdate": Case(
        lambda w: {"token": str(w.buyer_cart().token), "input": {"firstName": "Tomado"}}, BUYERS
    ),
    "checkoutComplete": Case(lambda w: {"token": str(w.ready_cart().token)}, BUYERS),
    # Orders: vendor B's part, the buyer's order, staff payouts
    "vendorOrderShip": Case(lambda w: _part(w.paid_part()) | {"carrier": "Servientrega"}, B_ORDERS),
    "vendorOrderMarkReady": Case(lambda w: _part(w.paid_part(method="pickup")), B_ORDERS),
    "vendorOrderMarkDelivered": Case(lambda w: _part(w.shipped_part()), B_ORDERS),
    "vendorOrderCancel": Case(
        lambda w: _part(w.paid_part()) | {"reason": "Sin existencias"}, B_ORDERS
    ),
    "retractoAccept": Case(lambda w: {"id": gid("Retracto", w.retracto())}, B_ORDERS),
    "orderRetractoRequest": Case(
        lambda w: (lambda part: {"token": str(part.order.token), "vendorOrder": _part(part)["id"]})(
            w.delivered_part()
        ),
        BUYERS,
    ),
    "orderComplaintCreate": Case(
        lambda w: {
            "token": str(w.paid_part().order.token),
            "kind": "queja",
            "message": "El pedido llegó incompleto.",
        },
        BUYERS,
    ),
    "settlementMarkPaid": Case(
        lambda w: {"vendorOrder": _part(w.paid_part())["id"], "reference": "TRF 1"}, COORDINATORS
    ),
}


def test_every_mutation_has_a_declared_policy():
    assert sorted(MUTATIONS) == sorted(CASES)


def document(name: str, variables: dict) -> str:
    args = MUTATIONS[name].args
    declared = ", ".join(f"${arg}: {args[arg].type}" for arg in variables)
    passed = ", ".join(f"{arg}: ${arg}" for arg in variables)
    return f"mutation({declared}) {{ {name}({passed}) {{ errors {{ code }} }} }}"


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (11, 93, 75)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "foto.png"
    return buffer


def post(client, name: str, variables: dict):
    body = {"query": document(name, variables), "variables": variables}
    files = [arg for arg, value in variables.items() if value is None]
    if files:  # an Upload: the GraphQL multipart request spec
        form = {"operations": json.dumps(body), "map": json.dumps({"0": [f"variables.{files[0]}"]})}
        return client.post("/graphql/", form | {"0": _png()})
    return client.post("/graphql/", body, content_type="application/json")


def outcome_of(response, name: str) -> str:
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    result = response.json()
    if result.get("errors"):
        return "graphql error: " + result["errors"][0]["message"]
    codes = [error["code"].lower() for error in result["data"][name]["errors"]]
    return ",".join(codes) or OK


@pytest.fixture
def fast_passwords(settings):
    # Eight users per case: Argon2's deliberate cost would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_role_gets_the_declared_answer(client, fast_passwords, name):
    world = build_world()
    case = CASES[name]
    wrong = []
    for role in ROLES:
        # Each role acts on its own fresh objects; the savepoint drops them afterwards.
        with transaction.atomic():
            variables = case.target(world)
            cache.clear()
            client.logout()
            if role != ANONYMOUS:
                client.force_login(world.user(role))
            before = fingerprint()
            got = outcome_of(post(client, name, variables), name)
            expected = case.outcomes[role]
            changed = fingerprint() != before
            if got != expected:
                wrong.append(f"{role}: expected {expected}, got {got}")
            elif expected != OK and changed:
                wrong.append(f"{role}: refused with {got} but data changed")
            elif expected == OK and case.writes and not changed:
                wrong.append(f"{role}: allowed but nothing changed")
            transaction.set_rollback(True)
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
