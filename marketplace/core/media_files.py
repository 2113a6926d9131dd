"""Stored media as the sweeper sees it: every file under a prefix with its modification time,
read page by page, and deletion in bulk. Local disk and S3 (django-storages) are listed natively,
so neither a large bucket nor a large directory is ever held in memory at once; any other
storage falls back to Django's `listdir`."""

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.storage import FileSystemStorage, Storage

S3_PAGE_SIZE = 1000  # the most one ListObjectsV2 or DeleteObjects call takes


def _is_s3(storage: Storage) -> bool:
    return hasattr(storage, "bucket") and hasattr(storage, "bucket_name")


def _s3_key(storage: Storage, name: str) -> str:
    location = (getattr(storage, "location", "") or "").strip("/")
    return f"{location}/{name}" if location else name


def stored_files(
    storage: Storage, prefix: str, *, page_size: int = S3_PAGE_SIZE
) -> Iterator[tuple[str, datetime]]:
    """(name, modified) for each file whose name starts with `prefix`, names as the storage
    uses them (what `storage.save` returned)."""
    if _is_s3(storage):
        yield from _s3_files(storage, prefix, page_size)
    elif isinstance(storage, FileSystemStorage):
        yield from _disk_files(storage, prefix)
    else:
        yield from _listed_files(storage, prefix.rstrip("/"))


def _s3_files(storage, prefix: str, page_size: int) -> Iterator[tuple[str, datetime]]:
    location = _s3_key(storage, "")
    # boto3's collection asks for the next page only when the previous one is used up.
    for obj in storage.bucket.objects.filter(Prefix=_s3_key(storage, prefix)).page_size(page_size):
        yield obj.key[len(location) :], obj.last_modified


def _disk_files(storage: FileSystemStorage, prefix: str) -> Iterator[tuple[str, datetime]]:
    root = Path(storage.location)
    top = root / prefix
    if not top.is_dir():
        return
    for directory, _dirs, files in os.walk(top):
        for filename in files:
            path = Path(directory) / filename
            try:
                modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            except FileNotFoundError:  # removed meanwhile
                continue
            yield path.relative_to(root).as_posix(), modified


def _listed_files(storage: Storage, path: str) -> Iterator[tuple[str, datetime]]:
    directories, files = storage.listdir(path)
    for filename in files:
        name = f"{path}/{filename}"
        yield name, storage.get_modified_time(name)
    for directory in directories:
        yield from _listed_files(storage, f"{path}/{directory}")


def delete_files(storage: Storage, names: Iterable[str]) -> None:
    """Delete `names`; a name already gone is not an error (a second run deletes nothing)."""
    names = list(names)
    if _is_s3(storage):
        for start in range(0, len(names), S3_PAGE_SIZE):
            chunk = names[start : start + S3_PAGE_SIZE]
            storage.bucket.delete_objects(
                Delete={"Objects": [{"Key": _s3_key(storage, n)} for n in chunk], "Quiet": True}
            )
        return
    for name in names:
        storage.delete(name)
