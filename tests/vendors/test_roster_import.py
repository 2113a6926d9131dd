import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from openpyxl import Workbook

from marketplace.core.models import AuditEvent
from tests.factories import VendorFactory
from vendors.models import Enrollment, Program
from vendors.services.roster_import import (
    HEADERS,
    roster_import_apply,
    roster_preview,
    template_csv,
)

HEADER = "nit,razon_social,nombre_comercial,tipo_persona,municipio,seccion_ciiu,contacto_nombre,contacto_correo,estado,ingresos_anuales"
GOOD = [
    "900.373.923-8,Arepas Doña Luz S.A.S.,Arepas Doña Luz,juridica,Itagüí,I,Luz Correa,luz@example.com,activa,350000000",
    "800197268-4,Cueros del Sur,Cueros del Sur,jurídica,Envigado,C,Pedro Gil,pedro@example.com,inscrita,",
]
BAD = [
    "900.373.923-7,NIT malo,,juridica,Bello,G,Ana,ana@example.com,activa,",
    "901234567-7,Municipio raro,,natural,Cali,G,Ana,ana@example.com,activa,",
    "830.054.539-0,Correo malo,,natural,Bello,G,Ana,no-es-correo,activa,",
]


@pytest.fixture
def program(db):
    return Program.objects.get(slug="desarrollo-economico-aburra")


def _csv(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_preview_classifies_rows_and_writes_nothing(coordinator, program):
    preview = roster_preview(
        program=program, content=_csv(*GOOD, *BAD), filename="roster.csv", user=coordinator
    )
    assert [(r.number, r.status) for r in preview.rows] == [
        (2, "new"),
        (3, "new"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
    ]
    assert "dígito de verificación" in preview.rows[2].errors[0]
    assert "Cali" in preview.rows[3].errors[0]
    assert "contacto_correo" in preview.rows[4].errors[0]
    assert not Enrollment.objects.exists()
    assert not AuditEvent.objects.exists()


def test_apply_writes_good_rows_only_and_is_idempotent(coordinator, program):
    content = _csv(*GOOD, *BAD)
    result = roster_import_apply(
        program=program, content=content, filename="roster.csv", user=coordinator
    )
    assert result.counts == {"new": 2, "updated": 0, "unchanged": 0, "error": 3}
    arepas = Enrollment.objects.get(nit="9003739238")
    assert (
        arepas.municipality.name == "Itagüí"
        and arepas.size == "micro"
        and arepas.status == "active"
    )
    assert Enrollment.objects.count() == 2
    created = AuditEvent.objects.filter(action="enrollment.created").count()
    assert created == 2

    again = roster_import_apply(
        program=program, content=content, filename="roster.csv", user=coordinator
    )
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2, "error": 3}
    assert AuditEvent.objects.filter(action__startswith="enrollment.").count() == created


def test_changed_row_is_an_audited_update(coordinator, program):
    roster_import_apply(program=program, content=_csv(*GOOD), filename="r.csv", user=coordinator)
    changed = GOOD[1].replace("Envigado", "Sabaneta")
    preview = roster_preview(
        program=program, content=_csv(GOOD[0], changed), filename="r.csv", user=coordinator
    )
    assert [r.status for r in preview.rows] == ["unchanged", "updated"]
    assert preview.rows[1].changed_fields == ("municipality",)
    roster_import_apply(
        program=program, content=_csv(GOOD[0], changed), filename="r.csv", user=coordinator
    )
    event = AuditEvent.objects.get(action="enrollment.updated")
    assert event.actor == coordinator
    assert set(event.data["before"]) == {"municipality"}


def test_withdrawn_in_import_suspends_the_vendor(
    coordinator, program, django_capture_on_commit_callbacks
):
    roster_import_apply(program=program, content=_csv(*GOOD), filename="r.csv", user=coordinator)
    vendor = VendorFactory(enrollment=Enrollment.objects.get(nit="9003739238"), status="active")
    withdrawn = GOOD[0].replace(",activa,", ",retirada,")
    roster_import_apply(
        program=program, content=_csv(withdrawn), filename="r.csv", user=coordinator
    )
    vendor.refresh_from_db()
    assert vendor.status == "suspended"


def test_xlsx_and_the_template_are_understood(coordinator, program):
    workbook = Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(template_csv())):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = roster_preview(
        program=program, content=buffer.getvalue(), filename="roster.xlsx", user=coordinator
    )
    assert [r.status for r in preview.rows] == ["new"], preview.rows[0].errors
    assert list(HEADERS.values())[0] == "nit"


def test_semicolon_csv_from_spreadsheets_is_read(coordinator, program):
    content = _csv(*GOOD).decode().replace(",", ";").encode("latin-1")
    preview = roster_preview(program=program, content=content, filename="r.csv", user=coordinator)
    assert [r.status for r in preview.rows] == ["new", "new"]


@pytest.mark.parametrize(
    ("content", "filename"),
    [(b"", "r.csv"), (b"a,b\n1,2\n", "r.csv"), (b"hola", "r.pdf"), (b"PK\x03\x04basura", "r.xlsx")],
)
def test_unusable_files_get_a_file_error(coordinator, program, content, filename):
    with pytest.raises(ValidationError) as exc:
        roster_preview(program=program, content=content, filename=filename, user=coordinator)
    assert exc.value.error_dict["file"][0].code == "import_file_invalid"


def test_duplicate_nit_in_one_file_is_an_error_row(coordinator, program):
    preview = roster_preview(
        program=program, content=_csv(GOOD[0], GOOD[0]), filename="r.csv", user=coordinator
    )
    assert [r.status for r in preview.rows] == ["new", "error"]


def test_only_coordinators_import(moderator, citizen, program):
    for user in (moderator, citizen):
        with pytest.raises(PermissionDenied):
            roster_preview(program=program, content=_csv(*GOOD), filename="r.csv", user=user)


def test_management_command_imports_a_file(coordinator, program, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(_csv(*GOOD, BAD[0]))
    call_command("import_roster", str(path), "--user", coordinator.email, "--dry-run")
    assert not Enrollment.objects.exists()
    call_command("import_roster", str(path), "--user", coordinator.email)
    out = capsys.readouterr().out
    assert "2 new" in out and "row 4: error" in out
    assert Enrollment.objects.count() == 2


def test_columns_missing_from_the_file_keep_the_roster_values(coordinator, program):
    roster_import_apply(program=program, content=_csv(*GOOD), filename="r.csv", user=coordinator)
    partial = b"nit,razon_social,municipio,seccion_ciiu,contacto_nombre,contacto_correo\n" + (
        "900.373.923-8,Arepas Doña Luz S.A.S.,Sabaneta,I,Luz Correa,luz@example.com\n".encode()
    )
    preview = roster_preview(program=program, content=partial, filename="r.csv", user=coordinator)
    assert [(r.status, r.changed_fields) for r in preview.rows] == [("updated", ("municipality",))]
    roster_import_apply(program=program, content=partial, filename="r.csv", user=coordinator)
    arepas = Enrollment.objects.get(nit="9003739238")
    assert (arepas.status, arepas.annual_income, arepas.municipality.name) == (
        "active",
        350_000_000,
        "Sabaneta",
    )
