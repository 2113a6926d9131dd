import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.accounts.roles import Role, has_role
from marketplace.core.models import AuditEvent
from tests.factories import UserFactory, VendorMembershipFactory
from vendors.models import DeliveryZone, VendorMembership
from vendors.selectors import vendor_get_for_member
from vendors.services.members import (
    vendor_invitation_accept,
    vendor_member_invite,
    vendor_member_remove,
)
from vendors.services.profile import ProfileInput, vendor_profile_update


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png(width=800, height=600, exif=False, fmt="PNG"):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 80, 40))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x0112] = 6  # orientation: rotate 90
        data[0x8825] = {2: (6.0, 15.0, 0.0)}  # GPS latitude
        kwargs["exif"] = data
    image.save(buffer, fmt, **kwargs)
    return SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue())


def test_owner_invites_staff_who_accepts_and_can_be_removed(
    vendor, vendor_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vendor_member_invite(vendor=vendor, email="Equipo@Example.com", invited_by=vendor_owner)
    token = re.search(r"/invitacion/([^/\s]+)/", mailoutbox[-1].body).group(1)
    staff = UserFactory(email="equipo@example.com")
    outsider = UserFactory(email="otra@example.com")
    with pytest.raises(ValidationError):
        vendor_invitation_accept(token=token, user=outsider)
    membership = vendor_invitation_accept(token=token, user=staff)
    assert membership.role == "staff"
    assert vendor_get_for_member(user=staff, vendor_id=vendor.pk) == vendor
    with pytest.raises(PermissionDenied):
        vendor_member_invite(vendor=vendor, email="x@example.com", invited_by=staff)
    owner_membership = VendorMembership.objects.get(user=vendor_owner)
    with pytest.raises(ValidationError):
        vendor_member_remove(membership=owner_membership, removed_by=vendor_owner)
    vendor_member_remove(membership=membership, removed_by=vendor_owner)
    assert not has_role(staff, Role.VENDOR_MEMBER)
    with pytest.raises(PermissionDenied):
        vendor_get_for_member(user=staff, vendor_id=vendor.pk)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"vendor.member_invited", "vendor.member_joined", "vendor.member_removed"} <= actions


def test_vendor_a_can_never_read_or_edit_vendor_b(vendor, vendor_owner):
    other = VendorMembershipFactory().vendor
    with pytest.raises(PermissionDenied):
        vendor_get_for_member(user=vendor_owner, vendor_id=other.pk)
    with pytest.raises(PermissionDenied):
        vendor_get_for_member(user=vendor_owner, vendor_id=999_999)
    with pytest.raises(PermissionDenied):
        vendor_profile_update(
            vendor=other, updated_by=vendor_owner, data=ProfileInput(values={"display_name": "Mío"})
        )
    other.refresh_from_db()
    assert other.display_name != "Mío"


def test_profile_update_validates_everything_and_writes_nothing_on_error(vendor, vendor_owner):
    before = vendor.display_name
    bad = ProfileInput(
        values={"display_name": "Nuevo nombre", "whatsapp": "12", "website": "no es url"},
        delivery_fees={"itagui": "5000.5"},
    )
    with pytest.raises(ValidationError) as exc:
        vendor_profile_update(vendor=vendor, updated_by=vendor_owner, data=bad)
    assert set(exc.value.error_dict) == {"whatsapp", "website", "delivery_fees"}
    assert exc.value.error_dict["whatsapp"][0].code == "invalid_phone"
    vendor.refresh_from_db()
    assert vendor.display_name == before
    assert not DeliveryZone.objects.exists()


def test_profile_update_with_logo_renditions_and_delivery_fees(vendor, vendor_owner):
    data = ProfileInput(
        values={
            "display_name": "Arepas Doña Luz",
            "whatsapp": "300 123 4567",
            "offers_delivery": True,
        },
        delivery_fees={"itagui": 5000, "envigado": "8000"},
        logo=_png(1200, 800, exif=True, fmt="JPEG"),
    )
    updated = vendor_profile_update(vendor=vendor, updated_by=vendor_owner, data=data)
    assert updated.whatsapp == "+573001234567"
    assert dict(updated.delivery_zones.values_list("municipality__slug", "fee")) == {
        "itagui": 5000,
        "envigado": 8000,
    }
    renditions = updated.logo["renditions"]
    assert set(renditions) == {"96", "200", "400"}
    with default_storage.open(renditions["400"]["webp"]) as fh:
        stored = Image.open(fh)
        assert stored.format == "WEBP" and stored.size == (400, 400)
        assert not stored.getexif()
    with default_storage.open(renditions["200"]["jpeg"]) as fh:
        assert Image.open(fh).format == "JPEG"


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("x.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "image_format"),
        (SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\nbasura"), "image_format"),
        (SimpleUploadedFile("x.txt", b"hola mundo"), "image_format"),
    ],
)
def test_fake_images_are_refused_and_nothing_changes(vendor, vendor_owner, upload, code):
    with pytest.raises(ValidationError) as exc:
        vendor_profile_update(
            vendor=vendor, updated_by=vendor_owner, data=ProfileInput(logo=upload)
        )
    assert exc.value.error_dict["logo"][0].code == code
    vendor.refresh_from_db()
    assert vendor.logo == {}


def test_images_over_40_megapixels_are_refused_before_decoding(vendor, vendor_owner):
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")  # 48 MP, a few kilobytes on disk
    upload = SimpleUploadedFile("huge.png", buffer.getvalue())
    with pytest.raises(ValidationError) as exc:
        vendor_profile_update(
            vendor=vendor, updated_by=vendor_owner, data=ProfileInput(logo=upload)
        )
    assert exc.value.error_dict["logo"][0].code == "image_too_many_pixels"


def test_files_over_10_mb_are_refused(vendor, vendor_owner):
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as exc:
        vendor_profile_update(
            vendor=vendor, updated_by=vendor_owner, data=ProfileInput(logo=upload)
        )
    assert exc.value.error_dict["logo"][0].code == "image_too_large"


def test_slug_must_be_unique(vendor, vendor_owner):
    other = VendorMembershipFactory().vendor
    with pytest.raises(ValidationError) as exc:
        vendor_profile_update(
            vendor=vendor, updated_by=vendor_owner, data=ProfileInput(values={"slug": other.slug})
        )
    assert exc.value.error_dict["slug"][0].code == "slug_taken"
