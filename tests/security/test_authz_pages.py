"""The pages' authorization matrix: every page of the vendor dashboard, the staff console, the
account and the order and payment links, tried by every role on vendor B's or the buyer's
objects, gets the declared answer: the page ("ok"), the login page ("login"), the dashboard's
"choose or register a business" page ("dashboard"), 403 or 404. A refused POST leaves every
table of the store as it was.

The pages come from the URL configuration, so a new page that is neither declared public
below nor given an entry fails `test_every_page_is_public_or_has_a_declared_policy`.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from catalog.models import ModerationCase, QuoteRequest
from marketplace.accounts.privacy import deletion_request_create
from orders.payments.services import payment_start
from tests.factories import PASSWORD, EnrollmentFactory, UserFactory, VendorMembershipFactory

from .authz_world import ANONYMOUS, ROLES, World, build_world, fingerprint

pytestmark = pytest.mark.django_db

# Pages for everyone, and link pages whose token is itself the credential.
PUBLIC = {
    "home", "media", "graphql", "set_language", "privacy_policy", "terms", "contact", "pqrs",
    "about", "healthz", "readyz", "webhook_receive",
    "accounts:login", "accounts:logout", "accounts:register", "accounts:register_done",
    "accounts:activate", "accounts:password_reset", "accounts:password_reset_done",
    "accounts:password_reset_confirm", "accounts:password_reset_complete",
    "catalog:list", "catalog:category", "catalog:product", "catalog:quote",
    "search:results", "search:suggest", "vendors:directory", "vendors:detail",
    "cart:detail", "cart:add", "checkout:start",
    # Claiming a business starts from the public "sell with us" page; the steps after it ask
    # for a session themselves and are covered by the onboarding tests.
    "vendors:onboarding_start", "vendors:onboarding_code", "vendors:onboarding_done",
    # The invitation's emailed token is the credential; its tests cover a wrong token.
    "vendors:invitation_accept",
    # The test gateway's simulated checkout, on only where the test gateway is enabled.
    "payments:test_checkout",
    # Scrapers present METRICS_TOKEN; without it the answer is 404 (tests/core/test_metrics.py).
    "metrics",
}  # fmt: skip
# Django's admin site checks is_staff itself; no role of the programme has it.
PUBLIC_PREFIXES = ("admin:",)

OK, LOGIN, DASHBOARD = "ok", "login", "dashboard"


def outcomes(default: str, **by_role: str) -> dict[str, str]:
    assert set(by_role) <= set(ROLES), set(by_role) - set(ROLES)
    return {role: by_role.get(role, default) for role in ROLES}


@dataclass(frozen=True)
class Page:
    target: Callable[[World], dict]  # the URL's arguments for a fresh object
    outcomes: dict[str, str]
    method: str = "get"
    data: dict = field(default_factory=dict)


def url_names() -> set[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def none(w: World) -> dict:
    return {}


def product(w: World) -> dict:
    return {"product_id": w.draft().pk}


def variant(w: World) -> dict:
    p = w.draft()
    return {"product_id": p.pk, "variant_id": p.variants.get().pk}


def image(w: World) -> dict:
    p = w.draft()
    return {"product_id": p.pk, "image_id": p.images.get().pk}


def quote(w: World) -> dict:
    q = QuoteRequest.objects.create(
        product=w.live(), name="Cliente de B", email="cliente@example.com", message="Cotícenme"
    )
    return {"quote_id": q.pk}


def part(w: World) -> dict:
    return {"part_id": w.paid_part().pk}


def delivered(w: World) -> dict:
    return {"part_id": w.retracto().vendor_order_id}


def order_token(w: World) -> dict:
    return {"token": w.paid_part().order.token}


def retracto_link(w: World) -> dict:
    p = w.delivered_part()
    return {"token": p.order.token, "part_id": p.pk}


def payment_token(w: World) -> dict:
    order = w.placed_order()
    return {"token": payment_start(order=order, gateway="test").token}


def case(w: World) -> dict:
    return {"case_id": ModerationCase.objects.get(product=w.in_review()).pk}


def application(w: World) -> dict:
    return {"vendor_id": w.application().pk}


def vendor_b(w: World) -> dict:
    return {"vendor_id": w.vendor_b.pk}


def enrollment(w: World) -> dict:
    return {"enrollment_id": EnrollmentFactory().pk}


def membership(w: World) -> dict:
    return {"membership_id": VendorMembershipFactory(vendor=w.vendor_b, role="staff").pk}


def notification(w: World) -> dict:
    return {"notification_id": w.notification().pk}


def settlement(w: World) -> dict:
    return {"vendor_order_id": w.paid_part().pk}


def cart_line(w: World) -> dict:
    return {"line_id": w.buyer_cart().lines.get().pk}


def outbox_row(w: World) -> dict:
    from marketplace.core.models import OutboxEvent

    w.notification()
    row = OutboxEvent.objects.order_by("-pk").first()
    return {"kind": "delivery", "pk": row.pk if row else 1}


def _approved_payment(w: World):
    from orders.payments.models import Payment, PaymentStatus

    order = w.placed_order()
    return Payment.objects.create(
        order=order,
        gateway="wompi",
        reference=f"{order.number}-authz",
        amount=order.total,
        status=PaymentStatus.APPROVED,
        flagged=True,
        flag_reason="amount",
    )


def manual_refund(w: World) -> dict:
    from orders.payments.models import Refund, RefundStatus

    payment = _approved_payment(w)
    refund = Refund.objects.create(
        payment=payment, key=f"authz-{payment.pk}", amount=1_000, status=RefundStatus.MANUAL
    )
    return {"refund_id": refund.pk, "_post": {"referencia": "TRF 9"}}


def flagged_payment(w: World) -> dict:
    # No amount: the allowed roles reach the service and get its refusal, without calling Wompi.
    return {"payment_id": _approved_payment(w).pk, "_post": {"valor": ""}}


def deletion_request(w: World) -> dict:
    person = UserFactory(email=f"borrar-{uuid.uuid4().hex[:8]}@example.com")
    return {"request_id": deletion_request_create(user=person, password=PASSWORD).pk}


def deletion_request_extension(w: World) -> dict:
    return {**deletion_request(w), "_post": {"reason": "Falta confirmar un pedido abierto."}}


def choose_b(w: World) -> dict:
    return {"_post": {"vendor": w.vendor_b.pk}}


# Who may open what. Anonymous people are always sent to log in, except on link pages. People
# without a business who open a dashboard page are shown how to get one; what they post there
# is refused.
MEMBER_PAGE = outcomes(DASHBOARD, anonymous=LOGIN, member_a=OK, member_b=OK)
MEMBER_ACTION = outcomes("403", anonymous=LOGIN, member_a=OK, member_b=OK)
B_OBJECT = outcomes(DASHBOARD, anonymous=LOGIN, member_a="403", member_b=OK)
B_ACTION = outcomes("403", anonymous=LOGIN, member_a="403", member_b=OK)
B_PART = outcomes(DASHBOARD, anonymous=LOGIN, member_a="404", member_b=OK)
B_PART_ACTION = outcomes("403", anonymous=LOGIN, member_a="404", member_b=OK)
CONSOLE = outcomes("403", anonymous=LOGIN, moderator=OK, coordinator=OK, administrator=OK)
MODERATORS = CONSOLE
COORDINATORS = outcomes("403", anonymous=LOGIN, coordinator=OK, administrator=OK)
SIGNED_IN = outcomes(OK, anonymous=LOGIN)
BUYER_LINK = outcomes("404", buyer=OK)
BUYER_LINE = outcomes("404", anonymous="404", buyer=OK)

PAGES: dict[str, Page] = {
    # Account
    "accounts:account": Page(none, SIGNED_IN),
    "accounts:personal_data": Page(none, SIGNED_IN),
    "accounts:personal_data_page": Page(none, SIGNED_IN),
    "accounts:delete": Page(none, SIGNED_IN),
    "checkout:history": Page(none, SIGNED_IN),
    # Vendor dashboard
    "vendors:dashboard": Page(none, outcomes(OK, anonymous=LOGIN)),
    # Choosing B: its member is taken to B's dashboard; a member of A is refused.
    "vendors:dashboard_select": Page(
        choose_b, outcomes("403", anonymous=LOGIN, member_b=DASHBOARD), "post"
    ),
    "vendors:profile_edit": Page(none, MEMBER_PAGE),
    "vendors:team": Page(none, MEMBER_PAGE),
    "vendors:settlements": Page(none, MEMBER_PAGE),
    "vendors:team_remove": Page(
        membership, outcomes("403", anonymous=LOGIN, member_a="404", member_b=OK), "post"
    ),
    "vendors:products": Page(none, MEMBER_PAGE),
    "vendors:product_create": Page(none, MEMBER_PAGE),
    "vendors:products_export": Page(none, MEMBER_PAGE),
    "vendors:products_import": Page(none, MEMBER_PAGE),
    "vendors:products_import_confirm": Page(none, MEMBER_ACTION, "post", {"token": "x"}),
    "vendors:products_import_cancel": Page(none, MEMBER_ACTION, "post", {"token": "x"}),
    "vendors:product_edit": Page(product, B_OBJECT),
    "vendors:product_submit": Page(product, B_ACTION, "post"),
    "vendors:product_unpublish": Page(product, B_ACTION, "post"),
    "vendors:product_revision_discard": Page(product, B_ACTION, "post"),
    "vendors:product_archive": Page(product, B_ACTION, "post"),
    "vendors:variant_create": Page(product, B_ACTION, "post", {"nueva-sku": "X", "nueva-price": "1"}),
    "vendors:variant_update": Page(variant, B_ACTION, "post"),
    "vendors:variant_delete": Page(variant, B_ACTION, "post"),
    "vendors:stock_adjust": Page(variant, B_ACTION, "post"),
    "vendors:image_create": Page(product, B_ACTION, "post", {"foto-alt": "x"}),
    "vendors:image_delete": Page(image, B_ACTION, "post"),
    "vendors:image_move": Page(image, B_ACTION, "post", {"mover": "subir"}),
    "vendors:quotes": Page(none, MEMBER_PAGE),
    "vendors:quote_answered": Page(quote, B_ACTION, "post"),
    "vendors:notifications": Page(none, MEMBER_PAGE),
    "vendors:notifications_mark_read": Page(none, MEMBER_ACTION, "post"),
    "vendors:notification_open": Page(notification, B_ACTION, "post"),
    "vendors:orders": Page(none, MEMBER_PAGE),
    "vendors:order_export": Page(none, MEMBER_PAGE),
    "vendors:order_detail": Page(part, B_PART),
    "vendors:order_ship": Page(part, B_PART_ACTION, "post", {"transportadora": "Servientrega"}),
    "vendors:order_ready": Page(part, B_PART_ACTION, "post"),
    "vendors:order_delivered": Page(part, B_PART_ACTION, "post"),
    "vendors:order_cancel": Page(part, B_PART_ACTION, "post", {"motivo": "Sin existencias"}),
    "vendors:order_retracto_accept": Page(delivered, B_PART_ACTION, "post"),
    # Staff console
    "staff:home": Page(none, CONSOLE),
    "staff:settlements": Page(none, COORDINATORS),
    "staff:settlement_pay": Page(settlement, COORDINATORS, "post", {"referencia": "TRF 1"}),
    "staff:roster": Page(none, COORDINATORS),
    "staff:roster_template": Page(none, COORDINATORS),
    "staff:roster_import": Page(none, COORDINATORS),
    "staff:roster_import_confirm": Page(none, COORDINATORS, "post", {"token": "x"}),
    "staff:roster_import_cancel": Page(none, COORDINATORS, "post", {"token": "x"}),
    "staff:enrollment_detail": Page(enrollment, COORDINATORS),
    "staff:enrollment_status": Page(enrollment, COORDINATORS, "post", {"status": "withdrawn"}),
    "staff:applications": Page(none, COORDINATORS),
    "staff:application_approve": Page(application, COORDINATORS, "post"),
    "staff:application_reject": Page(application, COORDINATORS, "post", {"motivo": "x"}),
    "staff:vendors": Page(none, COORDINATORS),
    "staff:vendor_detail": Page(vendor_b, COORDINATORS),
    "staff:vendor_suspend": Page(vendor_b, COORDINATORS, "post", {"motivo": "x"}),
    "staff:vendor_reactivate": Page(vendor_b, COORDINATORS, "post"),
    "staff:listings": Page(none, MODERATORS),
    "staff:listings_approve": Page(none, MODERATORS, "post"),
    "staff:listing_review": Page(case, MODERATORS),
    "staff:listing_approve": Page(case, MODERATORS, "post"),
    "staff:listing_reject": Page(case, MODERATORS, "post", {"reason": "poor_images", "message": "x"}),
    "staff:listing_takedown": Page(case, MODERATORS, "post", {"reason": "misleading", "message": "x"}),
    "staff:data_requests": Page(none, COORDINATORS),
    "staff:data_request_carry_out": Page(deletion_request, COORDINATORS, "post"),
    "staff:data_request_extend": Page(deletion_request_extension, COORDINATORS, "post"),
    "staff:audit_log": Page(none, MODERATORS),
    "staff:audit_export": Page(none, MODERATORS),
    "staff:moderation_metrics": Page(none, COORDINATORS),
    "staff:operations": Page(none, COORDINATORS),
    "staff:operations_retry": Page(outbox_row, COORDINATORS, "post"),
    "staff:orders": Page(none, COORDINATORS),
    "staff:refunds_due": Page(none, COORDINATORS),
    "staff:refund_done": Page(manual_refund, COORDINATORS, "post"),
    "staff:payments_attention": Page(none, COORDINATORS),
    "staff:payment_refund": Page(flagged_payment, COORDINATORS, "post"),
    # The buyer's order and payment links and cart lines
    "checkout:order": Page(order_token, BUYER_LINK),
    "checkout:retracto": Page(retracto_link, BUYER_LINK, "post"),
    "checkout:complaint": Page(order_token, BUYER_LINK, "post", {"tipo": "queja", "mensaje": "x"}),
    "payments:pay": Page(order_token, BUYER_LINK, "post", {"pasarela": "test"}),
    "payments:return": Page(payment_token, BUYER_LINK),
    "payments:retry": Page(payment_token, BUYER_LINK, "post"),
    "payments:stripe": Page(payment_token, BUYER_LINK),
    "cart:line_update": Page(cart_line, BUYER_LINE, "post", {"cantidad": "2"}),
    "cart:line_remove": Page(cart_line, BUYER_LINE, "post"),
}  # fmt: skip


def test_every_page_is_public_or_has_a_declared_policy():
    declared = PUBLIC | set(PAGES)
    missing = {n for n in url_names() if n not in declared and not n.startswith(PUBLIC_PREFIXES)}
    assert not missing, f"pages without a declared policy: {sorted(missing)}"
    assert not (PUBLIC & set(PAGES))
    assert set(PAGES) <= url_names()


def outcome_of(response, url: str) -> str:
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return LOGIN
        if location == reverse("vendors:dashboard") and url != location:
            return DASHBOARD
        return OK
    if response.status_code == 200:
        return OK
    return str(response.status_code)


@pytest.fixture
def fast_passwords(settings):
    # Eight users per page: Argon2's deliberate cost would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def gateways(settings):
    settings.PAYMENT_GATEWAYS = ["test"]
    settings.SITE_URL = "http://testserver"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_role_gets_the_declared_answer(client, fast_passwords, gateways, name):
    world = build_world()
    page = PAGES[name]
    wrong = []
    for role in ROLES:
        # Each role acts on its own fresh objects; the savepoint drops them afterwards.
        with transaction.atomic():
            kwargs = page.target(world)
            data = page.data | kwargs.pop("_post", {})
            url = reverse(name, kwargs=kwargs)
            cache.clear()
            client.logout()
            if role != ANONYMOUS:
                client.force_login(world.user(role))
            before = fingerprint()
            response = getattr(client, page.method)(url, data)
            got = outcome_of(response, url)
            expected = page.outcomes[role]
            if got != expected:
                wrong.append(f"{role}: expected {expected}, got {got}")
            elif expected != OK and page.method == "post" and fingerprint() != before:
                wrong.append(f"{role}: refused with {got} but data changed")
            transaction.set_rollback(True)
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
