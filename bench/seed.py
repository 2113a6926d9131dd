"""A deterministic synthetic catalogue of any size, written with bulk inserts.

The same `--seed` and sizes always produce the same rows (names, prices, stock, dates), so runs
at 10k, 100k and 1M listings compare like with like. Image records carry renditions that point
to files that do not exist: pages render their markup, nothing decodes them.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils.text import slugify
from stdnum.co import nit as co_nit

from . import bulk, words
from .environment import marker

# Newest listing's publication time: fixed, so every run writes the same rows.
EPOCH = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
BATCH = 2000
CHUNK = 5000
PROGRAM_SLUG = "bench"
BUYER_EMAIL = "comprador-bench@example.com"
BENCH_PASSWORD = "bench-tienda-2026"
# Their secondary indexes are built once, after the last row (bench.bulk).
CATALOGUE_TABLES = ["catalog_product", "catalog_productvariant", "catalog_productimage"]
SEARCH_TABLES = ["search_searchdocument", "search_searchterm"]


@dataclass
class SeedReport:
    listings: int
    vendors: int
    categories: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str, started: float, rows: int) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - started
        self.rows[step] = self.rows.get(step, 0) + rows

    def lines(self) -> list[str]:
        out = []
        for step, seconds in self.seconds.items():
            rows = self.rows.get(step, 0)
            rate = rows / seconds if seconds else 0
            out.append(f"{step:<16} {rows:>9} rows {seconds:8.1f} s {rate:>10.0f} rows/s")
        total = sum(self.seconds.values())
        out.append(f"{'total':<16} {sum(self.rows.values()):>9} rows {total:8.1f} s")
        return out


class AlreadySeeded(Exception):
    pass


def listing_name(rng: random.Random, index: int, *, service: bool) -> str:
    """A Spanish name; the marker words land in their stated share of names."""
    noun = rng.choice(words.SERVICE_NOUNS if service else words.NOUNS)
    parts = [noun, rng.choice(words.QUALIFIERS)]
    if rng.random() < words.FREQUENT_SHARE:
        parts.append(words.FREQUENT_WORD)
    if rng.random() < words.MEDIUM_SHARE:
        parts.append(words.MEDIUM_WORD)
    if index % words.RARE_EVERY == words.RARE_EVERY // 2 or index == 0:
        parts.append(words.RARE_WORD)
    parts.append(rng.choice(words.ADJECTIVES))
    if not service:
        parts.append(rng.choice(words.COLORS))
    return " ".join(parts)[:150]


def _nit(index: int) -> str:
    base = str(900_000_000 + index)
    return base + co_nit.calc_check_digit(base)


def _image_json(key: str) -> dict:
    renditions = {}
    for width in (320, 640, 1024):
        height = width * 3 // 4
        renditions[str(width)] = {
            "jpeg": f"bench/{key}-{width}.jpg",
            "webp": f"bench/{key}-{width}.webp",
            "width": str(width),
            "height": str(height),
        }
    return {"width": 1024, "height": 768, "renditions": renditions}


def _categories(rng: random.Random, target: int, report: SeedReport) -> list[int]:
    """Grow the migrated tree to `target` categories (new ones under the top level), and
    return the leaves, where listings go."""
    from catalog.models import Category

    started = time.perf_counter()
    existing = list(Category.objects.order_by("pk").values_list("pk", "parent_id"))
    roots = [pk for pk, parent in existing if parent is None]
    missing = max(target - len(existing), 0)
    new = [
        Category(
            name=f"Línea {n + 1} de {rng.choice(words.NOUNS).lower()}",
            slug=f"linea-bench-{n + 1}",
            parent_id=roots[n % len(roots)],
            position=100 + n,
        )
        for n in range(missing)
    ]
    Category.objects.bulk_create(new, batch_size=BATCH)
    report.timed("categories", started, len(new))
    parents = set(Category.objects.exclude(parent=None).values_list("parent_id", flat=True))
    return sorted(set(Category.objects.values_list("pk", flat=True)) - parents)


def _vendors(rng: random.Random, count: int, report: SeedReport, label: str) -> list[int]:
    from marketplace.core.models import Municipality
    from vendors.models import CiiuSection, Enrollment, Program, Vendor

    started = time.perf_counter()
    program = Program.objects.create(
        name="Programa de pruebas de carga", slug=PROGRAM_SLUG, description=label
    )
    municipalities = list(Municipality.objects.order_by("dane_code").values_list("pk", flat=True))
    sections = list(CiiuSection.objects.order_by("code").values_list("pk", flat=True))
    enrollments = []
    for n in range(count):
        name = f"{rng.choice(words.BUSINESS_WORDS)} {rng.choice(words.BUSINESS_NAMES)} {n + 1}"
        enrollments.append(
            Enrollment(
                program=program,
                legal_name=f"{name} S.A.S.",
                trade_name=name,
                nit=_nit(n),
                person_type=Enrollment.PersonType.JURIDICAL,
                municipality_id=municipalities[n % len(municipalities)],
                ciiu_section_id=sections[n % len(sections)],
                contact_name=f"Contacto {n + 1}",
                contact_email=f"negocio{n + 1}@bench.example.com",
                status=Enrollment.Status.ACTIVE,
            )
        )
    enrollments = Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    vendors = [
        Vendor(
            enrollment=enrollment,
            status=Vendor.Status.ACTIVE,
            approved_at=EPOCH - timedelta(days=400),
            display_name=enrollment.trade_name[:120],
            slug=f"negocio-bench-{n + 1}",
            short_description="Negocio del programa",
            whatsapp="+573001234567",
            vat_responsible=n % 3 == 0,
            offers_delivery=True,
            notice_address="Calle 10 # 43-25",
            notice_phone="+573001234567",
            notice_email=enrollment.contact_email,
        )
        for n, enrollment in enumerate(enrollments)
    ]
    vendors = Vendor.objects.bulk_create(vendors, batch_size=BATCH)
    report.timed("vendors", started, len(enrollments) + len(vendors))
    return [vendor.pk for vendor in vendors]


def _listing_chunk(rng, first, count, vendor_ids, leaves, municipalities, report):
    """One chunk of listings with their variants, photos and service municipalities.

    The kept list fields (lowest and highest price, availability, thumbnail) are written with
    the product: the seed knows its variants and photos before it inserts anything, so it never
    re-reads them. tests/bench/test_seed_bulk.py checks that they equal what
    `catalog.listing_fields` computes from the rows."""
    from catalog.models import Product, ProductImage, ProductVariant

    started = time.perf_counter()
    products = []
    for index in range(first, first + count):
        service = rng.random() < 0.15
        name = listing_name(rng, index, service=service)
        mode = Product.PricingMode.FIXED
        if service:
            mode = rng.choice(list(Product.PricingMode))
        products.append(
            {
                "vendor_id": vendor_ids[index % len(vendor_ids)],
                "kind": (Product.Kind.SERVICE if service else Product.Kind.GOODS).value,
                "name": name,
                "slug": f"{slugify(name)[:150]}-{index + 1}",
                "description": " ".join(rng.sample(words.DESCRIPTION_SENTENCES, 3)),
                "category_id": leaves[rng.randrange(len(leaves))],
                "status": Product.Status.PUBLISHED.value,
                "pricing_mode": mode.value,
                "tax_class": rng.choice(list(Product.TaxClass)).value,
                "duration_minutes": 60 if service else None,
                # Listing 0 is the oldest; every listing is five minutes newer than the last.
                "published_at": EPOCH - timedelta(minutes=5 * (report.listings - index)),
            }
        )
    built = time.perf_counter() - started

    started = time.perf_counter()
    variants, images, links = [], [], []
    for offset, product in enumerate(products):
        index = first + offset
        service = product["kind"] == Product.Kind.SERVICE
        roll = rng.random()
        several = 1 if roll < 0.70 else (2 if roll < 0.94 else 3)
        base = rng.randrange(50, 5000) * 100
        out_of_stock = not service and rng.random() < 0.10
        available = False
        for position in range(several):
            stock = 0 if out_of_stock else rng.randrange(1, 60)
            # Orderable now: untracked (a service), or stock beyond the (zero) allocated units.
            available = available or service or stock > 0
            variants.append(
                {
                    "product_id": offset,  # the product's id once inserted
                    "vendor_id": product["vendor_id"],
                    "sku": f"B{index + 1}-{position + 1}",
                    "name": words.SIZES[position] if several > 1 else "",
                    "options": [["talla", words.SIZES[position]]] if several > 1 else [],
                    "price": base + position * 5000,
                    "track_inventory": not service,
                    "stock_quantity": stock,
                    "position": position,
                }
            )
        product["min_price"] = base
        product["max_price"] = base + (several - 1) * 5000
        product["is_available"] = available
        pictures = 0 if roll > 0.95 else (2 if roll < 0.10 else 1)
        for position in range(pictures):
            images.append(
                {
                    "product_id": offset,
                    "position": position,
                    "alt": product["name"][:200],
                    "image": _image_json(f"p{index + 1}-{position + 1}"),
                }
            )
        # The first photo by position (then id, the order they are inserted in).
        product["thumbnail"] = images[-pictures]["image"] if pictures else {}
        if service:
            links.append(
                {
                    "product_id": offset,
                    "municipality_id": municipalities[index % len(municipalities)],
                }
            )
    built_children = time.perf_counter() - started

    started = time.perf_counter()
    ids = bulk.insert(Product, products)
    report.timed("products", started - built, len(products))
    started = time.perf_counter()
    for row in (*variants, *images, *links):
        row["product_id"] = ids[row["product_id"]]
    bulk.insert(ProductVariant, variants, want_ids=False)
    report.timed("variants", started - built_children, len(variants))
    started = time.perf_counter()
    bulk.insert(ProductImage, images, want_ids=False)
    bulk.insert(Product.service_municipalities.through, links, want_ids=False)
    report.timed("images", started, len(images) + len(links))
    return ids


def _buyer(report: SeedReport) -> None:
    from marketplace.accounts.models import User

    started = time.perf_counter()
    User.objects.create_user(BUYER_EMAIL, BENCH_PASSWORD, first_name="Comprador")
    report.timed("users", started, 1)


def seed(
    *,
    listings: int,
    vendors: int,
    categories: int = 200,
    random_seed: int = 11,
    search_index: bool = True,
    log=print,
) -> SeedReport:
    """Write the catalogue into the configured (migrated, bench-free) database."""
    from marketplace.core.models import Municipality
    from vendors.models import Program

    if Program.objects.filter(slug=PROGRAM_SLUG).exists():
        raise AlreadySeeded("this database already holds a bench catalogue; use a fresh one")
    rng = random.Random(random_seed)
    report = SeedReport(listings=listings, vendors=vendors, categories=categories)
    with transaction.atomic():
        leaves = _categories(rng, categories, report)
        label = marker(
            listings=listings, vendors=vendors, categories=categories, random_seed=random_seed
        )
        vendor_ids = _vendors(rng, max(vendors, 1), report, label)
        municipalities = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
        _buyer(report)
        with bulk.indexes_built_after(CATALOGUE_TABLES):
            for first in range(0, listings, CHUNK):
                count = min(CHUNK, listings - first)
                _listing_chunk(rng, first, count, vendor_ids, leaves, municipalities, report)
                log(f"  listings {first + count}/{listings}")
            started = time.perf_counter()
        report.timed("indexes", started, 0)
    _analyze()
    if search_index:
        from search.indexing import rebuild

        started = time.perf_counter()
        with transaction.atomic(), bulk.indexes_built_after(SEARCH_TABLES):
            rebuild()
        report.timed("search index", started, listings)
        # Again, now that the search tables are full: their plans depend on these statistics.
        _analyze()
    return report


def _analyze() -> None:
    """Planner statistics and visibility maps for the bulk-loaded tables, as autovacuum would
    leave them later. VACUUM also clears the search table's dead half: the rebuild inserts each
    document, then updates it with its tsvector, and a million dead rows double what a search
    reads until autovacuum gets to them. Inside a transaction (tests) only ANALYZE can run."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
