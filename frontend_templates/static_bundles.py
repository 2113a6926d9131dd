"""Static files made of several others: the public pages load one stylesheet, while its rules
stay in small files named for the pages they style.

`BundleFinder` is a staticfiles finder: `collectstatic` copies each bundle like any other file
(so the production storage hashes and compresses it), and the development server and the live
test server find it the same way. A bundle is the concatenation of its parts in order, which
keeps the cascade exactly as separate stylesheets linked in that order.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# The public site's rules, in cascade order. The business panel and the staff console add their
# own stylesheets (includes/workspace_stylesheets.html) after this one.
BUNDLES = {
    "css/public.css": (
        "css/site.css",
        "css/vendors.css",
        "css/catalog.css",
        "css/search.css",
        "css/cart.css",
        "css/checkout.css",
        "css/payments.css",
    ),
}


def bundle_content(name: str) -> bytes:
    parts = []
    for part in BUNDLES[name]:
        path = finders.find(part)
        if not path:
            raise FileNotFoundError(f"{name}: part {part} is not a static file")
        parts.append(f"/* {part} */\n".encode() + Path(path).read_bytes().rstrip() + b"\n")
    return b"\n".join(parts)


class BundleFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.location = Path(settings.VAR_DIR) / "static-bundles"
        self.storage = FileSystemStorage(location=str(self.location))

    def _build(self, name: str) -> str:
        """Write the bundle from its current parts (so edits show on the next request) and
        return its path. The file is replaced in one step: a request served meanwhile reads
        the previous version whole."""
        target = self.location / name
        target.parent.mkdir(parents=True, exist_ok=True)
        content = bundle_content(name)
        if target.exists() and target.read_bytes() == content:
            return str(target)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, target)
        return str(target)

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path not in BUNDLES:
            return []
        found = self._build(path)
        return [found] if find_all or kwargs.get("all") else found

    def list(self, ignore_patterns):
        for name in BUNDLES:
            self._build(name)
            yield name, self.storage
