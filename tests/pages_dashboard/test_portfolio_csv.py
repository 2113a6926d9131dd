"""CSV export and the two-step import (preview writes nothing, confirm applies the same bytes)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Product, ProductVariant, StockMovement
from tests.factories import ProductFactory, VariantFactory

EXPORT = "/vender/panel/productos/exportar.csv"
IMPORT = "/vender/panel/productos/importar/"
CONFIRM = "/vender/panel/productos/importar/confirmar/"
CANCEL = "/vender/panel/productos/importar/descartar/"
HEADER = "sku,nombre,tipo,categoria,precio,precio_antes,existencias,controlar_inventario"


def _csv(*rows, name="productos.csv"):
    body = "\n".join([HEADER, *rows]) + "\n"
    return SimpleUploadedFile(name, body.encode(), "text/csv")


def _token(response):
    return response.context["confirm_form"].initial["token"]


def test_export_is_a_utf8_csv_attachment_with_a_bom(owner_client, vendor, draft, foreign):
    ProductFactory(vendor=vendor, name="Archivado viejo", status="archived")

    response = owner_client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="productos-{vendor.slug}.csv"'
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff" + HEADER)
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[1] == "ARE-001,Arepa de chócolo,producto,comida-preparada,12000,,10,si"
    assert "BOL-001" not in body  # vendor B's
    assert len(lines) == 2


def test_preview_shows_each_row_and_writes_nothing(owner_client, vendor, draft, settings):
    file = _csv(
        "ARE-001,Arepa de chócolo,producto,comida-preparada,13000,,25,si",
        "CAF-250,Café de origen 250 g,producto,cafe-y-chocolate,18000,,30,si",
        "MAL-1,Sin precio,producto,comida-preparada,-5,,1,si",
        "NUEVO-X,,producto,no-existe,1000,,1,si",
    )

    response = owner_client.post(IMPORT, {"file": file})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["counts"] == {"new": 1, "updated": 1, "unchanged": 0, "error": 2}
    assert [row["status_label"] for row in response.context["rows"]] == [
        "Actualizado",
        "Nuevo",
        "Con errores",
        "Con errores",
    ]
    assert "Todavía no se ha guardado nada" in html
    assert "$\u00a012.000" in html and "$\u00a013.000" in html  # price before -> after
    assert "precio: El valor no puede ser negativo." in html
    assert "Para un producto nuevo escribe el nombre y una categoría válida." in html
    assert "Confirmar importación" in html
    assert f'action="{CONFIRM}"' in html
    # Nothing written: same price, stock, no new product, no ledger rows.
    variant = ProductVariant.objects.get(sku="ARE-001")
    assert (variant.price, variant.stock_quantity) == (12_000, 10)
    assert not ProductVariant.objects.filter(sku="CAF-250").exists()
    assert not StockMovement.objects.exists()
    # The bytes wait on the server under a random name, not in the page or the session.
    stored = list((settings.VAR_DIR / "imports").iterdir())
    assert len(stored) == 1 and stored[0].name == f"{_token(response)}.upload"
    assert "Café de origen" not in str(dict(owner_client.session))


def test_confirm_writes_the_good_rows_and_shows_the_result(owner_client, vendor, draft, settings):
    preview = owner_client.post(
        IMPORT,
        {
            "file": _csv(
                "ARE-001,Arepa de chócolo,producto,comida-preparada,13000,,25,si",
                "CAF-250,Café de origen 250 g,producto,cafe-y-chocolate,18000,,30,si",
                "MAL-1,Sin precio,producto,comida-preparada,-5,,1,si",
            )
        },
    )

    response = owner_client.post(CONFIRM, {"token": _token(preview)})

    assert response["Location"] == IMPORT
    variant = ProductVariant.objects.get(sku="ARE-001")
    assert (variant.price, variant.stock_quantity) == (13_000, 25)
    coffee = Product.objects.get(variants__sku="CAF-250")
    assert (coffee.vendor, coffee.status, coffee.category.slug) == (
        vendor,
        "draft",
        "cafe-y-chocolate",
    )
    assert not ProductVariant.objects.filter(sku="MAL-1").exists()
    assert StockMovement.objects.filter(reason="import").count() == 2
    assert not list((settings.VAR_DIR / "imports").iterdir())
    html = owner_client.get(IMPORT).content.decode()
    assert "Resultado de la importación" in html
    assert "1 fila con errores no se guardó" in html
    assert 'href="/vender/panel/productos/">Ver mis productos</a>' in html
    # A second confirmation of the same preview finds nothing to apply.
    again = owner_client.post(CONFIRM, {"token": _token(preview)}, follow=True)
    assert "Esa vista previa ya no está disponible" in again.content.decode()
    assert StockMovement.objects.filter(reason="import").count() == 2


def test_reimporting_the_export_changes_nothing(owner_client, draft):
    exported = owner_client.get(EXPORT).content

    response = owner_client.post(
        IMPORT, {"file": SimpleUploadedFile("productos.csv", exported, "text/csv")}
    )

    assert response.context["counts"] == {"new": 0, "updated": 0, "unchanged": 1, "error": 0}
    html = response.content.decode()
    assert "No hay nada nuevo que guardar" in html
    assert "Confirmar importación" not in html


def test_a_file_with_the_wrong_columns_is_refused_at_the_upload(owner_client):
    file = SimpleUploadedFile("otra.csv", b"nombre;precio\nArepa;1000\n", "text/csv")

    response = owner_client.post(IMPORT, {"file": file})

    assert response.status_code == 200
    assert "la primera fila debe ser" in response.content.decode()
    assert not Product.objects.exists()


def test_a_token_from_another_business_or_session_is_refused(
    owner_client, client, vendor, draft, other_vendor
):
    preview = owner_client.post(
        IMPORT, {"file": _csv("ARE-001,Arepa,producto,comida-preparada,99000,,10,si")}
    )
    token = _token(preview)
    # Vendor B's owner, logged in elsewhere, sends A's token.
    intruder = other_vendor.memberships.get().user
    client.force_login(intruder)

    response = client.post(CONFIRM, {"token": token})

    assert response["Location"] == IMPORT
    assert ProductVariant.objects.get(sku="ARE-001").price == 12_000


def test_discard_removes_the_file(owner_client, draft, settings):
    preview = owner_client.post(
        IMPORT, {"file": _csv("ARE-001,Arepa,producto,comida-preparada,99000,,10,si")}
    )
    assert _token(preview)

    response = owner_client.post(CANCEL)

    assert response["Location"] == IMPORT
    assert not list((settings.VAR_DIR / "imports").iterdir())
    assert ProductVariant.objects.get(sku="ARE-001").price == 12_000


def test_import_does_not_touch_an_archived_product(owner_client, vendor):
    archived = ProductFactory(vendor=vendor, status="archived")
    VariantFactory(product=archived, sku="OLD-1", price=5_000)

    response = owner_client.post(
        IMPORT, {"file": _csv("OLD-1,Viejo,producto,comida-preparada,1,,1,si")}
    )

    assert "El producto está archivado." in response.content.decode()
    assert response.context["counts"]["error"] == 1
