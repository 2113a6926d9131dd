"""Operators' page: deliveries, emails and webhook calls that wait or failed, with a retry
button each, and the scheduled jobs' last runs (coordinators)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from marketplace.core.operations import KINDS, OPERATE, background_work_retry, operations_overview

from .access import staff_view


@require_safe
@staff_view(OPERATE)
def operations(request):
    overview = operations_overview(user=request.user)
    return render(request, "staff/operations.html", {"overview": overview})


@require_POST
@staff_view(OPERATE)
def operations_retry(request, kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    try:
        background_work_retry(user=request.user, kind=kind, pk=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Listo: se volvió a intentar."))
    return redirect("staff:operations")
