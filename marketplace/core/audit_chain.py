"""A keyed hash chain over the audit log, so changing, removing or inserting a past event is
detected by `manage.py audit_verify` even when done in the database directly.

Each event stores the digest of the one before it and its own HMAC-SHA256 over that digest and
its fields. The key (AUDIT_CHAIN_KEY, by default derived from SECRET_KEY) is not in the database,
so whoever can write SQL cannot compute a valid digest for a forged or back-dated row. Removing
the newest rows cannot be seen from inside the chain: record the head that audit_verify prints
somewhere else (a log, a ticket) to check it later.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

GENESIS = "0" * 64
# Any constant: the transaction-level lock that orders appends on PostgreSQL.
_LOCK_ID = 7_150_001


def _key() -> bytes:
    return hashlib.sha256(f"audit-chain:{settings.AUDIT_CHAIN_KEY}".encode()).digest()


def event_digest(event, prev_hash: str) -> str:
    occurred = event.occurred_at
    # As the row reads back: UTC timestamps, data through JSON (tuples become lists, ...).
    fields = [
        prev_hash,
        occurred.astimezone(UTC).isoformat(timespec="microseconds") if occurred else "",
        event.actor_id,
        event.actor_repr,
        event.action,
        event.target_type,
        event.target_id,
        event.target_repr,
        json.loads(json.dumps(event.data, cls=DjangoJSONEncoder)),
    ]
    message = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def chain_link(event) -> None:
    """Fill `prev_hash` and `hash` of a new event; call inside the transaction that inserts it.
    On PostgreSQL an advisory lock makes concurrent appends take turns, so the chain never forks
    (SQLite already allows one writer at a time). It is held until commit, so a service records
    its audit event after locking the rows it changes: a transaction that appended first and
    then waited for a row could deadlock with one holding that row (checkout holds stock rows,
    then appends). Services that can meet in this way are repeated by `db_retry`."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
    last = type(event).objects.order_by("-id").values_list("hash", flat=True).first()
    event.prev_hash = last or GENESIS
    event.hash = event_digest(event, event.prev_hash)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head: str
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_chain_verify(model) -> ChainReport:
    """Walk the log in insertion order and report the first event that does not fit."""
    previous = GENESIS
    checked = 0
    for event in model.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != previous:
            return ChainReport(checked, previous, event.pk, "missing_or_reordered_event")
        if not hmac.compare_digest(event.hash, event_digest(event, previous)):
            return ChainReport(checked, previous, event.pk, "altered_event")
        previous = event.hash
        checked += 1
    return ChainReport(checked, previous)
