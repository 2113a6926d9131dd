"""The orphaned-upload sweeper on real files: a temporary MEDIA_ROOT, and a bucket on moto's
S3 server over loopback HTTP."""

import io
import os
import time
import uuid
from datetime import timedelta

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from catalog.models import ProductImage, ProductRevision
from catalog.services.images import product_image_add
from marketplace.core.images import image_store_renditions
from marketplace.core.jobs import run_job
from marketplace.core.media_sweep import media_sweep_orphans
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(hours=24)


def _jpeg(width=700, height=500):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 90, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue())


def _paths(stored: dict) -> set[str]:
    return {e[fmt] for e in stored["renditions"].values() for fmt in ("webp", "jpeg")}


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor, status="draft")


@pytest.fixture
def stored(product, vendor, vendor_owner):
    """A product photo and a vendor logo stored as the app stores them: their rows reference
    every rendition (the product's thumbnail copies the first photo's paths)."""
    image = product_image_add(product=product, added_by=vendor_owner, upload=_jpeg(), alt="x")
    vendor.logo = image_store_renditions(
        _jpeg(400, 400), prefix=f"vendors/{vendor.pk}/logo", widths=(200,), crop_square=True
    ).as_json()
    vendor.save(update_fields=["logo"])
    return _paths(image.image) | _paths(vendor.logo)


def _orphan(name: str, *, age: timedelta | None = None) -> str:
    saved = default_storage.save(name, ContentFile(b"left behind"))
    if age is not None:
        then = time.time() - age.total_seconds()
        os.utime(default_storage.path(saved), (then, then))
    return saved


def _age_all(names, age=2 * DAY):
    then = time.time() - age.total_seconds()
    for name in names:
        os.utime(default_storage.path(name), (then, then))


def test_old_orphans_go_referenced_young_and_unowned_files_stay(product, vendor, stored):
    _age_all(stored)
    old = {
        _orphan(f"products/{product.pk}/dead-320.webp", age=2 * DAY),
        _orphan(f"vendors/{vendor.pk}/banner/dead-1200.jpg", age=2 * DAY),
        _orphan(f"products/{product.pk + 1000}/gone-320.jpg", age=2 * DAY),  # owner deleted
    }
    young = _orphan(f"products/{product.pk}/in-flight-320.webp")
    unowned = _orphan("products/notes.txt", age=2 * DAY)

    report = media_sweep_orphans()

    assert report.deleted == 3
    assert report.referenced == len(stored)
    assert (report.young, report.unrecognised) == (1, 1)
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in stored | {young, unowned})
    # Idempotent: nothing left to delete.
    assert media_sweep_orphans().deleted == 0


def test_staged_photo_of_a_pending_revision_is_referenced(product, vendor_owner):
    image = product_image_add(product=product, added_by=vendor_owner, upload=_jpeg(), alt="x")
    revision = ProductRevision.objects.create(product=product, created_by=vendor_owner)
    ProductImage.with_staged.filter(pk=image.pk).update(revision=revision)
    assert not product.images.exists()
    _age_all(_paths(image.image))

    assert media_sweep_orphans().deleted == 0
    assert all(default_storage.exists(name) for name in _paths(image.image))


def test_dry_run_deletes_nothing(product, stored):
    _age_all(stored)
    orphan = _orphan(f"products/{product.pk}/dead-320.webp", age=2 * DAY)

    report = media_sweep_orphans(dry_run=True)

    assert report.deleted == 1
    assert default_storage.exists(orphan)
    assert "would delete 1" in str(report)


def test_command_reports_counts_and_honours_grace(product, stored, capsys):
    _age_all(stored, age=timedelta(hours=3))
    orphan = _orphan(f"products/{product.pk}/dead-320.webp", age=timedelta(hours=3))

    call_command("media_sweep_orphans", "--dry-run", "--older-than", "2")
    assert "Would delete 1 orphaned files" in capsys.readouterr().out
    call_command("media_sweep_orphans")  # default grace (24 h): a 3 h old file stays
    assert default_storage.exists(orphan)
    call_command("media_sweep_orphans", "--older-than", "2")
    assert "Deleted 1 orphaned files" in capsys.readouterr().out
    assert not default_storage.exists(orphan)


def test_runs_as_a_scheduled_job(product):
    assert settings.CELERY_BEAT_SCHEDULE["media_sweep_orphans"]["args"] == ["media_sweep_orphans"]
    orphan = _orphan(f"products/{product.pk}/dead-320.webp", age=2 * DAY)

    assert run_job("media_sweep_orphans").startswith("deleted 1 ")
    assert not default_storage.exists(orphan)


def test_s3_bucket_is_listed_page_by_page(product, vendor_owner, settings, s3_server):
    credentials = {"aws_access_key_id": "tienda", "aws_secret_access_key": "tienda-secreta"}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **credentials)
    # A bucket of its own: the S3 server is shared by the session, and other tests store photos
    # under the same product ids.
    bucket = f"tienda-media-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": credentials["aws_access_key_id"],
                "secret_key": credentials["aws_secret_access_key"],
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    image = product_image_add(product=product, added_by=vendor_owner, upload=_jpeg(), alt="x")
    referenced = _paths(image.image)
    old = {f"products/{product.pk}/dead-{n}.webp" for n in range(5)}
    for key in old:
        client.put_object(Bucket=bucket, Key=key, Body=b"left behind")
    time.sleep(1.1)  # S3 keeps modification times to the second
    young = f"products/{product.pk}/in-flight-320.webp"
    client.put_object(Bucket=bucket, Key=young, Body=b"uploading")
    listed = client.list_objects_v2(Bucket=bucket)["Contents"]
    times = {obj["Key"]: obj["LastModified"] for obj in listed}
    # "Now" is the young file's time; the grace is shorter than the gap before it.
    now, grace = times[young], (times[young] - max(times[k] for k in old)) / 2

    dry = media_sweep_orphans(older_than=grace, now=now, dry_run=True, page_size=2, batch_size=2)
    assert (dry.deleted, dry.young) == (5, 1)
    assert len(client.list_objects_v2(Bucket=bucket)["Contents"]) == len(listed)

    report = media_sweep_orphans(older_than=grace, now=now, page_size=2, batch_size=2)

    keys = {obj["Key"] for obj in client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert (report.deleted, report.referenced, report.young) == (5, len(referenced), 1)
    assert keys == referenced | {young}
    again = media_sweep_orphans(older_than=grace, now=now, page_size=2)
    assert again.deleted == 0
