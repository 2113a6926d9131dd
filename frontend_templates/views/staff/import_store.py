"""Keeping an uploaded roster file between its preview and the confirmation.

The bytes go to a file under VAR_DIR/imports named by a random token, never by anything the
uploader chose; the session holds the token, the original name, the programme and a SHA-256 of
the bytes. Confirming only works from the same session, with the same token, on the same bytes,
within an hour: a second tab cannot confirm a different file than the one its preview showed,
and a file changed on disk is refused rather than imported. The session stays small (a roster
can weigh 5 MB), so ordinary requests do not pay for a pending import.

With several web replicas, VAR_DIR must be shared storage (as for media in the demo).
"""

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings

SESSION_KEY = "staff_roster_import"
MAX_AGE_SECONDS = 60 * 60
# Abandoned previews (closed tab, expired session) are removed on the next upload.
SWEEP_AGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class StoredImport:
    token: str
    filename: str
    program_id: int
    content: bytes


def _directory():
    path = settings.VAR_DIR / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(token: str):
    return _directory() / f"{token}.upload"


def _sweep() -> None:
    limit = time.time() - SWEEP_AGE_SECONDS
    for path in _directory().glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:  # another request swept it first
            pass


def stash(request, *, content: bytes, filename: str, program_id: int) -> str:
    """Keep the bytes for this session (replacing any earlier pending file); returns the token
    that the confirmation form sends back."""
    discard(request)
    _sweep()
    token = secrets.token_hex(32)
    _path(token).write_bytes(content)
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": filename[:200],
        "program_id": program_id,
        "sha256": hashlib.sha256(content).hexdigest(),
        "stored_at": time.time(),
    }
    return token


def load(request, token: str) -> StoredImport | None:
    """The stashed file if `token` is this session's pending import and it is intact."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(str(token), pending["token"]):
        return None
    if time.time() - pending["stored_at"] > MAX_AGE_SECONDS:
        discard(request)
        return None
    try:
        content = _path(pending["token"]).read_bytes()
    except FileNotFoundError:
        return None
    if hashlib.sha256(content).hexdigest() != pending["sha256"]:
        discard(request)
        return None
    return StoredImport(
        token=pending["token"],
        filename=pending["filename"],
        program_id=pending["program_id"],
        content=content,
    )


def discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        _path(pending["token"]).unlink(missing_ok=True)
