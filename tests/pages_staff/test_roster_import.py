import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from marketplace.core.models import AuditEvent
from vendors.models import Enrollment

IMPORT = "/consola/registro/importar/"
CONFIRM = "/consola/registro/importar/confirmar/"
HEADER = (
    "nit,razon_social,nombre_comercial,tipo_persona,municipio,seccion_ciiu,"
    "contacto_nombre,contacto_correo,estado"
)
GOOD = [
    "900.373.923-8,Arepas Doña Luz S.A.S.,Arepas Doña Luz,juridica,Itagüí,I,Luz Correa,"
    "luz@example.com,activa",
    "800197268-4,Cueros del Sur,Cueros del Sur,jurídica,Envigado,C,Pedro Gil,pedro@example.com,"
    "inscrita",
]
BAD = [
    "900.373.923-7,NIT malo,,juridica,Bello,G,Ana,ana@example.com,activa",
    "901234567-7,Municipio raro,,natural,Cali,G,Ana,ana@example.com,activa",
]


def _csv(*rows, name="registro.csv"):
    return SimpleUploadedFile(name, ("\n".join([HEADER, *rows]) + "\n").encode(), "text/csv")


def _upload(client, program, file):
    return client.post(IMPORT, {"file": file, "program": program.pk})


def _token(response):
    return response.context["confirm_form"].initial["token"]


def test_preview_shows_every_row_and_writes_nothing(staff_client, program, settings):
    response = _upload(staff_client, program, _csv(*GOOD, *BAD))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["counts"] == {"new": 2, "updated": 0, "unchanged": 0, "error": 2}
    assert [row["number"] for row in response.context["rows"]] == [2, 3, 4, 5]
    assert [row["status_label"] for row in response.context["rows"]] == [
        "Nueva",
        "Nueva",
        "Con errores",
        "Con errores",
    ]
    assert "900.373.923-8" in html
    assert "dígito de verificación" in html
    assert "Municipio desconocido: «Cali»" in html
    assert "Confirmar importación" in html
    assert f'action="{CONFIRM}"' in html
    assert "Todavía no se ha guardado nada" in html
    assert not Enrollment.objects.exists()
    assert not AuditEvent.objects.exists()
    # The bytes wait on the server under a random name, not in the page or the session.
    stored = list((settings.VAR_DIR / "imports").iterdir())
    assert len(stored) == 1 and stored[0].name == f"{_token(response)}.upload"
    assert "Arepas" not in str(dict(staff_client.session))


def test_confirm_writes_the_good_rows_only_and_shows_the_result(staff_client, program, settings):
    preview = _upload(staff_client, program, _csv(*GOOD, *BAD))

    response = staff_client.post(CONFIRM, {"token": _token(preview)})

    assert response["Location"] == IMPORT
    assert sorted(Enrollment.objects.values_list("legal_name", flat=True)) == [
        "Arepas Doña Luz S.A.S.",
        "Cueros del Sur",
    ]
    assert AuditEvent.objects.filter(action="roster.imported").count() == 1
    assert not list((settings.VAR_DIR / "imports").iterdir())
    page = staff_client.get(IMPORT)
    html = page.content.decode()
    assert "Importamos el registro." in html
    assert page.context["result"]["counts"] == {"new": 2, "updated": 0, "unchanged": 0, "error": 2}
    assert "2 filas con errores no se guardaron" in html
    assert 'href="/consola/registro/">Ver el registro</a>' in html
    # The result is shown once.
    assert staff_client.get(IMPORT).context["result"] is None


def test_importing_the_same_file_again_reports_every_row_unchanged(staff_client, program):
    first = _upload(staff_client, program, _csv(*GOOD))
    staff_client.post(CONFIRM, {"token": _token(first)})

    again = _upload(staff_client, program, _csv(*GOOD))

    assert again.context["counts"] == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
    html = again.content.decode()
    assert html.count(">Sin cambios<") >= 2
    assert "No hay nada nuevo que guardar" in html
    assert "Confirmar importación" not in html
    # Applying it anyway writes nothing but the record of the import.
    events = AuditEvent.objects.filter(action__startswith="enrollment.").count()
    staff_client.post(CONFIRM, {"token": _token(again)})
    result = staff_client.get(IMPORT).context["result"]
    assert result["counts"] == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
    assert AuditEvent.objects.filter(action__startswith="enrollment.").count() == events


def test_a_changed_row_lists_its_changed_fields(staff_client, program):
    staff_client.post(CONFIRM, {"token": _token(_upload(staff_client, program, _csv(*GOOD)))})

    moved = GOOD[1].replace("Envigado", "Sabaneta")
    response = _upload(staff_client, program, _csv(GOOD[0], moved))

    rows = response.context["rows"]
    assert [row["status"] for row in rows] == ["unchanged", "updated"]
    assert rows[1]["changes"] == [{"label": "municipio", "before": "Envigado", "after": "Sabaneta"}]
    assert response.context["emptying"] == 0
    assert "borra datos" not in response.content.decode()


def _with_cohort(cohort):
    return SimpleUploadedFile(
        "registro.csv", f"{HEADER},cohorte\n{GOOD[0]},{cohort}\n".encode(), "text/csv"
    )


def test_a_file_without_a_column_keeps_that_data(staff_client, program):
    staff_client.post(
        CONFIRM, {"token": _token(_upload(staff_client, program, _with_cohort("2026-1")))}
    )

    response = _upload(staff_client, program, _csv(GOOD[0]))

    assert response.context["counts"]["unchanged"] == 1
    assert response.context["emptying"] == 0


def test_an_empty_cell_that_erases_data_is_pointed_out(staff_client, program):
    staff_client.post(
        CONFIRM, {"token": _token(_upload(staff_client, program, _with_cohort("2026-1")))}
    )

    response = _upload(staff_client, program, _with_cohort(""))

    changes = response.context["rows"][0]["changes"]
    assert {"label": "cohorte", "before": "2026-1", "after": ""} in changes
    assert response.context["emptying"] == 1
    html = response.content.decode()
    assert "se borra" in html
    assert "1 fila borra datos que hoy están en el registro" in html


def test_xlsx_files_are_previewed_too(staff_client, program):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(GOOD[0].split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = _upload(
        staff_client, program, SimpleUploadedFile("registro.xlsx", buffer.getvalue())
    )

    assert response.context["counts"]["new"] == 1


def test_a_file_the_service_refuses_shows_its_reason_on_the_form(staff_client, program):
    response = _upload(staff_client, program, SimpleUploadedFile("registro.txt", b"hola"))

    assert response.status_code == 200
    assert response.context["form"].has_error("file", code="import_file_invalid")
    assert "Sube un archivo .csv o .xlsx." in response.content.decode()


def test_missing_columns_are_explained(staff_client, program):
    file = SimpleUploadedFile("registro.csv", b"nit,nombre\n900373923-8,Arepas\n")

    response = _upload(staff_client, program, file)

    assert "Faltan columnas: razon_social, municipio, seccion_ciiu" in response.content.decode()


def test_a_file_over_5_mb_is_refused(staff_client, program):
    big = SimpleUploadedFile("registro.csv", HEADER.encode() + b"\n" + b"x" * (5 * 1024 * 1024))

    response = _upload(staff_client, program, big)

    assert "El archivo pesa más de 5 MB." in response.content.decode()


def test_no_file_asks_for_one(staff_client, program):
    response = staff_client.post(IMPORT, {"program": program.pk})

    assert "Elige el archivo que vas a importar." in response.content.decode()


def test_a_wrong_or_stale_token_imports_nothing(staff_client, program):
    _upload(staff_client, program, _csv(*GOOD))

    response = staff_client.post(CONFIRM, {"token": "0" * 64}, follow=True)

    assert "ya no está disponible" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_another_session_cannot_confirm_someone_elses_preview(staff_client, program, coordinator):
    token = _token(_upload(staff_client, program, _csv(*GOOD)))
    other = Client()
    other.force_login(coordinator)

    other.post(CONFIRM, {"token": token})

    assert not Enrollment.objects.exists()


def test_a_stored_file_changed_on_disk_is_refused(staff_client, program, settings):
    token = _token(_upload(staff_client, program, _csv(*GOOD)))
    (settings.VAR_DIR / "imports" / f"{token}.upload").write_bytes(_csv(*GOOD, *BAD).read())

    staff_client.post(CONFIRM, {"token": token})

    assert not Enrollment.objects.exists()


def test_discarding_removes_the_file(staff_client, program, settings):
    _upload(staff_client, program, _csv(*GOOD))

    response = staff_client.post(reverse("staff:roster_import_cancel"), follow=True)

    assert "Descartamos el archivo" in response.content.decode()
    assert not list((settings.VAR_DIR / "imports").iterdir())
    assert not Enrollment.objects.exists()


def test_import_page_links_the_template(staff_client):
    html = staff_client.get(IMPORT).content.decode()

    assert reverse("staff:roster_template") in html
    assert 'enctype="multipart/form-data"' in html
