"""Keeping a chosen photo when its form comes back with errors (the description is missing, the
listing reached its limit): browsers never re-fill a file input, so on a phone the vendor would
have to find the photo again. The bytes wait under VAR_DIR/imports like a pending import
(views/staff/import_store.py: random token names, hourly expiry, sweeping), the session holds
the token, the product, the file name and a SHA-256 of the bytes; the form sends the token back.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from ..staff import import_store

SESSION_KEY = "vendors_staged_photo"


@dataclass(frozen=True)
class StagedPhoto:
    token: str
    filename: str

    def upload(self, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(self.filename, content)


def stash(request, *, upload, product_id: int) -> StagedPhoto:
    discard(request)
    import_store._sweep()
    upload.seek(0)
    content = upload.read()
    token = secrets.token_hex(32)
    import_store._path(token).write_bytes(content)
    filename = (upload.name or "foto").rsplit("/", 1)[-1][:120]
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": filename,
        "product_id": product_id,
        "sha256": hashlib.sha256(content).hexdigest(),
        "stored_at": time.time(),
    }
    return StagedPhoto(token=token, filename=filename)


def pending(request, *, product_id: int) -> StagedPhoto | None:
    """The photo this session staged for `product_id`, if it is still there."""
    staged = request.session.get(SESSION_KEY)
    if not staged or staged["product_id"] != product_id:
        return None
    if time.time() - staged["stored_at"] > import_store.MAX_AGE_SECONDS:
        discard(request)
        return None
    if not import_store._path(staged["token"]).exists():
        return None
    return StagedPhoto(token=staged["token"], filename=staged["filename"])


def load(request, token: str, *, product_id: int) -> SimpleUploadedFile | None:
    """The staged bytes as an upload, if `token` is this session's photo for `product_id` and
    the bytes are unchanged."""
    photo = pending(request, product_id=product_id)
    if photo is None or not secrets.compare_digest(str(token), photo.token):
        return None
    try:
        content = import_store._path(photo.token).read_bytes()
    except FileNotFoundError:
        return None
    if hashlib.sha256(content).hexdigest() != request.session[SESSION_KEY]["sha256"]:
        discard(request)
        return None
    return photo.upload(content)


def discard(request) -> None:
    staged = request.session.pop(SESSION_KEY, None)
    if staged:
        import_store._path(staged["token"]).unlink(missing_ok=True)
