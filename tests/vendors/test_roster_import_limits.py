"""A small spreadsheet cannot make the roster import read without end: rows are read one at a
time and reading stops at the row limit, stray far-right cells do not widen every row, and a
workbook that unpacks to far more than its size is refused before it is parsed."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from vendors.models import Program
from vendors.services.roster_import import MAX_ROWS, roster_preview

from .test_roster_import import GOOD, HEADER


@pytest.fixture
def program(db):
    return Program.objects.get(slug="desarrollo-economico-aburra")


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(content: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item, data)
    return out.getvalue()


def file_error(exc: ValidationError) -> tuple[str, str]:
    error = exc.error_dict["file"][0]
    return error.code, error.messages[0]


def test_reading_stops_at_the_row_limit(coordinator, program):
    header = HEADER.split(",")
    good = GOOD[0].split(",")
    rows = [header] + [good] * (MAX_ROWS + 1)
    # A row the reader cannot parse, after the limit: only reached if every row is read first.
    content = rewrite_sheet(
        workbook_bytes(rows),
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="9000"><c r="A9000" t="n"><v>no-es-numero</v></c></row></sheetData>',
        ),
    )
    with pytest.raises(ValidationError) as caught:
        roster_preview(program=program, content=content, filename="r.xlsx", user=coordinator)
    assert file_error(caught.value) == (
        "import_file_invalid",
        f"El archivo tiene más de {MAX_ROWS} filas.",
    )


def test_a_long_run_of_blank_rows_stops_reading(coordinator, program):
    rows = [HEADER.split(",")] + [[]] * (2 * MAX_ROWS + 5) + [GOOD[0].split(",")]
    content = workbook_bytes(rows)
    with pytest.raises(ValidationError) as caught:
        roster_preview(program=program, content=content, filename="r.xlsx", user=coordinator)
    assert file_error(caught.value)[0] == "import_file_invalid"


def test_a_stray_far_right_cell_does_not_widen_the_rows(coordinator, program):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(GOOD[0].split(","))
    sheet.cell(row=2, column=16384, value="x")  # column XFD
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = roster_preview(
        program=program, content=buffer.getvalue(), filename="r.xlsx", user=coordinator
    )
    assert [row.status for row in preview.rows] == ["new"]


def test_a_workbook_that_unpacks_to_too_much_is_refused(coordinator, program):
    padding = b" " * (60 * 1024 * 1024)
    content = rewrite_sheet(
        workbook_bytes([HEADER.split(","), GOOD[0].split(",")]),
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding),
    )
    assert len(content) < 200_000
    with pytest.raises(ValidationError) as caught:
        roster_preview(program=program, content=content, filename="r.xlsx", user=coordinator)
    assert file_error(caught.value) == (
        "import_file_invalid",
        "El archivo de Excel es demasiado grande una vez descomprimido.",
    )
