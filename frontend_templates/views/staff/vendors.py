"""Vendor applications (approve / reject) and vendors (suspend / reactivate)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from vendors.identifiers import nit_format
from vendors.models import Vendor, VendorMembership
from vendors.selectors import vendor_applications_queue, vendor_get_for_staff, vendor_list_for_staff
from vendors.services.lifecycle import (
    vendor_approve,
    vendor_reactivate,
    vendor_reject,
    vendor_suspend,
)

from ...forms import add_service_errors
from ...forms.staff import ReasonForm, VendorFilterForm
from .access import MANAGE_ROSTER, MANAGE_VENDORS, VIEW_AUDIT_LOG, staff_view
from .history import history_for

PAGE_SIZE = 50
REJECT_HELP = gettext_lazy(
    "Se lo enviaremos por correo a quien hizo la solicitud. Sé claro y amable."
)


def _reject_form(vendor, data=None) -> ReasonForm:
    # One form per application on the page: ids must stay unique, the field name the same.
    return ReasonForm(data, auto_id=f"rechazo-{vendor.pk}-%s", help_text=REJECT_HELP)


def _owner(vendor):
    """The person who claimed the business (from the prefetched memberships)."""
    owners = [m.user for m in vendor.memberships.all() if m.role == VendorMembership.Role.OWNER]
    return owners[0] if owners else None


def _get_vendor(request, vendor_id: int) -> Vendor:
    # Staff who manage vendors see every vendor: a 404 here tells them nothing they could not
    # see in the list. Anyone else was refused before the id was looked at.
    vendor = vendor_get_for_staff(user=request.user, vendor_id=vendor_id)
    if vendor is None:
        raise Http404
    return vendor


def _render_queue(request, *, failed: Vendor | None = None, failed_form=None):
    page = Paginator(vendor_applications_queue(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    now = timezone.now()
    applications = [
        {
            "vendor": vendor,
            "nit": nit_format(vendor.enrollment.nit),
            "owner": _owner(vendor),
            "waiting_days": (now - vendor.created_at).days,
            "form": failed_form
            if failed is not None and failed.pk == vendor.pk
            else _reject_form(vendor),
        }
        for vendor in page
    ]
    return render(
        request,
        "staff/applications.html",
        {"page": page, "applications": applications},
    )


@staff_view(MANAGE_VENDORS)
@require_safe
def applications(request):
    return _render_queue(request)


@staff_view(MANAGE_VENDORS)
@require_POST
def application_approve(request, vendor_id: int):
    vendor = _get_vendor(request, vendor_id)
    try:
        vendor_approve(vendor=vendor, approved_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Aprobaste a «%(name)s». Ya puede publicar y vender en la tienda.")
            % {"name": vendor.display_name},
        )
    return redirect("staff:applications")


@staff_view(MANAGE_VENDORS)
@require_POST
def application_reject(request, vendor_id: int):
    vendor = _get_vendor(request, vendor_id)
    form = _reject_form(vendor, request.POST)
    if form.is_valid():
        try:
            vendor_reject(
                vendor=vendor, rejected_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if "reason" not in getattr(exc, "error_dict", {}):
                # Already decided by someone else: nothing to fix on this form.
                messages.error(request, " ".join(exc.messages))
                return redirect("staff:applications")
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Rechazaste la solicitud de «%(name)s». Le enviamos el motivo por correo.")
                % {"name": vendor.display_name},
            )
            return redirect("staff:applications")
    return _render_queue(request, failed=vendor, failed_form=form)


@staff_view(MANAGE_VENDORS)
@require_safe
def vendor_list(request):
    form = VendorFilterForm(request.GET)
    vendors = vendor_list_for_staff(user=request.user, status=form.value())
    page = Paginator(vendors, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for vendor in page:
        vendor.nit_display = nit_format(vendor.enrollment.nit)
    return render(request, "staff/vendors.html", {"form": form, "page": page})


def _render_vendor(request, vendor, *, suspend_form=None):
    user = request.user
    can_manage_roster = user.has_perm(MANAGE_ROSTER)
    history = None
    if user.has_perm(VIEW_AUDIT_LOG):
        # The enrolment's events explain a vendor's status (a withdrawal suspends it), but
        # they are roster data: only for those who manage the roster.
        history = history_for(
            vendor=vendor, enrollment=vendor.enrollment if can_manage_roster else None
        )
    return render(
        request,
        "staff/vendor_detail.html",
        {
            "vendor": vendor,
            "nit": nit_format(vendor.enrollment.nit),
            "members": list(vendor.memberships.all()),
            "can_manage_roster": can_manage_roster,
            "suspend_form": suspend_form
            or ReasonForm(
                help_text=_("Se lo enviaremos por correo a las personas propietarias del negocio.")
            ),
            "history": history,
        },
    )


@staff_view(MANAGE_VENDORS)
@require_safe
def vendor_detail(request, vendor_id: int):
    return _render_vendor(request, _get_vendor(request, vendor_id))


@staff_view(MANAGE_VENDORS)
@require_POST
def vendor_suspend_view(request, vendor_id: int):
    vendor = _get_vendor(request, vendor_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            vendor_suspend(
                vendor=vendor, suspended_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if "reason" not in getattr(exc, "error_dict", {}):
                # The status changed meanwhile (the form is no longer on the page): say why.
                messages.error(request, " ".join(exc.messages))
                return redirect("staff:vendor_detail", vendor_id=vendor.pk)
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Suspendiste a «%(name)s». Sus publicaciones ya no se ven en la tienda.")
                % {"name": vendor.display_name},
            )
            return redirect("staff:vendor_detail", vendor_id=vendor.pk)
    return _render_vendor(request, vendor, suspend_form=form)


@staff_view(MANAGE_VENDORS)
@require_POST
def vendor_reactivate_view(request, vendor_id: int):
    vendor = _get_vendor(request, vendor_id)
    try:
        vendor_reactivate(vendor=vendor, reactivated_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Reactivaste a «%(name)s». Sus publicaciones vuelven a la tienda.")
            % {"name": vendor.display_name},
        )
    return redirect("staff:vendor_detail", vendor_id=vendor.pk)
