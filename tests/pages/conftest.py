import pytest
from django.conf import settings
from django.utils import translation

from .support import compile_catalogues


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture
def english(client):
    """The client after choosing English in the footer's language form."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    yield client
    # LocaleMiddleware activates the request's language in the test thread and nothing resets
    # it, so later tests (in any app) would otherwise run in English.
    translation.activate(settings.LANGUAGE_CODE)
