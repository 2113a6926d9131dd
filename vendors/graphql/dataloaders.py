"""Per-request loaders for vendor relations (see marketplace.graphql.dataloaders): a page of
vendors costs one query per relation, whatever its size."""

from marketplace.graphql.dataloaders import DataLoader
from vendors import selectors
from vendors.models import Vendor


def _user(context):
    return getattr(context, "user", None)


class PrivateAccessLoader(DataLoader):
    """Vendor id -> whether the requesting user may read the vendor's private fields."""

    context_key = "vendors.private_access"

    def batch_load(self, keys):
        allowed = selectors.vendor_ids_with_private_access(
            user=_user(self.context), vendor_ids=keys
        )
        return [key in allowed for key in keys]


class MembersByVendorLoader(DataLoader):
    context_key = "vendors.members_by_vendor"

    def batch_load(self, keys):
        members = selectors.vendor_members_by_vendor(user=_user(self.context), vendor_ids=keys)
        return [members.get(key, []) for key in keys]


class DeliveryZonesByVendorLoader(DataLoader):
    context_key = "vendors.delivery_zones_by_vendor"

    def batch_load(self, keys):
        zones = selectors.delivery_zones_by_vendor(vendor_ids=keys)
        return [zones[key] for key in keys]


class EnrollmentForVendorLoader(DataLoader):
    context_key = "vendors.enrollment_for_vendor"

    def batch_load(self, keys):
        enrollments = selectors.enrollments_for_vendors(enrollment_ids=keys)
        return [enrollments.get(key) for key in keys]


class VendorByEnrollmentLoader(DataLoader):
    context_key = "vendors.vendor_by_enrollment"

    def batch_load(self, keys):
        vendors = selectors.vendors_by_enrollment(user=_user(self.context), enrollment_ids=keys)
        return [vendors.get(key) for key in keys]


def prefetched(instance, name: str):
    """The related objects a selector already prefetched, or None."""
    return getattr(instance, "_prefetched_objects_cache", {}).get(name)


def can_read_private(info, vendor: Vendor) -> bool:
    return PrivateAccessLoader(info.context).load_for(vendor, key=lambda v: v.pk)


def enrollment_of(info, vendor: Vendor):
    # Most selectors join the enrolment in; the others (memberships, mutation results) batch.
    if Vendor.enrollment.is_cached(vendor):
        return vendor.enrollment
    return EnrollmentForVendorLoader(info.context).load_for(vendor, key=lambda v: v.enrollment_id)


def delivery_zones_of(info, vendor: Vendor) -> list:
    zones = prefetched(vendor, "delivery_zones")
    if zones is not None:
        return list(zones)
    return DeliveryZonesByVendorLoader(info.context).load_for(vendor, key=lambda v: v.pk)


def members_of(info, vendor: Vendor) -> list | None:
    if not can_read_private(info, vendor):
        return None
    members = prefetched(vendor, "memberships")
    if members is not None:
        return list(members)
    return MembersByVendorLoader(info.context).load_for(vendor, key=lambda v: v.pk)
