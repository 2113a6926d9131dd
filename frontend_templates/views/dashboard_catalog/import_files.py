"""Keeping an uploaded portfolio CSV between its preview and the confirmation, the way the
staff roster import keeps its file (views/staff/import_store.py, whose directory, random file
names and sweeping of abandoned files this reuses): the bytes wait under VAR_DIR/imports named
by a random token, and the session holds the token, the file name, the business and a SHA-256
of the bytes.

It has its own session key, so a coordinator who also runs a business can have a roster import
and a portfolio import pending at once without one discarding the other; and it remembers the
business, so a confirmation only ever applies the file to the business its preview was for.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass

from ..staff import import_store

SESSION_KEY = "vendors_portfolio_import"


@dataclass(frozen=True)
class StoredFile:
    token: str
    filename: str
    vendor_id: int
    content: bytes


def stash(request, *, content: bytes, filename: str, vendor_id: int) -> str:
    discard(request)
    import_store._sweep()
    token = secrets.token_hex(32)
    import_store._path(token).write_bytes(content)
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": filename[:200],
        "vendor_id": vendor_id,
        "sha256": hashlib.sha256(content).hexdigest(),
        "stored_at": time.time(),
    }
    return token


def load(request, token: str, *, vendor_id: int) -> StoredFile | None:
    """The stashed file if `token` is this session's pending import for `vendor_id` and the
    bytes are the ones the preview showed."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(str(token), pending["token"]):
        return None
    if pending["vendor_id"] != vendor_id:
        return None
    if time.time() - pending["stored_at"] > import_store.MAX_AGE_SECONDS:
        discard(request)
        return None
    try:
        content = import_store._path(pending["token"]).read_bytes()
    except FileNotFoundError:
        return None
    if hashlib.sha256(content).hexdigest() != pending["sha256"]:
        discard(request)
        return None
    return StoredFile(
        token=pending["token"],
        filename=pending["filename"],
        vendor_id=pending["vendor_id"],
        content=content,
    )


def discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        import_store._path(pending["token"]).unlink(missing_ok=True)
