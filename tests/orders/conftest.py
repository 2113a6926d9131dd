import pytest

from tests.conftest import GRAPHQL_ERRORS as ERRORS  # noqa: F401 - imported by the tests here
from tests.pages.support import compile_catalogues

from .support import goods, storefront_vendor


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture
def shop(db):
    return storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")


@pytest.fixture
def other_shop(db):
    return storefront_vendor(display_name="Café La Montañera", slug="cafe-la-montanera")


@pytest.fixture
def arepa(shop):
    """A published good: 10 in stock, 2 of them allocated to orders, so 8 can be bought."""
    return goods(shop, "Arepa de chócolo", price=4_500, stock=10, allocated=2)


@pytest.fixture
def cafe(other_shop):
    return goods(other_shop, "Café de origen 500 g", price=32_000, stock=20)
