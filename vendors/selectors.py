"""Reads of vendor data. Public reads only ever see active vendors; private reads are scoped
to the acting user's memberships or to staff permissions."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from marketplace.core.permissions import require_perm

from .models import (
    CiiuSection,
    DeliveryZone,
    Enrollment,
    Program,
    Vendor,
    VendorMembership,
    VendorNotification,
)
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
        # Same refusal as for someone else's vendor, so ids cannot be probed.
        raise PermissionDenied(_("No perteneces a este negocio."))
    require_vendor_member(user, vendor)
    return vendor


def memberships_for_user(*, user) -> QuerySet[VendorMembership]:
    if not user.is_authenticated:
        return VendorMembership.objects.none()
    return (
        VendorMembership.objects.filter(user=user)
        .select_related("vendor")
        .order_by("vendor__display_name")
    )


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
        qs = qs.filter(
            Q(municipality__slug=filters.municipality)
            | Q(municipality__dane_code=filters.municipality)
        )
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


# Batched reads behind the API's dataloaders: one query for a whole page of vendors.


def vendor_ids_with_private_access(*, user, vendor_ids) -> set[int]:
    """Of `vendor_ids`, those whose private data (status, members) `user` may read: staff who
    manage vendors read every vendor, members only their own."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    vendor_ids = set(vendor_ids)
    if user.has_perm("accounts.manage_vendors"):
        return vendor_ids
    return set(
        VendorMembership.objects.filter(user=user, vendor_id__in=vendor_ids).values_list(
            "vendor_id", flat=True
        )
    )


def vendor_members_by_vendor(*, user, vendor_ids) -> dict[int, list[VendorMembership]]:
    """Memberships (with their users) of the vendors among `vendor_ids` that `user` may see."""
    allowed = vendor_ids_with_private_access(user=user, vendor_ids=vendor_ids)
    grouped: dict[int, list[VendorMembership]] = {pk: [] for pk in allowed}
    if not allowed:
        return grouped
    memberships = (
        VendorMembership.objects.filter(vendor_id__in=allowed)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for membership in memberships:
        grouped[membership.vendor_id].append(membership)
    return grouped


def delivery_zones_by_vendor(*, vendor_ids) -> dict[int, list[DeliveryZone]]:
    """Public delivery fees of vendors the caller already obtained through a scoped selector."""
    grouped: dict[int, list[DeliveryZone]] = {pk: [] for pk in vendor_ids}
    zones = DeliveryZone.objects.filter(vendor_id__in=grouped).select_related("municipality")
    for zone in zones.order_by("municipality__name", "pk"):
        grouped[zone.vendor_id].append(zone)
    return grouped


def enrollments_for_vendors(*, enrollment_ids) -> dict[int, Enrollment]:
    """The enrolments behind vendors the caller already obtained through a scoped selector (for
    their public seller information); never a lookup by an id taken from a request."""
    return Enrollment.objects.select_related("municipality", "ciiu_section").in_bulk(
        list(enrollment_ids)
    )


def vendors_by_enrollment(*, user, enrollment_ids) -> dict[int, Vendor]:
    """The vendor account of each enrolment, for staff browsing the roster."""
    require_perm(user, "accounts.manage_roster")
    vendors = Vendor.objects.filter(enrollment_id__in=list(enrollment_ids)).select_related(
        "enrollment__municipality", "enrollment__ciiu_section"
    )
    return {vendor.enrollment_id: vendor for vendor in vendors}


# Staff console reads: counts for its landing page, the choices of its filters, single records.


def enrollment_counts_by_status(*, user) -> dict[str, int]:
    """Every enrolment status with its count, zeros included, in the order of the choices."""
    require_perm(user, "accounts.manage_roster")
    counts = dict.fromkeys(Enrollment.Status.values, 0)
    rows = Enrollment.objects.order_by().values_list("status").annotate(n=Count("pk"))
    counts.update({status: n for status, n in rows if status in counts})
    return counts


def vendor_counts_by_status(*, user) -> dict[str, int]:
    require_perm(user, "accounts.manage_vendors")
    counts = dict.fromkeys(Vendor.Status.values, 0)
    rows = Vendor.objects.order_by().values_list("status").annotate(n=Count("pk"))
    counts.update({status: n for status, n in rows if status in counts})
    return counts


def enrollment_cohorts(*, user) -> list[str]:
    require_perm(user, "accounts.manage_roster")
    cohorts = Enrollment.objects.exclude(cohort="").values_list("cohort", flat=True)
    return list(cohorts.order_by("cohort").distinct())


def enrollment_get_for_staff(*, user, enrollment_id: int) -> Enrollment | None:
    require_perm(user, "accounts.manage_roster")
    return (
        Enrollment.objects.select_related("municipality", "ciiu_section", "program", "vendor")
        .filter(pk=enrollment_id)
        .first()
    )


def vendor_get_for_staff(*, user, vendor_id: int) -> Vendor | None:
    require_perm(user, "accounts.manage_vendors")
    return (
        Vendor.objects.select_related("enrollment__municipality", "enrollment__ciiu_section")
        .prefetch_related("memberships__user")
        .filter(pk=vendor_id)
        .first()
    )


def program_list_active() -> QuerySet[Program]:
    return Program.objects.filter(is_active=True).order_by("name", "pk")


def ciiu_section_list() -> QuerySet[CiiuSection]:
    return CiiuSection.objects.order_by("code")


# Vendor dashboard reads.


def vendor_invitations_pending(*, user, vendor: Vendor) -> QuerySet:
    """Invitations of `vendor` still waiting to be accepted, for its team page; members only."""
    from django.utils import timezone

    from .models import VendorInvitation

    require_vendor_member(user, vendor)
    return VendorInvitation.objects.filter(
        vendor=vendor, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at", "-pk")


def enrollments_by_nit(*, user, program: Program, nits) -> dict[str, Enrollment]:
    """The programme's current enrolments for these NITs, in one query: what an import preview
    compares its rows against."""
    require_perm(user, "accounts.manage_roster")
    enrollments = Enrollment.objects.filter(program=program, nit__in=list(nits)).select_related(
        "municipality", "ciiu_section"
    )
    return {enrollment.nit: enrollment for enrollment in enrollments}


def vendor_notifications_for_member(*, user, vendor: Vendor) -> QuerySet[VendorNotification]:
    """The vendor's dashboard notices, newest first, for its members; paginate the result."""
    require_vendor_member(user, vendor)
    return VendorNotification.objects.filter(vendor=vendor).order_by("-created_at", "-id")


def vendor_notifications_unread_count(*, user, vendor: Vendor | None) -> int:
    """Unread notices of `vendor` as its member `user` sees them; 0 for anyone else. Shown on
    every dashboard page, so membership is part of the one counting query instead of a
    separate check."""
    if vendor is None or user is None or not user.is_authenticated or not user.is_active:
        return 0
    return VendorNotification.objects.filter(
        vendor=vendor, read_at__isnull=True, vendor__memberships__user=user
    ).count()
