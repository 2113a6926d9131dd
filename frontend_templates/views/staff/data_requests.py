"""Console: account deletion requests (Ley 1581) waiting for the programme, with their age and
legal due date, the button that carries one out and the form that extends its term once. The
services check the permission again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from marketplace.accounts.privacy import (
    HANDLE_PERM,
    deletion_request_carry_out,
    deletion_request_extend,
    deletion_request_get,
    deletion_requests_handled,
    deletion_requests_pending,
)

from .access import staff_view


@require_safe
@staff_view(HANDLE_PERM)
def data_requests(request):
    rows = deletion_requests_pending(actor=request.user)
    return render(
        request,
        "staff/data_requests.html",
        {
            "rows": rows,
            "overdue": sum(1 for row in rows if row.overdue),
            "handled": list(deletion_requests_handled(actor=request.user)),
        },
    )


@require_POST
@staff_view(HANDLE_PERM)
def data_request_carry_out(request, request_id: int):
    try:
        deletion_request_carry_out(
            deletion_request=deletion_request_get(actor=request.user, request_id=request_id),
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Eliminamos los datos personales de la cuenta."))
    return redirect("staff:data_requests")


@require_POST
@staff_view(HANDLE_PERM)
def data_request_extend(request, request_id: int):
    try:
        deletion_request_extend(
            deletion_request=deletion_request_get(actor=request.user, request_id=request_id),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Prorrogamos el plazo 8 días hábiles y le escribimos a la persona el motivo."),
        )
    return redirect("staff:data_requests")
