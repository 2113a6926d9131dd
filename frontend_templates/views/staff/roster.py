"""The programme roster: the list of enrolled businesses, one enrolment with its history and
status, and the CSV template for imports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from marketplace.accounts.phones import phone_display
from marketplace.core.selectors import municipality_list
from vendors.identifiers import nit_format
from vendors.models import Enrollment, Vendor
from vendors.selectors import (
    EnrollmentFilters,
    ciiu_section_list,
    enrollment_cohorts,
    enrollment_get_for_staff,
    enrollment_list,
)
from vendors.services.roster import enrollment_change_status
from vendors.services.roster_import import template_csv

from ...forms import add_service_errors
from ...forms.staff import EnrollmentFilterForm, EnrollmentStatusForm
from .access import MANAGE_ROSTER, MANAGE_VENDORS, VIEW_AUDIT_LOG, staff_view
from .history import history_for

PAGE_SIZE = 50


@staff_view(MANAGE_ROSTER)
@require_safe
def roster(request):
    user = request.user
    form = EnrollmentFilterForm(
        request.GET,
        municipalities=municipality_list(),
        sections=ciiu_section_list(),
        cohorts=enrollment_cohorts(user=user),
    )
    filters = EnrollmentFilters(
        municipality=form.value("municipality"),
        sector=form.value("sector"),
        status=form.value("status"),
        cohort=form.value("cohort"),
        search=form.value("q"),
    )
    # The vendor column comes in the same query (reverse one-to-one), so a page of 50 costs
    # what a page of 3 does.
    enrollments = enrollment_list(user=user, filters=filters).select_related("vendor")
    page = Paginator(enrollments, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for enrollment in page:
        enrollment.nit_display = nit_format(enrollment.nit)
    return render(
        request,
        "staff/roster_list.html",
        {"form": form, "page": page, "can_manage_vendors": user.has_perm(MANAGE_VENDORS)},
    )


def _get_enrollment(request, enrollment_id: int) -> Enrollment:
    enrollment = enrollment_get_for_staff(user=request.user, enrollment_id=enrollment_id)
    if enrollment is None:
        raise Http404
    return enrollment


def _vendor_of(enrollment: Enrollment) -> Vendor | None:
    # The reverse one-to-one raises when there is no vendor; None reads better in templates.
    return getattr(enrollment, "vendor", None)


def _render_detail(request, enrollment, form, *, confirm_withdrawal=False):
    vendor = _vendor_of(enrollment)
    user = request.user
    return render(
        request,
        "staff/enrollment_detail.html",
        {
            "enrollment": enrollment,
            "nit": nit_format(enrollment.nit),
            "phone": phone_display(enrollment.contact_phone),
            "vendor": vendor,
            "vendor_is_active": vendor is not None and vendor.status == Vendor.Status.ACTIVE,
            "form": form,
            "confirm_withdrawal": confirm_withdrawal,
            "can_manage_vendors": user.has_perm(MANAGE_VENDORS),
            "history": history_for(enrollment=enrollment, vendor=vendor)
            if user.has_perm(VIEW_AUDIT_LOG)
            else None,
        },
    )


@staff_view(MANAGE_ROSTER)
@require_safe
def enrollment_detail(request, enrollment_id: int):
    enrollment = _get_enrollment(request, enrollment_id)
    form = EnrollmentStatusForm(initial={"status": enrollment.status})
    return _render_detail(request, enrollment, form)


@staff_view(MANAGE_ROSTER)
@require_POST
def enrollment_status(request, enrollment_id: int):
    enrollment = _get_enrollment(request, enrollment_id)
    form = EnrollmentStatusForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, enrollment, form)
    status = form.cleaned_data["status"]
    withdrawing = status == Enrollment.Status.WITHDRAWN and enrollment.status != status
    if withdrawing and not form.cleaned_data["confirmed"]:
        # No JavaScript on the site: the confirmation is a second form that says what happens.
        confirm = EnrollmentStatusForm(initial={"status": status, "confirmed": True})
        return _render_detail(request, enrollment, confirm, confirm_withdrawal=True)
    try:
        enrollment = enrollment_change_status(
            enrollment=enrollment, status=status, changed_by=request.user
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _render_detail(request, enrollment, form)
    messages.success(
        request,
        _("El estado de la inscripción ahora es «%(status)s».")
        % {"status": enrollment.get_status_display()},
    )
    return redirect("staff:enrollment_detail", enrollment_id=enrollment.pk)


@staff_view(MANAGE_ROSTER)
@require_safe
def roster_template(request):
    # A byte-order mark first: without it Excel reads the file as ANSI and mangles the accents.
    response = HttpResponse("\ufeff" + template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-registro.csv"'
    return response
