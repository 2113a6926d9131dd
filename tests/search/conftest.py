"""One harness per reachable backend: the conformance and pipeline tests run once per backend.

SQLite runs when the test database is SQLite, PostgreSQL when DATABASE_URL points to it, and
Elasticsearch when ELASTICSEARCH_URL is set (a real cluster: never faked). The others are
reported as skipped with the reason.
"""

import os
import uuid

import pytest
from django.db import connection

from catalog.models import Category
from marketplace.core.models import Municipality
from search import indexing
from search.backends import database_backend, write_backends
from search.services import search_products
from tests.conftest import require_or_skip
from tests.factories import VariantFactory, VendorFactory

BACKENDS = ["sqlite", "postgresql", "elasticsearch"]


class Harness:
    def __init__(self, name, backend):
        self.name = name
        self.backend = backend

    def reindex(self):
        """Index the catalogue as it is now (factories write rows without events)."""
        indexing.rebuild(backends=write_backends())
        self.refresh()

    def refresh(self):
        for backend in write_backends():
            backend.refresh()

    def search(self, query="", **kwargs):
        self.refresh()
        return search_products(query, **kwargs)

    def names(self, query="", **kwargs):
        from catalog.models import Product

        result = self.search(query, **kwargs)
        names = dict(Product.objects.filter(pk__in=result.product_ids).values_list("pk", "name"))
        return [names[pk] for pk in result.product_ids]

    def indexed_ids(self):
        self.refresh()
        return set(self.backend.fingerprints())


@pytest.fixture(params=BACKENDS)
def search_backend(request, db, settings):
    name = request.param
    if name in ("sqlite", "postgresql"):
        if connection.vendor != name:
            pytest.skip(
                f"{name} backend: the test database is {connection.vendor}"
                + (" (set DATABASE_URL=postgres://... to run it)" if name == "postgresql" else "")
            )
        settings.SEARCH_BACKEND = "database"
        settings.ELASTICSEARCH_URL = ""
        yield Harness(name, database_backend())
        return

    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("elasticsearch backend: ELASTICSEARCH_URL is not set")
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX = f"test-tienda-{uuid.uuid4().hex[:12]}"
    backend = ElasticsearchBackend()
    try:
        reachable = bool(backend.client.ping())
    except Exception:
        reachable = False
    require_or_skip(reachable, f"Elasticsearch at ELASTICSEARCH_URL ({url}) is not reachable")
    try:
        yield Harness(name, backend)
    finally:
        backend.drop()


def municipality(code):
    return Municipality.objects.get(dane_code=code)


def category(slug):
    return Category.objects.get(slug=slug)


def product(name, *, vendor, category_slug, price=10_000, description="", kind="goods", **extra):
    return VariantFactory(
        product__name=name,
        product__description=description,
        product__vendor=vendor,
        product__category=category(category_slug),
        product__kind=kind,
        price=price,
        **extra,
    ).product


@pytest.fixture
def catalogue(db):
    """A small catalogue across categories, vendors, municipalities, kinds and price bands."""
    medellin = VendorFactory(
        display_name="Sabores de la Montaña", enrollment__municipality=municipality("05001")
    )
    itagui = VendorFactory(
        display_name="Zapatería El Cuero", enrollment__municipality=municipality("05360")
    )
    envigado = VendorFactory(
        display_name="Estudio Creativo Nube", enrollment__municipality=municipality("05266")
    )
    return {
        "vendors": {"medellin": medellin, "itagui": itagui, "envigado": envigado},
        "arepa": product(
            "Arepa de chócolo",
            vendor=medellin,
            category_slug="comida-preparada",
            price=8_000,
            description="Hecha a mano con maíz tierno y queso campesino.",
        ),
        "cafe": product(
            "Café de origen Urrao",
            vendor=medellin,
            category_slug="cafe-y-chocolate",
            price=32_000,
            description="Tostión media, notas de panela y cítricos.",
        ),
        "chocolate": product(
            "Chocolate de mesa",
            vendor=medellin,
            category_slug="cafe-y-chocolate",
            price=15_000,
            description="Cacao puro para el desayuno.",
        ),
        "mochila": product(
            "Mochila tejida",
            vendor=medellin,
            category_slug="tejidos",
            price=95_000,
            description="Cabe todo el almuerzo: hasta seis arepas y un termo.",
        ),
        "zapatos": product(
            "Zapatos de cuero para hombre",
            vendor=itagui,
            category_slug="calzado",
            price=180_000,
            description="Suela cosida, hechos en Itagüí.",
        ),
        "tenis": product(
            "Tenis deportivos",
            vendor=itagui,
            category_slug="calzado",
            price=120_000,
            description="Livianos, para correr.",
        ),
        "funda": product(
            "Funda para celular",
            vendor=itagui,
            category_slug="accesorios-para-celular",
            price=25_000,
            description="Silicona resistente.",
        ),
        "logo": product(
            "Diseño de logo",
            vendor=envigado,
            category_slug="diseno-grafico",
            price=250_000,
            kind="service",
            description="Identidad visual para tu negocio <b>en tres días</b>.",
        ),
    }
