"""Reads of vendor data. Public reads only ever see active vendors; private reads are scoped
to the acting user's memberships or to staff permissions."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from marketplace.core.permissions import require_perm

from .models import Enrollment, Vendor, VendorMembership
from .permissions import require_vendor_member


@dataclass(frozen=True)
class VendorFilters:
    municipality: str = ""  # municipality slug or DANE code
    sector: str = ""  # CIIU section code
    search: str = ""


def vendor_list_public(*, filters: VendorFilters | None = None) -> QuerySet[Vendor]:
    filters = filters or VendorFilters()
    qs = Vendor.objects.filter(status=Vendor.Status.ACTIVE).select_related(
        "enrollment__municipality", "enrollment__ciiu_section"
    )
    if filters.municipality:
        qs = qs.filter(
            Q(enrollment__municipality__slug=filters.municipality)
            | Q(enrollment__municipality__dane_code=filters.municipality)
        )
    if filters.sector:
        qs = qs.filter(enrollment__ciiu_section__code=filters.sector.upper())
    if filters.search:
        term = filters.search.strip()[:100]
        qs = qs.filter(
            Q(display_name__icontains=term)
            | Q(short_description__icontains=term)
            | Q(enrollment__trade_name__icontains=term)
        )
    return qs.order_by("display_name", "pk")


def vendor_get_public(*, slug: str) -> Vendor | None:
    return (
        vendor_list_public()
        .prefetch_related("delivery_zones__municipality")
        .filter(slug=slug)
        .first()
    )


def vendor_get_for_member(*, user, vendor_id: int) -> Vendor:
    """The vendor, if `user` is one of its members; PermissionDenied otherwise (whether or not
    it exists, so ids cannot be probed)."""
    vendor = Vendor.objects.select_related("enrollment__municipality").filter(pk=vendor_id).first()
    if vendor is None:
        raise PermissionDenied
    require_vendor_member(user, vendor)
    return vendor


def memberships_for_user(*, user) -> QuerySet[VendorMembership]:
    if not user.is_authenticated:
        return VendorMembership.objects.none()
    return VendorMembership.objects.filter(user=user).select_related("vendor").order_by("vendor__display_name")


def vendor_applications_queue(*, user) -> QuerySet[Vendor]:
    require_perm(user, "accounts.manage_vendors")
    return (
        Vendor.objects.filter(status=Vendor.Status.PENDING_REVIEW)
        .select_related("enrollment__municipality", "enrollment__ciiu_section")
        .prefetch_related("memberships__user")
        .order_by("created_at", "pk")
    )


def vendor_list_for_staff(*, user, status: str = "") -> QuerySet[Vendor]:
    require_perm(user, "accounts.manage_vendors")
    qs = Vendor.objects.select_related("enrollment__municipality", "enrollment__ciiu_section")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("display_name", "pk")


@dataclass(frozen=True)
class EnrollmentFilters:
    municipality: str = ""
    sector: str = ""
    status: str = ""
    cohort: str = ""
    search: str = ""


def enrollment_list(*, user, filters: EnrollmentFilters | None = None) -> QuerySet[Enrollment]:
    require_perm(user, "accounts.manage_roster")
    filters = filters or EnrollmentFilters()
    qs = Enrollment.objects.select_related("municipality", "ciiu_section", "program")
    if filters.municipality:
        qs = qs.filter(Q(municipality__slug=filters.municipality) | Q(municipality__dane_code=filters.municipality))
    if filters.sector:
        qs = qs.filter(ciiu_section__code=filters.sector.upper())
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.cohort:
        qs = qs.filter(cohort=filters.cohort)
    if filters.search:
        term = filters.search.strip()[:100]
        digits = "".join(ch for ch in term if ch.isdigit())
        q = Q(legal_name__icontains=term) | Q(trade_name__icontains=term)
        if digits:
            q |= Q(nit__startswith=digits)
        qs = qs.filter(q)
    return qs.order_by("legal_name", "pk")
