"""Roster import from CSV or XLSX: preview every row first, then apply.

The preview writes nothing and classifies each row as new / updated / unchanged / error with
its reasons. Applying re-validates the same rows and upserts the good ones by NIT; bad rows are
never written, and importing the same file twice changes nothing the second time.
"""

import contextlib
import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.models import Municipality
from marketplace.core.permissions import require_perm

from ..error_codes import VendorErrorCode
from ..identifiers import nit_normalize
from ..models import CiiuSection, Enrollment, Program
from .roster import ENROLLMENT_FIELDS, enrollment_clean, enrollment_diff, enrollment_upsert

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 40  # the template has 16 columns; extra ones are ignored
MAX_SCANNED_ROWS = 2 * MAX_ROWS  # data rows plus a generous allowance of blank ones
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Column headers of the downloadable template (Spanish, as staff keep their spreadsheets).
HEADERS = {
    "nit": "nit",
    "legal_name": "razon_social",
    "trade_name": "nombre_comercial",
    "person_type": "tipo_persona",
    "municipality": "municipio",
    "ciiu_section": "seccion_ciiu",
    "ciiu_class": "clase_ciiu",
    "annual_income": "ingresos_anuales",
    "size": "tamano",
    "contact_name": "contacto_nombre",
    "contact_email": "contacto_correo",
    "contact_phone": "contacto_telefono",
    "cohort": "cohorte",
    "diagnosis_score": "diagnostico_puntaje",
    "diagnosis_date": "diagnostico_fecha",
    "status": "estado",
}
FIELD_BY_HEADER = {v: k for k, v in HEADERS.items()} | {k: k for k in HEADERS}
EXAMPLE_ROW = [
    "900.373.923-8",
    "Arepas Doña Luz S.A.S.",
    "Arepas Doña Luz",
    "juridica",
    "Itagüí",
    "I",
    "5611",
    "350000000",
    "",
    "Luz Marina Correa",
    "gerencia@arepasdonaluz.com",
    "300 123 4567",
    "2026-1",
    "62",
    "2026-03-15",
    "activa",
]


@dataclass
class PreviewRow:
    number: int  # spreadsheet row number (header is row 1)
    status: str  # new | updated | unchanged | error
    nit: str = ""
    name: str = ""
    errors: list[str] = field(default_factory=list)
    changed_fields: tuple[str, ...] = ()
    data: dict | None = None


@dataclass
class ImportPreview:
    rows: list[PreviewRow]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("new", "updated", "unchanged", "error")}


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([HEADERS[f] for f in ENROLLMENT_FIELDS])
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue()


def _file_error(message: str) -> ValidationError:
    return ValidationError(
        {"file": ValidationError(message, code=VendorErrorCode.IMPORT_FILE_INVALID)}
    )


def _too_many_rows() -> ValidationError:
    return _file_error(_("El archivo tiene más de %(n)d filas.") % {"n": MAX_ROWS})


def _bounded(rows) -> list[list]:
    """Read rows one at a time, cut to MAX_COLUMNS, and stop as soon as the file has more data
    rows than allowed (or a run of blank rows longer than any real file has): a small file
    must not make the server read a million rows before saying no."""
    matrix: list[list] = []
    data_rows = 0
    for scanned, row in enumerate(rows):
        if scanned > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        values = list(row[:MAX_COLUMNS])
        if scanned and any(str(c or "").strip() for c in values):
            data_rows += 1
            if data_rows > MAX_ROWS:
                raise _too_many_rows()
        matrix.append(values)
    return matrix


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise _file_error(_("No pudimos leer el archivo de Excel (.xlsx).")) from None
    if unpacked > MAX_UNPACKED_BYTES:  # a zip bomb: tiny file, huge XML inside
        raise _file_error(_("El archivo de Excel es demasiado grande una vez descomprimido."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            # max_col: a single cell far to the right would otherwise pad every row to it.
            return _bounded(workbook.active.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception:  # openpyxl raises many types for a damaged workbook
        raise _file_error(_("No pudimos leer el archivo de Excel (.xlsx).")) from None


def _read_rows(content: bytes, filename: str) -> list[dict]:
    if len(content) > MAX_BYTES:
        raise _file_error(_("El archivo pesa más de 5 MB."))
    if filename.lower().endswith(".xlsx"):
        matrix = _xlsx_rows(content)
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
        dialect = csv.excel
        with contextlib.suppress(csv.Error):
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        matrix = _bounded(csv.reader(io.StringIO(text), dialect))
    else:
        raise _file_error(_("Sube un archivo .csv o .xlsx."))
    if not matrix:
        raise _file_error(_("El archivo está vacío."))
    header = [FIELD_BY_HEADER.get(str(h or "").strip().lower()) for h in matrix[0]]
    missing = [
        HEADERS[f] for f in ("nit", "legal_name", "municipality", "ciiu_section") if f not in header
    ]
    if missing:
        raise _file_error(
            _("Faltan columnas: %(cols)s. Usa la plantilla.") % {"cols": ", ".join(missing)}
        )
    rows = []
    for values in matrix[1:]:
        rows.append({name: value for name, value in zip(header, values, strict=False) if name})
    return rows


def _message(field_name: str, error: ValidationError) -> str:
    return f"{HEADERS.get(field_name, field_name)}: {' '.join(error.messages)}"


def _existing_for(nit, existing: dict) -> Enrollment | None:
    try:
        return existing.get(nit_normalize(nit))
    except ValidationError:
        return None


def _as_raw(enrollment: Enrollment) -> dict:
    """The enrolment in the shape of an import row, for the columns a file leaves out."""
    values = {f: getattr(enrollment, f) for f in ENROLLMENT_FIELDS}
    values["municipality"] = enrollment.municipality.name
    values["ciiu_section"] = enrollment.ciiu_section.code
    return {k: "" if v is None else v for k, v in values.items()}


def roster_preview(*, program: Program, content: bytes, filename: str, user) -> ImportPreview:
    require_perm(user, "accounts.manage_roster")
    raw_rows = _read_rows(content, filename)
    municipalities = {m.name.lower(): m for m in Municipality.objects.all()}
    sections = {s.code: s for s in CiiuSection.objects.all()}
    existing = {
        e.nit: e
        for e in Enrollment.objects.filter(program=program).select_related(
            "municipality", "ciiu_section"
        )
    }
    preview, seen = [], {}
    for index, raw in enumerate(raw_rows, start=2):
        if not any(str(v or "").strip() for v in raw.values()):
            continue
        row = PreviewRow(
            number=index,
            status="error",
            nit=str(raw.get("nit") or ""),
            name=str(raw.get("legal_name") or ""),
        )
        current = _existing_for(raw.get("nit"), existing)
        if current is not None:
            # A column missing from the file keeps the roster's value: a partial spreadsheet
            # must never erase data.
            raw = {**_as_raw(current), **raw}
        try:
            data = enrollment_clean(raw, municipalities=municipalities, sections=sections)
        except ValidationError as exc:
            row.errors = [_message(f, e) for f, errs in exc.error_dict.items() for e in errs]
            preview.append(row)
            continue
        if data["nit"] in seen:
            row.errors = [
                _("NIT repetido: ya aparece en la fila %(n)d.") % {"n": seen[data["nit"]]}
            ]
            preview.append(row)
            continue
        seen[data["nit"]] = index
        row.status, row.changed_fields = enrollment_diff(existing.get(data["nit"]), data)
        row.data = data
        preview.append(row)
    return ImportPreview(rows=preview)


@transaction.atomic
def roster_import_apply(*, program: Program, content: bytes, filename: str, user) -> ImportPreview:
    """Validate again (the roster may have changed since the preview) and write good rows."""
    preview = roster_preview(program=program, content=content, filename=filename, user=user)
    for row in preview.rows:
        if row.status in ("new", "updated"):
            result = enrollment_upsert(program=program, data=row.data, actor=user)
            row.status, row.changed_fields = result.change, result.changed_fields
    audit_record(
        actor=user,
        action="roster.imported",
        target=program,
        data={"filename": filename[:200], **preview.counts},
    )
    return preview
