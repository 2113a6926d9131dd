import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from tests.pages.support import compile_catalogues


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(autouse=True)
def _database_search(settings):
    # The listings' search boxes ask the embedded default, whatever the environment says.
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def png():
    """A real PNG upload made with Pillow (the service decodes and re-encodes it)."""

    def make(name="logo.png", size=(600, 450), colour=(11, 93, 75)):
        buffer = io.BytesIO()
        Image.new("RGB", size, colour).save(buffer, "PNG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")

    return make


@pytest.fixture
def english(client):
    """The client after choosing English in the footer's language form."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    yield client
    # LocaleMiddleware leaves the request's language active in the test thread.
    translation.activate(settings.LANGUAGE_CODE)
