"""Small fake Wompi and Stripe HTTP servers on loopback. The gateways' real client code,
serialisation and HTTP handling run against them; they behave like the providers' sandboxes
for what the tests need."""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import stripe

from orders.payments.gateways.wompi_signing import event_checksum


class _Server:
    """A ThreadingHTTPServer on 127.0.0.1 serving `route`, on `port` (any free one by default)."""

    down_body: dict = {"error": {"type": "SERVER_ERROR"}}

    def __init__(self, port: int = 0):
        self.mode = "ok"  # "down": answers 500; "slow": sleeps `delay` seconds first
        self.delay = 0.0
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append((self.command, self.path, dict(self.headers), body))
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake.mode == "down":
                    status, payload = 500, fake.down_body
                else:
                    with fake.lock:
                        status, payload = fake.route(self.command, self.path, self.headers, body)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            do_GET = do_POST = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, method, path, headers, body):  # pragma: no cover - overridden
        raise NotImplementedError


# Wompi sandbox outcomes (https://docs.wompi.co/docs/colombia/datos-de-prueba-en-sandbox/).
CARD_APPROVED, CARD_DECLINED = "4242424242424242", "4111111111111111"
NEQUI_APPROVED, NEQUI_DECLINED = "3991111111", "3992222222"
PSE_APPROVED, PSE_DECLINED = "1", "2"


class FakeWompi(_Server):
    def __init__(self, *, private_key: str, events_secret: str, port: int = 0):
        super().__init__(port)
        self.private_key = private_key
        self.events_secret = events_secret
        self.transactions: dict[str, dict] = {}
        self.outcomes: dict[str, str] = {}

    def pay(
        self,
        *,
        reference,
        amount_in_cents,
        method="CARD",
        card=CARD_APPROVED,
        phone="",
        bank="",
        currency="COP",
    ) -> dict:
        """What the buyer does on Web Checkout: a transaction with the sandbox's outcome. Cards
        end at once; Nequi and PSE wait (PENDING) until `settle`."""
        if method == "CARD":
            outcome = {CARD_APPROVED: "APPROVED", CARD_DECLINED: "DECLINED"}.get(card, "ERROR")
        elif method == "NEQUI":
            outcome = {NEQUI_APPROVED: "APPROVED", NEQUI_DECLINED: "DECLINED"}.get(phone, "ERROR")
        else:
            outcome = {PSE_APPROVED: "APPROVED", PSE_DECLINED: "DECLINED"}.get(bank, "ERROR")
        tx_id = f"{secrets.randbelow(99999)}-{int(time.time())}-{secrets.randbelow(99999)}"
        tx = {
            "id": tx_id,
            "created_at": "2026-12-04T03:00:00.000Z",
            "amount_in_cents": amount_in_cents,
            "reference": reference,
            "currency": currency,
            "payment_method_type": method,
            "status": outcome if method == "CARD" else "PENDING",
            "status_message": None,
        }
        with self.lock:
            self.transactions[tx_id] = tx
            self.outcomes[tx_id] = outcome
        return dict(tx)

    def settle(self, tx_id: str) -> dict:
        with self.lock:
            self.transactions[tx_id]["status"] = self.outcomes[tx_id]
            return dict(self.transactions[tx_id])

    def event(self, tx: dict, *, secret: str | None = None, timestamp: int | None = None) -> bytes:
        """A `transaction.updated` event as Wompi posts it, with a real checksum."""
        timestamp = timestamp or int(time.time())
        properties = ["transaction.id", "transaction.status", "transaction.amount_in_cents"]
        data = {"transaction": dict(tx)}
        checksum = event_checksum(
            data=data,
            properties=properties,
            timestamp=timestamp,
            secret=secret or self.events_secret,
        )
        return json.dumps(
            {
                "event": "transaction.updated",
                "data": data,
                "environment": "test",
                "signature": {"properties": properties, "checksum": checksum},
                "timestamp": timestamp,
                "sent_at": "2026-12-04T03:00:01.000Z",
            }
        ).encode()

    def route(self, method, path, headers, body):
        url = urlparse(path)
        parts = url.path.strip("/").split("/")
        private = headers.get("Authorization") == f"Bearer {self.private_key}"
        if parts[:2] != ["v1", "transactions"]:
            return 404, {"error": {"type": "NOT_FOUND_ERROR"}}
        if method == "GET" and len(parts) == 2:
            if not private:
                return 401, {"error": {"type": "INVALID_ACCESS_TOKEN"}}
            reference = parse_qs(url.query).get("reference", [""])[0]
            found = [tx for tx in self.transactions.values() if tx["reference"] == reference]
            return 200, {"data": found}
        tx = self.transactions.get(parts[2]) if len(parts) >= 3 else None
        if tx is None:
            return 404, {"error": {"type": "NOT_FOUND_ERROR"}}
        if method == "GET" and len(parts) == 3:
            return 200, {"data": tx}
        if method == "POST" and parts[3:] == ["void"]:
            if not private:
                return 401, {"error": {"type": "INVALID_ACCESS_TOKEN"}}
            if tx["payment_method_type"] != "CARD" or tx["status"] != "APPROVED":
                return 422, {"error": {"type": "INPUT_VALIDATION_ERROR"}}
            tx["status"] = "VOIDED"
            return 201, {"data": {"status": "APPROVED", "transaction": tx}}
        return 404, {"error": {"type": "NOT_FOUND_ERROR"}}


class FakeStripe(_Server):
    down_body = {"error": {"type": "api_error", "message": "Something went wrong."}}

    def __init__(self, *, secret_key: str, webhook_secret: str):
        super().__init__()
        self.secret_key = secret_key
        self.webhook_secret = webhook_secret
        self.intents: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.idempotent: dict[str, tuple[int, dict]] = {}

    def _set(self, intent_id: str, **fields) -> dict:
        with self.lock:
            self.intents[intent_id].update(fields)
            return json.loads(json.dumps(self.intents[intent_id]))

    def succeed(self, intent_id):
        return self._set(intent_id, status="succeeded", last_payment_error=None)

    def decline(self, intent_id):
        error = {"code": "card_declined", "message": "Your card was declined."}
        return self._set(intent_id, status="requires_payment_method", last_payment_error=error)

    def process(self, intent_id):
        return self._set(intent_id, status="processing")

    def event(self, event_type: str, obj: dict, *, event_id=None, secret=None, timestamp=None):
        """(payload, Stripe-Signature header) signed with the stripe library's own helper."""
        payload = json.dumps(
            {
                "id": event_id or f"evt_{secrets.token_hex(8)}",
                "object": "event",
                "type": event_type,
                "created": int(time.time()),
                "data": {"object": obj},
            }
        )
        header = stripe.WebhookSignature.generate_signature_header(
            payload, secret or self.webhook_secret, timestamp=timestamp
        )
        return payload, header

    def route(self, method, path, headers, body):
        if headers.get("Authorization") != f"Bearer {self.secret_key}":
            return 401, {"error": {"type": "invalid_request_error", "message": "bad key"}}
        key = headers.get("Idempotency-Key")
        if method == "POST" and key and key in self.idempotent:
            return self.idempotent[key]
        params = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        parts = urlparse(path).path.strip("/").split("/")
        answer = self._answer(method, parts, params)
        if method == "POST" and key:
            self.idempotent[key] = answer
        return answer

    def _answer(self, method, parts, params):
        missing = (404, {"error": {"type": "invalid_request_error", "code": "resource_missing"}})
        if parts[:2] == ["v1", "payment_intents"]:
            if method == "POST" and len(parts) == 2:
                intent_id = f"pi_{secrets.token_hex(8)}"
                intent = {
                    "id": intent_id,
                    "object": "payment_intent",
                    "amount": int(params["amount"]),
                    "currency": params["currency"],
                    "status": "requires_payment_method",
                    "client_secret": f"{intent_id}_secret_{secrets.token_hex(8)}",
                    "last_payment_error": None,
                    "metadata": {"reference": params.get("metadata[reference]", "")},
                    "receipt_email": params.get("receipt_email"),
                    "description": params.get("description"),
                }
                self.intents[intent_id] = intent
                return 200, intent
            intent = self.intents.get(parts[2]) if len(parts) == 3 else None
            if method == "GET" and intent is not None:
                return 200, intent
            return missing
        if parts == ["v1", "refunds"] and method == "POST":
            intent = self.intents.get(params.get("payment_intent", ""))
            if intent is None or intent["status"] != "succeeded":
                return 400, {"error": {"type": "invalid_request_error", "code": "charge_not_paid"}}
            refund = {
                "id": f"re_{secrets.token_hex(8)}",
                "object": "refund",
                "amount": int(params["amount"]),
                "currency": intent["currency"],
                "payment_intent": intent["id"],
                "status": "succeeded",
            }
            self.refunds[refund["id"]] = refund
            return 200, refund
        return missing
