"""Media addresses are worked out once per name, and never outlive the storage settings."""

from django.core.files.storage import FileSystemStorage, default_storage
from django.test import override_settings

from marketplace.core.media_urls import media_url

NAME = "productos/7/foto 1-320.webp"


def test_a_name_gets_the_storage_address():
    assert media_url(NAME) == default_storage.url(NAME)
    assert media_url(NAME) is media_url(NAME)  # the second is the kept one


def test_changed_storage_settings_are_followed():
    media_url(NAME)
    with override_settings(MEDIA_URL="/otros-medios/"):
        assert media_url(NAME) == "/otros-medios/productos/7/foto%201-320.webp"
    assert media_url(NAME) == default_storage.url(NAME)


class SignedStorage(FileSystemStorage):
    """Like S3 with query-string authentication: every address carries a fresh signature."""

    querystring_auth = True
    asked = 0

    def url(self, name):
        SignedStorage.asked += 1
        return f"https://media.example/{name}?signature={SignedStorage.asked}"


def test_a_storage_that_signs_its_addresses_is_asked_every_time(settings):
    storages = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.SignedStorage"}}
    with override_settings(STORAGES=storages):
        assert media_url(NAME) != media_url(NAME)
