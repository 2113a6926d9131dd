import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory
from tests.pages.support import compile_catalogues


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    """Uploaded CSV files wait for confirmation under VAR_DIR; keep them out of var/."""
    settings.VAR_DIR = tmp_path


@pytest.fixture
def owner_client(client, vendor_owner):
    client.force_login(vendor_owner)
    return client


@pytest.fixture
def draft(vendor):
    """A draft of `vendor` with one variant in stock."""
    product = ProductFactory(
        vendor=vendor, name="Arepa de chócolo", status="draft", published_at=None
    )
    VariantFactory(product=product, sku="ARE-001", price=12_000, stock_quantity=10)
    return product


@pytest.fixture
def other_vendor(db):
    """Vendor B, owned by someone else than `vendor_owner`."""
    return VendorMembershipFactory().vendor


@pytest.fixture
def foreign(other_vendor):
    """Vendor B's product with a variant."""
    product = ProductFactory(vendor=other_vendor, name="Bolso de fique", status="draft")
    VariantFactory(product=product, sku="BOL-001", price=90_000, stock_quantity=4)
    return product


def _image_bytes(fmt: str, size=(640, 480), colour=(11, 93, 75)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def png():
    """A real PNG upload made with Pillow (the service decodes and re-encodes it)."""

    def make(name="foto.png", size=(640, 480), colour=(11, 93, 75)):
        return SimpleUploadedFile(name, _image_bytes("PNG", size, colour), "image/png")

    return make
