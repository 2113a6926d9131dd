"""Removes uploaded files that no row points to.

Images are written to storage before the row that names them is committed (decoding and
re-encoding happen outside the transaction), so a process killed in between, or a failed
clean-up, leaves files nothing refers to. Each app that stores uploads registers the prefix it
writes under and a function that, for a set of owners (the id in the path), returns every name
their rows reference (`media_owner_register`, called from the app's `ready()`), so core knows
nothing of catalog or vendors.

A file is removed only when it is older than `MEDIA_ORPHAN_GRACE_HOURS` (an upload in flight is
never touched), its path names an owner, and no row of that owner references it; the rows are
read after the files are listed, so a reference committed meanwhile still counts. Names under a
prefix that do not name an owner are kept and counted. Running it twice, or twice at once, is
harmless: deleting a file already gone is not an error.
"""

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from .media_files import delete_files, stored_files

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MediaOwner:
    """Uploads stored under `prefix`; `pattern`'s first group is the owner's id, and
    `referenced(ids)` yields every stored name the rows of those owners hold."""

    prefix: str
    pattern: re.Pattern
    referenced: Callable[[set[int]], Iterable[str]]


_OWNERS: dict[str, MediaOwner] = {}


def media_owner_register(
    prefix: str, pattern: str, referenced: Callable[[set[int]], Iterable[str]]
) -> None:
    _OWNERS[prefix] = MediaOwner(prefix, re.compile(pattern), referenced)


def media_owners() -> list[MediaOwner]:
    return list(_OWNERS.values())


def json_strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value (rendition paths sit at varying depths)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from json_strings(item)


@dataclass
class SweepReport:
    dry_run: bool = False
    scanned: int = 0
    young: int = 0
    referenced: int = 0
    unrecognised: int = 0
    deleted: int = 0
    by_prefix: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        return (
            f"{verb} {self.deleted} orphaned files of {self.scanned} scanned "
            f"({self.referenced} referenced, {self.young} too recent, "
            f"{self.unrecognised} with no owner in their name)"
        )


def media_sweep_orphans(
    *,
    older_than: timedelta | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    batch_size: int = 500,
    page_size: int = 1000,
    storage=None,
) -> SweepReport:
    storage = storage or default_storage
    now = now or timezone.now()
    if older_than is None:
        older_than = timedelta(hours=settings.MEDIA_ORPHAN_GRACE_HOURS)
    cutoff = now - older_than
    report = SweepReport(dry_run=dry_run)
    for owner in media_owners():
        before = report.deleted
        batch: list[tuple[str, int]] = []
        for name, modified in stored_files(storage, owner.prefix, page_size=page_size):
            report.scanned += 1
            if modified > cutoff:
                report.young += 1
                continue
            match = owner.pattern.match(name)
            if match is None:
                report.unrecognised += 1
                continue
            batch.append((name, int(match.group(1))))
            if len(batch) >= batch_size:
                _sweep_batch(storage, owner, batch, report)
                batch = []
        if batch:
            _sweep_batch(storage, owner, batch, report)
        report.by_prefix[owner.prefix] = report.deleted - before
    logger.info("Media sweep: %s", report)
    return report


def _sweep_batch(storage, owner: MediaOwner, batch, report: SweepReport) -> None:
    referenced = set(owner.referenced({owner_id for _name, owner_id in batch}))
    orphans = [name for name, _owner_id in batch if name not in referenced]
    report.referenced += len(batch) - len(orphans)
    report.deleted += len(orphans)
    if orphans and not report.dry_run:
        delete_files(storage, orphans)
