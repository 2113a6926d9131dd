"""Signed-in scenarios and the checkout scenario, for the runner.

Sessions are made once per run through Django's session engine against the bench database —
what the login form does for a browser — and their cookie goes to wrk with `-H Cookie`. The
checkout scenario is driven by bench.checkout_load's buyers and judged by bench.oversell."""

import dataclasses
import functools
import json
import time
from http.cookies import SimpleCookie

from .accounts_seed import MODERATOR_EMAIL, vendor_email
from .checkout_load import Buyer, Failed, Refused, run_buyers, summary
from .oversell import CHECKOUT_STOCK, checkout_listing, collect, global_id, verdict

# The sell-out: 2 units, each client tries 3 purchases, so at least 4 must be refused.
SELL_OUT_STOCK = 2
SELL_OUT_ATTEMPTS = 3
ACCOUNTS = {"vendor": vendor_email(1), "moderator": MODERATOR_EMAIL}


def session_cookies() -> dict[str, str]:
    """A `Cookie` header value per account, for a session stored where the server reads it."""
    from django.conf import settings
    from django.test import Client

    from marketplace.accounts.models import User

    cookies = {}
    for role, email in ACCOUNTS.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=email))
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={key}"
    return cookies


def with_session(scenario, cookies: dict[str, str]):
    if not scenario.signed_in:
        return scenario
    headers = {**scenario.headers, "Cookie": cookies[scenario.signed_in]}
    return dataclasses.replace(scenario, headers=headers)


@functools.cache
def _handler():
    from django.test.client import ClientHandler

    return ClientHandler()


def client_for(scenario):
    """A test client carrying the scenario's session cookie, if any. Clients share one handler:
    a new handler builds the middleware chain again, and WhiteNoise's middleware reads the
    headers of every collected static file when it is built (about 35 ms here), which gunicorn
    does once per worker, not per request."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.handler = _handler()
    if scenario.signed_in:
        jar = SimpleCookie()
        jar.load(scenario.headers["Cookie"])
        client.cookies.update(jar)
    return client


class ClientBuyer(Buyer):
    """The same purchase through Django's test client, to count its SQL queries."""

    def __init__(self, variant_id: str, municipality: str):
        from django.test import Client

        self.variant_id, self.municipality, self.n = variant_id, municipality, 0
        self.client = Client(HTTP_HOST="127.0.0.1")
        self.server_errors = 0

    def _request(self, method: str, path: str, body: str = "", headers=None):
        headers = dict(headers or {})
        cookie = headers.pop("Cookie", "")
        if cookie:
            name, _, value = cookie.partition("=")
            self.client.cookies[name] = value
        if method == "POST":
            response = self.client.post(
                path, body, content_type=headers.get("Content-Type", "application/json")
            )
        else:
            response = self.client.get(path)
        if response.status_code >= 500:
            raise Failed(f"{method} {path}: {response.status_code}")
        return response.status_code, response.content, response.headers.get("Location", "")


@dataclasses.dataclass
class CheckoutTarget:
    variant_pk: int
    variant_id: str
    municipality: str
    stock: int


def checkout_target(stock: int = CHECKOUT_STOCK) -> CheckoutTarget:
    """This run's listing, sold by the first bench vendor to a buyer in its municipality."""
    from vendors.models import Vendor

    vendor = (
        Vendor.objects.filter(slug__startswith="negocio-bench-")
        .select_related("enrollment__municipality")
        .order_by("pk")
        .first()
    )
    variant = checkout_listing(vendor.pk, stock)
    return CheckoutTarget(
        variant_pk=variant.pk,
        variant_id=global_id("ProductVariant", variant.pk),
        municipality=vendor.enrollment.municipality.dane_code,
        stock=stock,
    )


def checkout_in_process(target: CheckoutTarget, repeat: int = 3) -> dict:
    """SQL queries of one whole purchase (six requests) and its median time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, cpu, queries, status = [], [], 0, 200
    for i in range(repeat):
        buyer = ClientBuyer(target.variant_id, target.municipality)
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                buyer.purchase(i)
            except (Refused, Failed) as exc:
                status = f"failed: {exc}"
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries = len(captured)
    return {
        "queries": queries,
        "in_process_ms": sorted(timings)[len(timings) // 2],
        "in_process_cpu_ms": sorted(cpu)[len(cpu) // 2],
        "status": status,
    }


def checkout_warmup(options, warmup: CheckoutTarget) -> None:
    """Fresh workers' first purchases, on another listing so this run's stock stays whole."""
    if options.warmup:
        run_buyers(options.port, warmup.variant_id, warmup.municipality, 1, options.warmup)


def checkout_load(options, target: CheckoutTarget) -> dict:
    """Buy this run's listing out; the figures are those of completed purchases, the verdict
    that of the database afterwards."""
    from django.db import connections

    tally, seconds = run_buyers(
        options.port,
        target.variant_id,
        target.municipality,
        options.connections,
        options.duration,
    )
    measured = summary(tally, seconds)
    # However fast the machine, a sell-out: every client tries more units than there are.
    sell_out = checkout_target(stock=SELL_OUT_STOCK)
    race, _ = run_buyers(
        options.port,
        sell_out.variant_id,
        sell_out.municipality,
        options.connections,
        options.duration * 10,
        attempts=SELL_OUT_ATTEMPTS,
    )
    connections.close_all()
    measured["stock_check"] = _verdict(target, tally)
    measured["sell_out_check"] = _verdict(sell_out, race)
    return json.loads(json.dumps(measured))


def _verdict(target: CheckoutTarget, tally) -> dict:
    stock_quantity, allocated, sales = collect(target.variant_pk)
    return verdict(
        seeded=target.stock,
        stock_quantity=stock_quantity,
        allocated=allocated,
        sales=sales,
        refused=len(tally.refused),
        failures=len(tally.failures),
        server_errors=tally.server_errors,
    )
