"""Checkout completion under load: clients in threads repeatedly buy one unit of a listing with
little stock through the API (create the checkout, give the buyer's details, choose a delivery,
complete it with the test gateway) and approve the payment on the gateway's simulated page, as
a buyer's browser would. wrk cannot carry this: each step needs the previous step's token.

Afterwards `oversell_checks` reads the database: the listing never sold more than its stock."""

import http.client
import json
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .scenarios import CSRF_TOKEN

STOCK_ERRORS = {"out_of_stock", "insufficient_stock", "product_unavailable"}

CREATE = (
    "mutation($email: String!, $variant: ID!) { checkoutCreate(email: $email, "
    "lines: [{variantId: $variant, quantity: 1}]) { checkout { token } errors { code field } } }"
)
UPDATE = (
    "mutation($token: UUID!, $input: CheckoutInput!) { checkoutUpdate(token: $token, "
    "input: $input) { checkout { deliveryOptions { vendor { id } "
    "options { method available } } } errors { code field } } }"
)
COMPLETE = (
    'mutation($token: UUID!) { checkoutComplete(token: $token, gateway: "test") { '
    "order { number } payment { action { url } } errors { code field } } }"
)
BUYER = {
    "firstName": "Comprador",
    "lastName": "de Carga",
    "phone": "3005550101",
    "documentType": "CC",
    "documentNumber": "1036654321",
    "acceptPrivacyPolicy": True,
    "acceptTerms": True,
}


class Refused(Exception):
    """The store said no for want of stock: the expected answer once the listing sells out."""


class Failed(Exception):
    """Anything else: a 5xx, an unexpected error code, a broken step."""


@dataclass
class Tally:
    completed: list[float] = field(default_factory=list)  # ms per completed purchase
    refused: list[float] = field(default_factory=list)
    refusal_codes: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    server_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Buyer:
    """One client: a keep-alive connection, like one of wrk's."""

    def __init__(self, port: int, variant_id: str, municipality: str, n: int):
        self.port, self.variant_id, self.municipality, self.n = port, variant_id, municipality, n
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.server_errors = 0

    def _request(self, method: str, path: str, body: str = "", headers=None):
        """(status, body, Location header)."""
        headers = {"Host": "127.0.0.1", **(headers or {})}
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body.encode(), headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        if response.status >= 500:
            self.server_errors += 1
            raise Failed(f"{method} {path}: {response.status}")
        return response.status, content, response.getheader("Location", "")

    def _graphql(self, query: str, variables: dict, name: str) -> dict:
        _status, content, _ = self._request(
            "POST",
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            {"Content-Type": "application/json"},
        )
        payload = json.loads(content)
        if payload.get("errors"):
            raise Failed(f"{name}: {payload['errors'][0].get('message', '')[:120]}")
        result = payload["data"][name]
        errors = result.get("errors") or []
        codes = [error["code"].lower() for error in errors]
        if codes and set(codes) <= STOCK_ERRORS:
            raise Refused(codes[0])
        if codes:
            raise Failed(f"{name}: {codes} {[e.get('field') for e in errors]}")
        return result

    def purchase(self, i: int) -> str:
        """One purchase; returns the order number."""
        email = f"carga-{self.n}-{i}@bench.example.com"
        created = self._graphql(
            CREATE, {"email": email, "variant": self.variant_id}, "checkoutCreate"
        )
        token = created["checkout"]["token"]
        details = {
            **BUYER,
            "shippingAddress": {
                "municipality": self.municipality,
                "streetAddress": "Calle 1 # 2-3",
            },
        }
        updated = self._graphql(UPDATE, {"token": token, "input": details}, "checkoutUpdate")
        choices = []
        for part in updated["checkout"]["deliveryOptions"]:
            available = [o["method"] for o in part["options"] if o["available"]]
            if not available:
                raise Failed("no delivery option available")
            choices.append({"vendor": part["vendor"]["id"], "method": available[0]})
        self._graphql(
            UPDATE, {"token": token, "input": {"deliveryChoices": choices}}, "checkoutUpdate"
        )
        completed = self._graphql(COMPLETE, {"token": token}, "checkoutComplete")
        url = ((completed.get("payment") or {}).get("action") or {}).get("url")
        if not url:
            raise Failed("checkoutComplete gave no payment page")
        page = urlsplit(url).path
        form = f"decision=approve&csrfmiddlewaretoken={CSRF_TOKEN}"
        status, _, location = self._request(
            "POST",
            page,
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={CSRF_TOKEN}",
            },
        )
        if status != 302:
            raise Failed(f"payment page answered {status}")
        # The return page reads the gateway's answer and marks the order paid.
        status, _, _ = self._request("GET", urlsplit(location).path)
        if status not in (200, 302):
            raise Failed(f"return page answered {status}")
        return completed["order"]["number"]


def run_buyers(
    port: int,
    variant_id: str,
    municipality: str,
    clients: int,
    seconds: float,
    attempts: int | None = None,
):
    """Each client buys until `seconds` pass (or it made `attempts` purchases)."""
    tally = Tally()
    stop = time.monotonic() + seconds

    def loop(n: int):
        buyer = Buyer(port, variant_id, municipality, n)
        i = 0
        while time.monotonic() < stop and (attempts is None or i < attempts):
            i += 1
            started = time.perf_counter()
            try:
                buyer.purchase(i)
                outcome, code = "completed", None
            except Refused as exc:
                outcome, code = "refused", str(exc)
            except (Failed, OSError, ValueError, KeyError, TypeError) as exc:
                outcome, code = "failed", f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - started) * 1000
            with tally.lock:
                if outcome == "completed":
                    tally.completed.append(elapsed)
                elif outcome == "refused":
                    tally.refused.append(elapsed)
                    tally.refusal_codes[code] = tally.refusal_codes.get(code, 0) + 1
                else:
                    tally.failures.append(code)
        tally.server_errors += buyer.server_errors

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(int(round(share * (len(ordered) - 1))), len(ordered) - 1)]


def summary(tally: Tally, seconds: float) -> dict:
    done = tally.completed
    return {
        "requests": len(done),
        "seconds": seconds,
        "p50": percentile(done, 0.50),
        "p95": percentile(done, 0.95),
        "p99": percentile(done, 0.99),
        "mean": statistics.mean(done) if done else 0.0,
        "max": max(done, default=0.0),
        "non_2xx": tally.server_errors,
        "socket_errors": 0,
        "refused_for_stock": len(tally.refused),
        "refusal_codes": dict(tally.refusal_codes),
        "failures": len(tally.failures),
        "failure_samples": tally.failures[:5],
    }
