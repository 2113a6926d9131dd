"""The people and objects the authorization matrix acts on: one user per role, vendor A and
vendor B with a member each, and builders for the object a case targets, all owned by vendor B
or by the buyer. Everything is made through factories and the services the store uses."""

from dataclasses import dataclass, field

from django.apps import apps
from django.test import RequestFactory
from graphql_relay import to_global_id

from catalog.services.products import ProductInput, product_submit_for_review, product_update
from marketplace.accounts.roles import Role
from marketplace.accounts.tokens import token_create
from orders.services import aftercare, lifecycle
from orders.services.placement import checkout_complete
from tests.factories import (
    PASSWORD,
    EnrollmentFactory,
    ProductFactory,
    UserFactory,
    VariantFactory,
    VendorFactory,
    VendorMembershipFactory,
    product_image,
)
from tests.orders.support import cart_with, ready_checkout
from tests.pages_catalog.support import listing, stored_image
from tests.pages_vendors.support import storefront_vendor
from vendors.services.notifications import vendor_notify

ANONYMOUS = "anonymous"
CITIZEN = "citizen"
BUYER = "buyer"  # the citizen whose cart, checkout and order the case targets
MEMBER_A = "member_a"  # a member of vendor A, acting on vendor B's objects
MEMBER_B = "member_b"  # a member of vendor B, acting on its own objects
MODERATOR = "moderator"
COORDINATOR = "coordinator"
ADMINISTRATOR = "administrator"
ROLES = (ANONYMOUS, CITIZEN, BUYER, MEMBER_A, MEMBER_B, MODERATOR, COORDINATOR, ADMINISTRATOR)

# The tables whose rows a refused request must leave as they were (sessions, login attempts and
# rate-limit counters are about the request, not the store's data).
WATCHED_APPS = ("accounts", "core", "vendors", "catalog", "orders", "payments", "search")
UNWATCHED_MODELS = {"accounts.User"}  # last_login moves when the matrix signs people in


def gid(type_name: str, obj) -> str:
    return to_global_id(type_name, obj.pk)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    vendor_a: object = None
    vendor_b: object = None

    def user(self, role: str):
        return self.users.get(role)

    # What the cases act on. Each builder makes a fresh object of vendor B or of the buyer.

    def draft(self):
        product = ProductFactory(vendor=self.vendor_b, status="draft", published_at=None)
        VariantFactory(product=product, price=12_000, stock_quantity=10)
        product_image(product, position=0, alt="Foto", image=stored_image(product.pk))
        return product

    def live(self, **kwargs):
        return listing(self.vendor_b, "Mochila de fique", price=90_000, stock=10, **kwargs)

    def in_review(self):
        return product_submit_for_review(product=self.draft(), submitted_by=self.member_b)

    def with_revision(self):
        product = self.live()
        product_update(
            product=product,
            updated_by=self.member_b,
            data=ProductInput(values={"name": "Mochila de fique tejida"}),
        )
        return product

    def buyer_cart(self):
        return cart_with((self.live().variants.get(), 1), user=self.buyer)

    def ready_cart(self, method="delivery"):
        return ready_checkout(self.buyer_cart(), method=method)

    def placed_order(self, method="delivery"):
        return checkout_complete(token=self.ready_cart(method).token, user=self.buyer)

    def paid_part(self, method="delivery"):
        order = self.placed_order(method)
        lifecycle.order_mark_paid(order=order)
        return order.vendor_orders.get()

    def shipped_part(self):
        return lifecycle.vendor_order_ship(
            vendor_order=self.paid_part(), by=self.member_b, carrier="Servientrega"
        )

    def delivered_part(self):
        return lifecycle.vendor_order_mark_delivered(
            vendor_order=self.shipped_part(), by=self.member_b
        )

    def retracto(self):
        return aftercare.order_retracto_request(vendor_order=self.delivered_part(), reason="")

    def notification(self):
        return vendor_notify(vendor=self.vendor_b, kind="listing_approved", title="Aviso", body="")

    def application(self):
        vendor = VendorFactory(status="pending_review")
        VendorMembershipFactory(vendor=vendor)
        return vendor

    def refresh_token(self) -> str:
        request = RequestFactory().post("/graphql/", REMOTE_ADDR="127.0.0.1")
        return token_create(
            email=self.buyer.email, password=PASSWORD, request=request
        ).refresh_token

    @property
    def buyer(self):
        return self.users[BUYER]

    @property
    def member_b(self):
        return self.users[MEMBER_B]


def build_world() -> World:
    vendor_a = storefront_vendor(display_name="Negocio A", slug="negocio-a")
    vendor_b = storefront_vendor(display_name="Negocio B", slug="negocio-b")
    users = {
        CITIZEN: UserFactory(roles=[Role.CITIZEN]),
        BUYER: UserFactory(roles=[Role.CITIZEN]),
        MEMBER_A: VendorMembershipFactory(vendor=vendor_a).user,
        MEMBER_B: VendorMembershipFactory(vendor=vendor_b).user,
        MODERATOR: UserFactory(roles=[Role.MODERATOR]),
        COORDINATOR: UserFactory(roles=[Role.COORDINATOR]),
        ADMINISTRATOR: UserFactory(roles=[Role.ADMINISTRATOR]),
    }
    return World(users=users, vendor_a=vendor_a, vendor_b=vendor_b)


def unclaimed_enrollment():
    return EnrollmentFactory(contact_email="gerencia@negocio.example.com")


def fingerprint() -> dict:
    """Every row of the store's tables, to show a refused request changed nothing."""
    rows = {}
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            meta = model._meta
            # Unmanaged models are backend-specific views (SQLite's full-text table).
            if meta.label in UNWATCHED_MODELS or meta.proxy or not meta.managed:
                continue
            rows[model._meta.label] = list(model._default_manager.order_by("pk").values_list())
    return rows
