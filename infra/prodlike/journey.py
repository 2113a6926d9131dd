"""The production-like run's journey: what a visitor, a vendor and a moderator do, through nginx
and TLS, against the stack infra/prodlike/run.sh started. Each step prints what it checked;
the first failure stops the journey with a non-zero exit.

The steps run in order and share what earlier ones made (the vendor's new listing, its photo,
the visitor's cart). Payment goes through Wompi: the journey plays the buyer on Web Checkout and
Wompi's side (its API and its signed event) with the loopback stand-in the tests use.
"""

import argparse
import io
import os
import re
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(1, str(ROOT))

from browser import Browser, JourneyError  # noqa: E402
from mailbox_files import messages_to  # noqa: E402

from orders.payments.gateways.wompi_signing import integrity_signature  # noqa: E402
from tests.orders.payments.fakes import FakeWompi  # noqa: E402

VENDOR = "tienda1@example.com"
MODERATOR = "moderacion@example.com"
POLL_SECONDS = 60


@dataclass
class Run:
    base_url: str
    http_url: str
    cacert: str
    mail_dir: Path
    logs: Path
    password: str
    s3_url: str
    wompi: FakeWompi
    # Filled in by the steps.
    listing_name: str = ""
    listing_word: str = ""
    listing_path: str = ""
    listing_edit_path: str = ""
    visitor: Browser | None = None
    notes: list[str] = field(default_factory=list)

    def browser(self) -> Browser:
        return Browser(self.base_url, self.cacert)

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            raise JourneyError(message)
        self.notes.append(message)


def _poll(what: str, probe, seconds: int = POLL_SECONDS):
    """Retry `probe` (returns a truthy result when done) for up to `seconds`: the worker runs
    tasks asynchronously."""
    deadline = time.monotonic() + seconds
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise JourneyError(f"{what}: not seen within {seconds} s")
        time.sleep(0.5)


def _worker_log(run: Run) -> str:
    return (run.logs / "worker.log").read_text(encoding="utf-8", errors="replace")


def _log_in(run: Run, email: str) -> Browser:
    browser = run.browser()
    browser.get("/cuenta/ingresar/")
    browser.submit(
        browser.form(has_field="password"), {"username": email, "password": run.password}
    )
    if "/cuenta/ingresar/" in browser.page_url:
        raise JourneyError(f"{email} could not log in")
    return browser


# --- steps ----------------------------------------------------------------------------------


def site_is_healthy(run: Run) -> None:
    response = run.browser().get("/healthz")
    body = response.json()
    run.check(body["status"] == "ok", "/healthz answers ok through nginx")
    run.check(
        {name for name, check in body["checks"].items() if check["status"] == "ok"}
        >= {"database", "storage", "search"},
        "database (PostgreSQL), storage (S3 bucket) and search checks pass",
    )
    run.check(bool(response.headers.get("X-Request-ID")), "nginx assigns a request id")
    ready = run.browser().get("/readyz").json()
    run.check(
        all(ready["checks"][name]["status"] == "ok" for name in ("database", "cache", "broker")),
        "/readyz: database, cache (Redis) and broker (Redis) ready",
    )


def plain_http_redirects_to_https(run: Run) -> None:
    plain = requests.Session()
    plain.trust_env = False
    response = plain.get(run.http_url + "/catalogo/?q=1", allow_redirects=False, timeout=10)
    run.check(response.status_code == 301, "plain HTTP answers 301")
    run.check(
        response.headers["Location"] == run.base_url + "/catalogo/?q=1",
        f"... to the same page on HTTPS ({response.headers['Location']})",
    )


def production_headers(run: Run) -> None:
    browser = run.browser()
    response = browser.get("/")
    headers = response.headers
    run.check("max-age=31536000" in headers.get("Strict-Transport-Security", ""), "HSTS on")
    run.check("default-src 'self'" in headers.get("Content-Security-Policy", ""), "CSP on")
    run.check(headers.get("Server") == "nginx", "nginx does not reveal its version")
    run.check(headers.get("X-Frame-Options") == "DENY", "framing refused")
    missing = browser.get("/no-existe-esta-pagina/", expect=404)
    run.check(
        "Traceback" not in missing.text and "URLconf" not in missing.text,
        "a missing page is a plain 404, not the debug page",
    )
    static = re.search(r'(/static/[^"\']+\.[0-9a-f]{12}\.css)', response.text)
    run.check(bool(static), f"pages link hashed static files ({static and static.group(1)})")
    css = browser.get(static.group(1))
    run.check(
        "immutable" in css.headers.get("Cache-Control", ""),
        "nginx serves them from disk with a year-long immutable cache",
    )


def browse_catalogue(run: Run) -> None:
    browser = run.browser()
    listing = browser.get("/catalogo/")
    products = re.findall(r'href="(/producto/[^"/]+/)"', listing.text)
    run.check(len(products) >= 3, f"the catalogue lists products ({len(set(products))} linked)")
    page = browser.get(products[0])
    run.check("Agregar al carrito" in page.text, f"a product page opens ({products[0]})")


def search_finds_products(run: Run) -> None:
    results = run.browser().get("/buscar/", params={"q": "arepas"})
    found = set(re.findall(r'href="(/producto/[^"/]+/)"', results.text))
    run.check(bool(found), f"searching «arepas» finds {len(found)} products (PostgreSQL search)")


def vendor_publishes_listing_with_photo(run: Run) -> None:
    vendor = _log_in(run, VENDOR)
    session_cookie = next(c for c in vendor.session.cookies if c.name == "sessionid")
    run.check(session_cookie.secure, "the vendor logs in; the session cookie is Secure")

    syllables = [secrets.choice("bdgkmprstz") + secrets.choice("aeiou") for _ in range(4)]
    run.listing_word = "".join(syllables)
    run.listing_name = f"Mochila tejida {run.listing_word.capitalize()}"
    vendor.get("/vender/panel/productos/nuevo/")
    form = vendor.form(has_field="sku")
    category = next(choice for choice in form.choices["category"] if choice)
    vendor.submit(
        form,
        {
            "name": run.listing_name,
            "description": "Mochila tejida a mano en Santa Elena, con fibras naturales.",
            "category": category,
            "kind": "goods",
            "sku": f"MOC-{run.listing_word.upper()}",
            "price": "45900",
            "initial_stock": "12",
        },
    )
    match = re.search(r"/vender/panel/productos/(\d+)/", vendor.page_url)
    run.check(bool(match), f"the vendor creates «{run.listing_name}» as a draft")
    run.listing_edit_path = match.group(0)

    vendor.get(run.listing_edit_path)
    photo = io.BytesIO()
    Image.new("RGB", (1200, 900), (180, 90, 40)).save(photo, "JPEG", quality=85)
    upload = vendor.form(action=run.listing_edit_path + "fotos/")
    # The page holds several forms, so the photo form's fields carry a prefix.
    alt_field = next(name for name in upload.names if name.endswith("alt"))
    image_field = next(name for name in upload.names if name.endswith("image"))
    vendor.submit(
        upload,
        {alt_field: "Mochila tejida de colores"},
        files={image_field: ("mochila.jpg", photo.getvalue(), "image/jpeg")},
    )
    run.check(
        "mochila" in vendor.page.text.lower() and "/media/" in vendor.page.text,
        "the vendor uploads a photo (decoded and re-encoded into renditions on S3)",
    )
    vendor.get(run.listing_edit_path)
    vendor.submit(vendor.form(action="/enviar-a-revision/"))
    run.check(
        "/enviar-a-revision/" not in vendor.page.text,
        "the vendor sends the listing to review (no longer offered once sent)",
    )


def moderator_approves_listing(run: Run) -> None:
    moderator = _log_in(run, MODERATOR)
    queue = moderator.get("/consola/publicaciones/")
    case_path = None
    # Each queue row links its review page from the listing's name.
    for row in queue.text.split('class="panel mod-row')[1:]:
        if run.listing_name in row:
            case_path = re.search(r'href="(/consola/publicaciones/\d+/)[^"]*"', row).group(1)
    run.check(bool(case_path), f"the moderator finds it in the queue ({case_path})")
    moderator.get(case_path)
    moderator.submit(moderator.form(action=case_path + "aprobar/"))
    queue = moderator.get("/consola/publicaciones/")
    run.check(run.listing_name not in queue.text, "the moderator approves it; it leaves the queue")


def vendor_gets_the_email_through_the_worker(run: Run) -> None:
    message = _poll(
        "the approval email",
        lambda: next(
            (m for m in messages_to(run.mail_dir, VENDOR) if run.listing_name in m["subject"]),
            None,
        ),
    )
    run.check(
        re.search(r"Task core\.send_email\[[^\]]+\] succeeded", _worker_log(run)) is not None,
        f"the Celery worker sent the vendor «{message['subject']}»",
    )


def new_listing_is_searchable(run: Run) -> None:
    browser = run.browser()

    def probe():
        page = browser.get("/buscar/", params={"q": run.listing_word})
        return re.search(r'href="(/producto/[^"/]+/)"', page.text)

    run.listing_path = _poll("the approved listing in search", probe).group(1)
    run.check(
        re.search(r"Task search\.index_products\[[^\]]+\] succeeded", _worker_log(run)) is not None,
        f"the worker indexed it: searching «{run.listing_word}» finds {run.listing_path}",
    )


def photo_is_served_from_the_bucket(run: Run) -> None:
    browser = run.browser()
    page = browser.get(run.listing_path)
    urls = re.findall(re.escape(run.base_url) + r"/media/[^\"'\s,]+\.webp", page.text)
    run.check(bool(urls), f"the product page shows the photo from /media/ ({len(urls)} sizes)")
    first = browser.session.get(urls[0], timeout=30)
    run.check(first.status_code == 200, "nginx serves it (HTTP 200)")
    run.check(first.headers["Content-Type"] == "image/webp", "as image/webp")
    run.check("immutable" in first.headers.get("Cache-Control", ""), "with a year-long cache")
    with Image.open(io.BytesIO(first.content)) as image:
        run.check(image.format == "WEBP", f"a real WebP image ({image.size[0]}x{image.size[1]})")
    key = urls[0].removeprefix(run.base_url + "/media/")
    anonymous = requests.Session()
    anonymous.trust_env = False
    direct = anonymous.get(f"{run.s3_url}/{key}", timeout=30)
    run.check(
        direct.status_code == 200 and direct.content == first.content,
        "the bucket holds the same bytes and serves them without credentials (public-read)",
    )
    second = browser.session.get(urls[0], timeout=30)
    run.check(second.headers.get("X-Cache-Status") == "HIT", "nginx answers the next from cache")


def visitor_adds_to_cart(run: Run) -> None:
    visitor = run.browser()
    visitor.get(run.listing_path)
    visitor.submit(visitor.form(action="/carrito/agregar/"), {"cantidad": "2"})
    cart = visitor.get("/carrito/")
    run.check(run.listing_name in cart.text, "a visitor adds two to the cart; the cart lists it")
    # Prices are written with a non-breaking space after the sign.
    text = cart.text.replace("\xa0", " ").replace("&nbsp;", " ")
    run.check("$ 91.800" in text, "with the subtotal in pesos ($ 91.800)")
    run.visitor = visitor


BUYER = {
    "email": "comprador.prodlike@example.com",
    "first_name": "Luz Marina",
    "last_name": "Restrepo",
    "phone": "300 123 4567",
    "document_type": "CC",
    "document_number": "43123456",
    "municipality": "05001",
    "street_address": "Calle 10 # 43-25",
    "address_details": "Apto 301",
}


def _checkout(run: Run, visitor: Browser) -> str:
    """Fill the checkout as a guest, pick each business's first delivery option, confirm; the
    order page's path."""
    visitor.get("/comprar/")
    visitor.submit(visitor.form(has_field="email"), {**BUYER, "accion": "actualizar"})
    form = visitor.form(has_field="accept_terms")
    choices = {
        name: values[0] for name, values in form.choices.items() if name.startswith("entrega-")
    }
    run.check(bool(choices), f"checkout offers a delivery choice per business ({len(choices)})")
    values = {**choices, "accept_privacy_policy": "on", "accept_terms": "on", "accion": "confirmar"}
    visitor.submit(form, values)
    if "/comprar/" in visitor.page_url:
        # The delivery choice changed the total: the page shows it again before confirming.
        visitor.submit(visitor.form(has_field="accept_terms"), values)
    run.check("/pedidos/" in visitor.page_url, "the guest confirms; an order awaits payment")
    return visitor.page_url


def visitor_places_and_pays_an_order(run: Run) -> None:
    visitor = run.visitor or run.browser()
    order_url = _checkout(run, visitor)
    number = re.search(r"TV-\d+", visitor.page.text)
    run.check(number is not None, f"the order page shows its number ({number and number[0]})")
    number = number[0]

    pay = visitor.form(action="/pagar/")
    started = visitor.submit(pay, {"pasarela": "wompi"}, expect=302, follow=False)
    target = urlparse(started.headers["Location"])
    params = {key: values[0] for key, values in parse_qs(target.query).items()}
    run.check(
        target.netloc == "checkout.wompi.co",
        "paying sends the buyer to Wompi's Web Checkout",
    )
    expected = integrity_signature(
        reference=params["reference"],
        amount_in_cents=int(params["amount-in-cents"]),
        currency=params["currency"],
        expiration_time=params.get("expiration-time", ""),
        secret=os.environ["WOMPI_INTEGRITY_SECRET"],
    )
    run.check(
        params["signature:integrity"] == expected,
        "with the amount and reference signed with the integrity secret",
    )

    tx = run.wompi.pay(
        reference=params["reference"], amount_in_cents=int(params["amount-in-cents"])
    )
    answer = run.browser().session.post(
        run.base_url + "/webhooks/wompi/",
        data=run.wompi.event(tx),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    run.check(answer.status_code == 200, "Wompi's signed event is accepted through nginx")
    forged = run.browser().session.post(
        run.base_url + "/webhooks/wompi/",
        data=run.wompi.event(tx, secret="not-the-secret"),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    run.check(forged.status_code == 400, "an event with a forged checksum is refused")

    return_path = urlparse(params["redirect-url"]).path

    def paid():
        page = visitor.get(return_path)
        return "Pago aprobado" in page.text

    _poll("the approved payment", paid)
    run.check(True, "the worker processes the event; the return page says the payment is approved")
    order = visitor.get(order_url)
    run.check(number in order.text, f"the order page still answers for {number}")

    def emails():
        subjects = [m["subject"] for m in messages_to(run.mail_dir, "")]
        buyer = any(number in s and "Pago confirmado" in s for s in subjects)
        vendor = any(number in s and "Nuevo pedido pagado" in s for s in subjects)
        return buyer and vendor

    _poll("the payment emails", emails)
    run.check(True, "the worker emails the buyer (payment confirmed) and the business (to prepare)")


def beat_schedules_jobs_on_the_worker(run: Run) -> None:
    # The outbox sweeper is due a minute after beat starts; the journey usually outlasts that.
    pattern = re.compile(r"Task core\.run_job\[[^\]]+\] succeeded")
    ran = _poll("a scheduled job", lambda: pattern.search(_worker_log(run)), seconds=120)
    run.check(bool(ran), "beat sent a scheduled job (core.run_job) and the worker ran it")


STEPS = [
    site_is_healthy,
    plain_http_redirects_to_https,
    production_headers,
    browse_catalogue,
    search_finds_products,
    vendor_publishes_listing_with_photo,
    moderator_approves_listing,
    vendor_gets_the_email_through_the_worker,
    new_listing_is_searchable,
    photo_is_served_from_the_bucket,
    visitor_adds_to_cart,
    visitor_places_and_pays_an_order,
    beat_schedules_jobs_on_the_worker,
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--http-url", required=True)
    parser.add_argument("--cacert", required=True)
    parser.add_argument("--mail-dir", required=True, type=Path)
    parser.add_argument("--logs", required=True, type=Path)
    parser.add_argument("--password", required=True)
    parser.add_argument("--s3-url", required=True, help="the bucket's URL on the S3 server")
    parser.add_argument("--wompi-port", required=True, type=int, help="WOMPI_API_URL's port")
    args = vars(parser.parse_args())
    wompi = FakeWompi(
        private_key=os.environ["WOMPI_PRIVATE_KEY"],
        events_secret=os.environ["WOMPI_EVENTS_SECRET"],
        port=args.pop("wompi_port"),
    ).start()
    run = Run(**args, wompi=wompi)
    for number, step in enumerate(STEPS, start=1):
        title = step.__name__.replace("_", " ")
        print(f"  {number:2}. {title}", flush=True)
        run.notes = []
        try:
            step(run)
        except (JourneyError, requests.RequestException, KeyError, StopIteration) as exc:
            for note in run.notes:
                print(f"        ok    {note}")
            print(f"        FAIL  {type(exc).__name__}: {exc}")
            return 1
        for note in run.notes:
            print(f"        ok    {note}")
    print(f"  journey passed: {len(STEPS)} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
