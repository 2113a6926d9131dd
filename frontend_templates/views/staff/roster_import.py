"""Roster import in two steps: upload -> preview of every row (nothing written) -> confirm,
which applies the very same bytes the preview showed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.accounts.phones import phone_display
from marketplace.core.money import format_cop
from vendors.identifiers import nit_format
from vendors.models import Enrollment
from vendors.selectors import enrollments_by_nit, program_list_active
from vendors.services.roster_import import MAX_BYTES, roster_import_apply, roster_preview

from ...forms import add_service_errors
from ...forms.staff import RosterConfirmForm, RosterUploadForm
from . import import_store
from .access import MANAGE_ROSTER, staff_view

RESULT_KEY = "staff_roster_import_result"
STATUS_LABELS = {
    "new": gettext_lazy("Nueva"),
    "updated": gettext_lazy("Actualizada"),
    "unchanged": gettext_lazy("Sin cambios"),
    "error": gettext_lazy("Con errores"),
}


def _display(name: str, value) -> str:
    """A field's value as the roster pages show it; "" for empty."""
    if value in (None, ""):
        return ""
    field = Enrollment._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if name == "nit":
        return nit_format(value)
    if name == "annual_income":
        return format_cop(value)
    if name == "contact_phone":
        return phone_display(value)
    if name == "diagnosis_date":
        return value.isoformat()
    return str(value)


def _changes(row, existing: Enrollment | None) -> list[dict]:
    """Each changed field with its value before and after, so a column missing from the file
    (which empties that field) is plain to see before anyone confirms."""
    return [
        {
            "label": str(Enrollment._meta.get_field(name).verbose_name),
            "before": _display(name, getattr(existing, name, None)),
            "after": _display(name, row.data[name]),
        }
        for name in row.changed_fields
    ]


def _preview_rows(preview, existing: dict[str, Enrollment]):
    for row in preview.rows:
        data = row.data or {}
        yield {
            "number": row.number,
            "status": row.status,
            "status_label": STATUS_LABELS[row.status],
            # Valid rows show the NIT as it will be stored; bad ones exactly as typed.
            "nit": nit_format(data["nit"]) if data.get("nit") else row.nit,
            "name": data.get("legal_name") or row.name,
            "errors": row.errors,
            "changes": _changes(row, existing.get(data.get("nit"))),
        }


@staff_view(MANAGE_ROSTER)
@require_http_methods(["GET", "POST"])
def roster_import(request):
    programs = program_list_active()
    if request.method == "POST":
        form = RosterUploadForm(request.POST, request.FILES, programs=programs)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            program = form.cleaned_data["program"]
            # One byte past the limit is enough for the service to refuse the file, without
            # holding a huge upload in memory.
            content = upload.read(MAX_BYTES + 1)
            try:
                preview = roster_preview(
                    program=program, content=content, filename=upload.name, user=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                token = import_store.stash(
                    request, content=content, filename=upload.name, program_id=program.pk
                )
                updated = [r.data["nit"] for r in preview.rows if r.status == "updated"]
                existing = enrollments_by_nit(user=request.user, program=program, nits=updated)
                rows = list(_preview_rows(preview, existing))
                return render(
                    request,
                    "staff/roster_import_preview.html",
                    {
                        "program": program,
                        "filename": upload.name,
                        "rows": rows,
                        "emptying": sum(
                            any(c["before"] and not c["after"] for c in row["changes"])
                            for row in rows
                        ),
                        "counts": preview.counts,
                        "total": len(preview.rows),
                        "confirm_form": RosterConfirmForm(initial={"token": token}),
                    },
                )
    else:
        form = RosterUploadForm(programs=programs)
    return render(
        request,
        "staff/roster_import.html",
        {"form": form, "result": request.session.pop(RESULT_KEY, None)},
    )


@staff_view(MANAGE_ROSTER)
@require_POST
def roster_import_confirm(request):
    form = RosterConfirmForm(request.POST)
    stored = import_store.load(request, form.cleaned_data["token"]) if form.is_valid() else None
    program = stored and program_list_active().filter(pk=stored.program_id).first()
    if not program:
        messages.error(
            request,
            _("Esa vista previa ya no está disponible. Sube el archivo otra vez para revisarlo."),
        )
        return redirect("staff:roster_import")
    try:
        result = roster_import_apply(
            program=program, content=stored.content, filename=stored.filename, user=request.user
        )
    except ValidationError as exc:
        # Only the file-level checks can fail here, and they passed at the preview; still, say
        # why instead of losing it.
        import_store.discard(request)
        messages.error(request, " ".join(exc.messages))
        return redirect("staff:roster_import")
    import_store.discard(request)
    request.session[RESULT_KEY] = {"filename": stored.filename, "counts": result.counts}
    messages.success(request, _("Importamos el registro."))
    return redirect("staff:roster_import")


@staff_view(MANAGE_ROSTER)
@require_POST
def roster_import_cancel(request):
    import_store.discard(request)
    messages.info(request, _("Descartamos el archivo. No se guardó ningún cambio."))
    return redirect("staff:roster_import")
