"""Addresses of stored media, worked out once per file name.

Media is public (no signed query strings: `querystring_auth` is off in STORAGES), so a file's
address depends only on its name and the storage settings. A page of 24 product cards asks for
about 150 of them and the API's product list for 100, each an `urljoin` and a percent-encoding.
They are kept per process, and forgotten when a test changes the storage settings; a storage
that signs its addresses is asked every time.
"""

from functools import lru_cache

from django.core.files.storage import default_storage
from django.core.signals import setting_changed

_STORAGE_SETTINGS = {"STORAGES", "MEDIA_URL", "MEDIA_ROOT"}


@lru_cache(maxsize=16_384)
def _public_url(name: str) -> str:
    return default_storage.url(name)


def media_url(name: str) -> str:
    if getattr(default_storage, "querystring_auth", False):
        return default_storage.url(name)  # signed, and the signature expires
    return _public_url(name)


def _forget(*, setting, **_kwargs) -> None:
    if setting in _STORAGE_SETTINGS:
        _public_url.cache_clear()


setting_changed.connect(_forget)
