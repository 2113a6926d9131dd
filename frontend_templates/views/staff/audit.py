"""The audit log: every recorded action, newest first, with filters and a CSV export of
exactly the filtered events."""

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from marketplace.core.selectors import audit_event_list

from ...forms.audit import AuditFilterForm
from .access import VIEW_AUDIT_LOG, staff_view
from .audit_csv import audit_csv_lines
from .audit_display import AuditRowBuilder

PAGE_SIZE = 50


@staff_view(VIEW_AUDIT_LOG)
@require_safe
def audit_log(request):
    form = AuditFilterForm(request.GET)
    context = {"form": form, "page": None, "rows": []}
    # Invalid filters show their errors and no table: a list that ignored a bad date would
    # look like an answer to the question asked.
    if form.is_valid():
        events = audit_event_list(user=request.user, filters=form.filters())
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
        builder = AuditRowBuilder(request.user)
        context.update(page=page, rows=[builder.row(event) for event in page])
    return render(request, "staff/audit_log.html", context)


@staff_view(VIEW_AUDIT_LOG)
@require_safe
def audit_export(request):
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        query = request.GET.urlencode()
        return redirect(reverse("staff:audit_log") + (f"?{query}" if query else ""))
    events = audit_event_list(user=request.user, filters=form.filters())
    response = StreamingHttpResponse(
        audit_csv_lines(events, user=request.user, language=get_language()),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="auditoria-{stamp}.csv"'
    return response
