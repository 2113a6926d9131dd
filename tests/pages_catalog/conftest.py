import pytest
from django.conf import settings
from django.utils import translation

from tests.pages.support import compile_catalogues

from .support import storefront_vendor


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(autouse=True)
def _database_search(settings):
    # The listings' search boxes ask the embedded default, whatever the environment says.
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def shop(db):
    """An active, VAT-responsible vendor in Medellín with pickup, delivery fees and WhatsApp."""
    return storefront_vendor(
        display_name="Arepas Doña Luz",
        slug="arepas-dona-luz",
        offers_pickup=True,
        offers_delivery=True,
        vat_responsible=True,
        public_address="Calle 10 # 43-25, Medellín",
    )


@pytest.fixture
def english(client):
    """The client after choosing English in the footer's language form."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    yield client
    # LocaleMiddleware leaves the request's language active in the test thread.
    translation.activate(settings.LANGUAGE_CODE)
