"""Dashboard notices: created for a vendor, counted and listed for its members only, marked
read by a member for the whole team."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.factories import UserFactory, VendorMembershipFactory
from vendors.models import VendorNotification
from vendors.selectors import vendor_notifications_for_member, vendor_notifications_unread_count
from vendors.services.notifications import notifications_mark_read, vendor_notify


def _notify(vendor, title="Rechazamos «Arepa»: Duplicado"):
    return vendor_notify(
        vendor=vendor,
        kind="listing_rejected",
        title=title,
        body="Motivo: Duplicado.",
        url="/vender/panel/productos/1/",
    )


@pytest.fixture
def teammate(vendor):
    return VendorMembershipFactory(vendor=vendor, role="staff").user


@pytest.fixture
def outsider(db):
    return VendorMembershipFactory().user


def test_unknown_kinds_are_refused(vendor):
    with pytest.raises(ValueError):
        vendor_notify(vendor=vendor, kind="gossip", title="x", body="", url="")


def test_long_titles_are_cut_to_fit(vendor):
    notice = _notify(vendor, title="Rechazamos «" + "a" * 400 + "»")
    assert len(notice.title) == 255 and notice.title.endswith("…")


def test_members_list_and_count_their_vendors_notices_newest_first(vendor, vendor_owner):
    first, second = _notify(vendor), _notify(vendor)
    _notify(VendorMembershipFactory().vendor)  # another vendor's
    assert list(vendor_notifications_for_member(user=vendor_owner, vendor=vendor)) == [
        second,
        first,
    ]
    assert vendor_notifications_unread_count(user=vendor_owner, vendor=vendor) == 2


def test_outsiders_cannot_list_and_count_nothing(vendor, outsider, citizen):
    _notify(vendor)
    for user in (outsider, citizen, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            vendor_notifications_for_member(user=user, vendor=vendor)
        assert vendor_notifications_unread_count(user=user, vendor=vendor) == 0


def test_a_member_marks_read_for_the_whole_team(vendor, vendor_owner, teammate):
    _notify(vendor), _notify(vendor)
    assert notifications_mark_read(user=teammate, vendor=vendor) == 2
    assert vendor_notifications_unread_count(user=vendor_owner, vendor=vendor) == 0
    assert notifications_mark_read(user=vendor_owner, vendor=vendor) == 0


def test_marking_some_ids_leaves_the_others_and_ignores_other_vendors_ids(vendor, vendor_owner):
    mine, other_mine = _notify(vendor), _notify(vendor)
    theirs = _notify(VendorMembershipFactory().vendor)
    marked = notifications_mark_read(user=vendor_owner, vendor=vendor, ids=[mine.pk, theirs.pk])
    assert marked == 1
    assert VendorNotification.objects.get(pk=theirs.pk).read_at is None
    assert VendorNotification.objects.get(pk=other_mine.pk).read_at is None


def test_outsiders_and_staff_roles_cannot_mark_read(vendor, outsider, coordinator, moderator):
    notice = _notify(vendor)
    inactive = VendorMembershipFactory(vendor=vendor, user=UserFactory(is_active=False)).user
    for user in (outsider, coordinator, moderator, inactive, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            notifications_mark_read(user=user, vendor=vendor)
    notice.refresh_from_db()
    assert notice.read_at is None
