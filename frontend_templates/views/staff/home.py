from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from vendors.selectors import enrollment_counts_by_status, vendor_counts_by_status

from .access import (
    MANAGE_ROSTER,
    MANAGE_VENDORS,
    MODERATE_LISTINGS,
    VIEW_AUDIT_LOG,
    VIEW_PROGRAM_REPORTS,
    staff_view,
)

# Next to a count the model's singular labels ("46 Activa") read wrong.
ENROLLMENT_COUNT_LABELS = {
    "enrolled": _("Inscritas"),
    "active": _("Activas"),
    "graduated": _("Graduadas"),
    "withdrawn": _("Retiradas"),
}


@staff_view()
def home(request):
    user = request.user
    context = {
        "can_moderate": user.has_perm(MODERATE_LISTINGS),
        "can_view_audit": user.has_perm(VIEW_AUDIT_LOG),
        "can_view_reports": user.has_perm(VIEW_PROGRAM_REPORTS),
    }
    # Each block only for the people whose work it is; the selectors check the same permission.
    if user.has_perm(MANAGE_ROSTER):
        counts = enrollment_counts_by_status(user=user)
        context["enrollments"] = [
            {"value": status, "label": ENROLLMENT_COUNT_LABELS.get(status, status), "count": n}
            for status, n in counts.items()
        ]
        context["enrollments_total"] = sum(counts.values())
    if user.has_perm(MANAGE_VENDORS):
        context["vendors"] = vendor_counts_by_status(user=user)
    return render(request, "staff/home.html", context)
