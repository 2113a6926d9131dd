"""The portfolio as a spreadsheet: export every product and its stock as CSV, and import a CSV
in two steps like the staff roster import: upload -> preview of every row (nothing written) ->
confirm, which applies the very same bytes the preview showed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.services.portfolio_csv import (
    MAX_BYTES,
    portfolio_export_csv,
    portfolio_import_apply,
    portfolio_import_preview,
)
from marketplace.core.money import format_cop

from ...forms import add_service_errors
from ...forms.catalog import ImportConfirmForm, ImportUploadForm
from . import import_files
from .common import vendor_view

RESULT_KEY = "vendors_portfolio_import_result"
STATUS_LABELS = {
    "new": gettext_lazy("Nuevo"),
    "updated": gettext_lazy("Actualizado"),
    "unchanged": gettext_lazy("Sin cambios"),
    "error": gettext_lazy("Con errores"),
}
CHANGE_LABELS = {
    "price": gettext_lazy("Precio"),
    "compare_at_price": gettext_lazy("Precio antes"),
    "stock": gettext_lazy("Existencias"),
    "track_inventory": gettext_lazy("Controlar inventario"),
}


def _display(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if name in ("price", "compare_at_price"):
        return format_cop(value)
    if name == "track_inventory":
        return _("Sí") if value else _("No")
    return str(value)


def _counts(rows) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def _preview_rows(rows):
    for row in rows:
        data = row.data or {}
        yield {
            "number": row.number,
            "sku": row.sku,
            "status": row.status,
            "status_label": STATUS_LABELS[row.status],
            "name": data.get("name", ""),
            "errors": row.errors,
            "new": [
                {"label": CHANGE_LABELS[key], "value": _display(key, data.get(key))}
                for key in ("price", "stock")
            ]
            if row.status == "new"
            else [],
            "changes": [
                {
                    "label": CHANGE_LABELS.get(key, key),
                    "before": _display(key, before),
                    "after": _display(key, after),
                }
                for key, (before, after) in row.changes.items()
            ],
        }


@vendor_view("GET", "HEAD")
def portfolio_export(request, vendor):
    content = portfolio_export_csv(user=request.user, vendor=vendor)
    # A byte-order mark first: without it Excel reads the file as ANSI and mangles the accents.
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="productos-{vendor.slug}.csv"'
    return response


@vendor_view("GET", "POST")
def portfolio_import(request, vendor):
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # One byte past the limit is enough for the service to refuse the file, without
            # holding a huge upload in memory.
            content = upload.read(MAX_BYTES + 1)
            try:
                preview = portfolio_import_preview(
                    user=request.user, vendor=vendor, content=content
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                token = import_files.stash(
                    request, content=content, filename=upload.name, vendor_id=vendor.pk
                )
                counts = _counts(preview)
                return render(
                    request,
                    "vendors/catalog/import_preview.html",
                    {
                        "vendor": vendor,
                        "filename": upload.name,
                        "rows": list(_preview_rows(preview)),
                        "counts": counts,
                        "total": len(preview),
                        "writes": counts["new"] + counts["updated"],
                        "confirm_form": ImportConfirmForm(initial={"token": token}),
                    },
                )
    else:
        form = ImportUploadForm()
    return render(
        request,
        "vendors/catalog/import.html",
        {"vendor": vendor, "form": form, "result": request.session.pop(RESULT_KEY, None)},
    )


@vendor_view("POST")
def portfolio_import_confirm(request, vendor):
    form = ImportConfirmForm(request.POST)
    stored = (
        import_files.load(request, form.cleaned_data["token"], vendor_id=vendor.pk)
        if form.is_valid()
        else None
    )
    if stored is None:
        messages.error(
            request,
            _("Esa vista previa ya no está disponible. Sube el archivo otra vez para revisarlo."),
        )
        return redirect("vendors:products_import")
    try:
        rows = portfolio_import_apply(user=request.user, vendor=vendor, content=stored.content)
    except ValidationError as exc:
        # The file-level checks passed at the preview; still, say why instead of losing it.
        import_files.discard(request)
        messages.error(request, " ".join(exc.messages))
        return redirect("vendors:products_import")
    import_files.discard(request)
    request.session[RESULT_KEY] = {"filename": stored.filename, "counts": _counts(rows)}
    messages.success(request, _("Importamos tus productos."))
    return redirect("vendors:products_import")


@vendor_view("POST")
def portfolio_import_cancel(request, vendor):
    import_files.discard(request)
    messages.info(request, _("Descartamos el archivo. No se guardó ningún cambio."))
    return redirect("vendors:products_import")
