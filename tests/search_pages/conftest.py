import pytest

from search import indexing
from search.backends import database_backend
from tests.factories import VendorFactory
from tests.pages.support import compile_catalogues
from tests.search.conftest import municipality, product


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(autouse=True)
def _database_search(settings):
    # The embedded default, whatever the developer's environment says.
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""


def reindex():
    """Factories write rows without the services' events: index what is there now."""
    indexing.rebuild(backends=[database_backend()])


@pytest.fixture
def catalogue(db):
    """Three vendors in three municipalities, goods and a service, in five price bands."""
    medellin = VendorFactory(
        display_name="Sabores de la Montaña",
        slug="sabores-de-la-montana",
        enrollment__municipality=municipality("05001"),
    )
    itagui = VendorFactory(
        display_name="Zapatería El Cuero",
        slug="zapateria-el-cuero",
        enrollment__municipality=municipality("05360"),
    )
    envigado = VendorFactory(
        display_name="Estudio Creativo Nube",
        slug="estudio-creativo-nube",
        enrollment__municipality=municipality("05266"),
    )
    products = {
        "arepa": product(
            "Arepa de chócolo",
            vendor=medellin,
            category_slug="comida-preparada",
            price=8_000,
            description="Hecha a mano con maíz tierno y queso campesino.",
        ),
        "arepas": product(
            "Arepas de maíz pelao x 10",
            vendor=medellin,
            category_slug="comida-preparada",
            price=12_000,
            description="Para el desayuno.",
        ),
        "cafe": product(
            "Café de origen Urrao",
            vendor=medellin,
            category_slug="cafe-y-chocolate",
            price=32_000,
            description="Tostión media, notas de panela y cítricos.",
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
        "logo": product(
            "Diseño de logo",
            vendor=envigado,
            category_slug="diseno-grafico",
            price=250_000,
            kind="service",
            description="Identidad visual para tu negocio <b>en tres días</b>.",
        ),
    }
    reindex()
    return {"vendors": {"medellin": medellin, "itagui": itagui, "envigado": envigado}, **products}
