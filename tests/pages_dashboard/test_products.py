"""The products list, the create and edit pages and the status actions, for the business's
own members."""

import pytest
from django.urls import reverse

from catalog.models import Product, ProductVariant, StockMovement
from marketplace.core.models import AuditEvent
from tests.factories import ProductFactory, ProductImageFactory, VariantFactory, product_image
from vendors.models import Vendor

PRODUCTS = "/vender/panel/productos/"
NEW = "/vender/panel/productos/nuevo/"


def _create_data(**overrides):
    data = {
        "kind": "goods",
        "name": "Arepa de chócolo con queso",
        "description": "Maíz tierno molido a mano.\nSe entrega caliente.",
        "category": "comida-preparada",
        "tax_class": "iva_19",
        "pricing_mode": "fixed",
        "duration_minutes": "",
        "sku": "ARE-QUESO",
        "price": "12.500",
        "initial_stock": "20",
        "track_inventory": "on",
    }
    data.update(overrides)
    return data


def _edit_data(product, **overrides):
    data = {
        "kind": product.kind,
        "name": product.name,
        "description": product.description,
        "category": product.category.slug,
        "tax_class": product.tax_class,
        "pricing_mode": product.pricing_mode,
        "duration_minutes": "",
    }
    data.update(overrides)
    return data


def test_urls():
    assert reverse("vendors:products") == PRODUCTS
    assert reverse("vendors:product_create") == NEW
    assert reverse("vendors:product_edit", args=[7]) == "/vender/panel/productos/7/"
    assert reverse("vendors:products_export") == "/vender/panel/productos/exportar.csv"
    assert reverse("vendors:products_import") == "/vender/panel/productos/importar/"
    assert reverse("vendors:quotes") == "/vender/panel/cotizaciones/"


def test_dashboard_nav_has_products_and_quotes_tabs(owner_client):
    html = owner_client.get("/vender/panel/").content.decode()

    assert f'href="{PRODUCTS}"' in html
    assert 'href="/vender/panel/cotizaciones/"' in html
    assert ">Productos</a>" in html
    assert ">Cotizaciones</a>" in html


def test_empty_catalogue_invites_to_create_the_first_product(owner_client):
    html = owner_client.get(PRODUCTS).content.decode()

    assert "Tu catálogo está vacío" in html
    assert "Crear mi primer producto" in html


def test_list_shows_status_kind_price_range_stock_and_thumbnail(owner_client, vendor):
    shirt = ProductFactory(vendor=vendor, name="Camiseta estampada", status="in_review")
    VariantFactory(product=shirt, sku="CAM-S", price=35_000, stock_quantity=3)
    VariantFactory(product=shirt, sku="CAM-M", price=38_000, stock_quantity=4)
    # As the image services do, the photo refreshes the product's kept list fields.
    product_image(
        shirt,
        alt="Camiseta verde",
        position=0,
        image={
            "width": 320,
            "height": 320,
            "renditions": {
                "320": {
                    "webp": "products/x/a-320.webp",
                    "jpeg": "products/x/a-320.jpg",
                    "width": "320",
                    "height": "320",
                }
            },
        },
    )
    service = ProductFactory(
        vendor=vendor, name="Diseño de logo", kind="service", pricing_mode="quote", status="draft"
    )
    VariantFactory(product=service, sku="LOGO", price=0, track_inventory=False)
    sold_out = ProductFactory(vendor=vendor, name="Bocadillo veleño", status="published")
    VariantFactory(product=sold_out, sku="BOC", price=5_000, stock_quantity=0)

    response = owner_client.get(PRODUCTS)

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Camiseta estampada",
        "En revisión",
        "$\u00a035.000 – $\u00a038.000",
        "7 unidades",
        "2 variantes",
        "products/x/a-320.jpg",
        "Diseño de logo",
        "Servicio",
        "Cotización",
        "Sin control",
        "Bocadillo veleño",
        "Publicado",
        "Agotado",
        "Sin foto",
    ):
        assert text in html, text
    assert reverse("vendors:product_edit", args=[shirt.pk]) in html


def test_list_counts_only_tracked_stock_and_shows_listings_without_variants(owner_client, vendor):
    mixed = ProductFactory(vendor=vendor, name="Canasta mixta", status="draft")
    VariantFactory(product=mixed, sku="CAN-1", price=20_000, stock_quantity=3)
    VariantFactory(
        product=mixed, sku="CAN-2", price=20_000, stock_quantity=9, track_inventory=False
    )
    ProductFactory(vendor=vendor, name="Sin variantes", status="draft")

    response = owner_client.get(PRODUCTS)

    rows = {row["product"].name: row["summary"] for row in response.context["rows"]}
    assert (rows["Canasta mixta"].stock, rows["Canasta mixta"].variant_count) == (3, 2)
    assert rows["Canasta mixta"].tracked and rows["Canasta mixta"].price == "$\u00a020.000"
    empty = rows["Sin variantes"]
    assert (empty.tracked, empty.stock, empty.variant_count) == (False, 0, 0)
    assert empty.price == "Sin precio" and empty.thumbnail is None


def test_list_filters_by_status_with_counts(owner_client, vendor):
    ProductFactory(vendor=vendor, name="Uno publicado", status="published")
    ProductFactory(vendor=vendor, name="Otro borrador", status="draft")
    ProductFactory(vendor=vendor, name="Ya archivado", status="archived")

    html = owner_client.get(PRODUCTS, {"estado": "draft"}).content.decode()

    assert "Otro borrador" in html
    assert "Uno publicado" not in html
    assert "Ya archivado" not in html
    assert 'href="/vender/panel/productos/?estado=published"' in html
    assert 'aria-current="page">Borrador <span class="status-filter__count">1</span>' in html
    assert 'Todos <span class="status-filter__count">3</span>' in html
    # An unknown status in an old bookmark lists everything instead of failing.
    assert "Uno publicado" in owner_client.get(PRODUCTS, {"estado": "nada"}).content.decode()


def test_list_shows_only_the_current_vendors_products(owner_client, vendor, foreign):
    html = owner_client.get(PRODUCTS).content.decode()

    assert foreign.name not in html


def test_create_page_has_grouped_categories_and_municipalities(owner_client):
    html = owner_client.get(NEW).content.decode()

    assert '<optgroup label="Alimentos y bebidas">' in html
    assert '<option value="comida-preparada">Comida preparada</option>' in html
    assert '<option value="mascotas">Mascotas</option>' in html
    assert 'value="itagui"' in html and "Itagüí" in html
    assert 'name="sku"' in html and 'name="initial_stock"' in html


def test_owner_creates_a_product_with_its_first_variant(owner_client, vendor, vendor_owner):
    response = owner_client.post(NEW, _create_data())

    product = Product.objects.get(vendor=vendor)
    assert response.status_code == 302
    assert response["Location"] == reverse("vendors:product_edit", args=[product.pk])
    assert product.name == "Arepa de chócolo con queso"
    assert product.status == "draft"
    assert product.category.slug == "comida-preparada"
    assert product.description == "Maíz tierno molido a mano.\nSe entrega caliente."
    variant = product.variants.get()
    assert (variant.sku, variant.price, variant.stock_quantity, variant.track_inventory) == (
        "ARE-QUESO",
        12_500,
        20,
        True,
    )
    movement = StockMovement.objects.get(variant=variant)
    assert (movement.delta, movement.reason, movement.actor) == (20, "initial", vendor_owner)
    page = owner_client.get(response["Location"])
    assert "Creamos «Arepa de chócolo con queso» como borrador" in page.content.decode()


def test_owner_creates_a_service_offered_in_some_municipalities(owner_client, vendor):
    owner_client.post(
        NEW,
        _create_data(
            kind="service",
            name="Fotografía de producto",
            category="fotografia-y-video",
            pricing_mode="from",
            duration_minutes="90",
            service_municipalities=["medellin", "envigado"],
            sku="FOTO-1",
            price="150000",
            initial_stock="0",
            track_inventory="",
        ),
    )

    product = Product.objects.get(vendor=vendor)
    assert (product.kind, product.pricing_mode, product.duration_minutes) == ("service", "from", 90)
    assert sorted(m.slug for m in product.service_municipalities.all()) == [
        "envigado",
        "medellin",
    ]
    assert product.variants.get().track_inventory is False


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("-5000", "El valor no puede ser negativo."),
        ("12500,50", "Los precios van en pesos enteros, sin centavos."),
        ("doce mil", "Ingresa un valor en pesos."),
    ],
)
def test_bad_price_is_explained_next_to_the_field_and_nothing_is_stored(
    owner_client, vendor, price, message
):
    response = owner_client.post(NEW, _create_data(price=price))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["price"] == [message]
    assert message in html
    assert 'href="#id_price"' in html  # the summary links to the field
    assert not Product.objects.exists()
    assert not ProductVariant.objects.exists()


def test_duplicate_sku_on_create_stores_no_product(owner_client, vendor, draft):
    response = owner_client.post(NEW, _create_data(sku="ARE-001", name="Otra arepa"))

    assert response.context["form"].errors["sku"] == [
        "Ya tienes otra variante con esa referencia (SKU)."
    ]
    assert list(Product.objects.filter(vendor=vendor)) == [draft]
    assert not AuditEvent.objects.filter(action="product.created").exists()


def test_missing_name_and_category_are_explained(owner_client):
    response = owner_client.post(NEW, _create_data(name="  ", category=""))

    errors = response.context["form"].errors
    assert errors["name"] == ["Escribe el nombre."]
    assert errors["category"] == ["Elige una categoría."]
    assert not Product.objects.exists()


def test_negative_initial_stock_is_refused_by_the_form(owner_client):
    response = owner_client.post(NEW, _create_data(initial_stock="-3"))

    assert response.context["form"].errors["initial_stock"] == [
        "Escribe un número entero, 0 o mayor."
    ]
    assert not Product.objects.exists()


def test_edit_page_shows_every_section(owner_client, draft):
    response = owner_client.get(reverse("vendors:product_edit", args=[draft.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Datos del producto",
        "Variantes, precios y existencias",
        "ARE-001",
        "Ajustar existencias",
        "Agregar una variante",
        "Fotos",
        'accept="image/jpeg,image/png,image/webp"',
        "Movimientos de existencias",
        "Enviar a revisión",
        "Archivar",
    ):
        assert text in html, text
    assert "Retirar de la tienda" not in html
    assert response.context["form"]["category"].value() == "comida-preparada"


def test_owner_edits_the_product(owner_client, draft):
    url = reverse("vendors:product_edit", args=[draft.pk])

    response = owner_client.post(
        url, _edit_data(draft, name="Arepa de chócolo grande", tax_class="iva_5")
    )

    assert response["Location"] == url
    draft.refresh_from_db()
    assert (draft.name, draft.tax_class) == ("Arepa de chócolo grande", "iva_5")
    assert AuditEvent.objects.filter(action="product.updated").count() == 1


def test_editing_an_archived_product_is_refused_and_changes_nothing(owner_client, draft):
    Product.objects.filter(pk=draft.pk).update(status="archived")
    url = reverse("vendors:product_edit", args=[draft.pk])

    page = owner_client.get(url).content.decode()
    assert "Está archivado" in page
    assert "disabled" in page
    response = owner_client.post(url, _edit_data(draft, name="Cambiado"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Este producto está archivado y ya no se puede editar." in html
    draft.refresh_from_db()
    assert draft.name == "Arepa de chócolo"


def test_submit_for_review_then_withdraw_after_publication(owner_client, draft):
    ProductImageFactory(product=draft)  # goods need a photo to go to review
    submit = reverse("vendors:product_submit", args=[draft.pk])

    response = owner_client.post(submit)

    draft.refresh_from_db()
    assert draft.status == "in_review"
    assert response["Location"] == reverse("vendors:product_edit", args=[draft.pk])
    assert (
        "Enviamos «Arepa de chócolo» a revisión"
        in owner_client.get(response["Location"]).content.decode()
    )

    Product.objects.filter(pk=draft.pk).update(status="published")
    html = owner_client.get(reverse("vendors:product_edit", args=[draft.pk])).content.decode()
    assert "Retirar de la tienda" in html
    owner_client.post(reverse("vendors:product_unpublish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "unpublished"


def test_submitting_twice_explains_the_refusal(owner_client, draft):
    Product.objects.filter(pk=draft.pk).update(status="in_review")

    response = owner_client.post(reverse("vendors:product_submit", args=[draft.pk]), follow=True)

    assert "No se puede pasar de «En revisión» a «En revisión»." in response.content.decode()


def test_goods_without_a_photo_cannot_be_sent_and_the_page_says_why(owner_client, draft):
    response = owner_client.post(reverse("vendors:product_submit", args=[draft.pk]), follow=True)

    assert "Agrega al menos una foto: quien compra quiere ver el producto." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_product_without_variants_cannot_be_sent(owner_client, vendor):
    bare = ProductFactory(vendor=vendor, status="draft")

    response = owner_client.post(reverse("vendors:product_submit", args=[bare.pk]), follow=True)

    html = response.content.decode()
    assert "Agrega al menos una variante con precio." in html
    assert "Falta una variante con precio" in html
    bare.refresh_from_db()
    assert bare.status == "draft"


def test_suspended_vendor_sees_its_products_but_cannot_send_them(owner_client, vendor, draft):
    Vendor.objects.filter(pk=vendor.pk).update(status="suspended")

    assert owner_client.get(PRODUCTS).status_code == 200
    page = owner_client.get(reverse("vendors:product_edit", args=[draft.pk]))
    assert page.status_code == 200
    assert "Tu tienda no está activa" in page.content.decode()

    response = owner_client.post(reverse("vendors:product_submit", args=[draft.pk]), follow=True)

    assert response.status_code == 200
    assert "Tu negocio no está activo en la tienda: no puedes publicar." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_archive_asks_first_then_archives(owner_client, draft):
    url = reverse("vendors:product_archive", args=[draft.pk])

    page = owner_client.get(url)

    assert "¿Archivar «Arepa de chócolo»?" in page.content.decode()
    assert "No se puede deshacer" in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"

    response = owner_client.post(url)

    assert response["Location"] == PRODUCTS
    draft.refresh_from_db()
    assert draft.status == "archived"


def test_archiving_an_archived_product_says_why(owner_client, draft):
    Product.objects.filter(pk=draft.pk).update(status="archived")

    response = owner_client.post(reverse("vendors:product_archive", args=[draft.pk]), follow=True)

    assert "No se puede pasar de «Archivado» a «Archivado»." in response.content.decode()


def test_english_interface(client, vendor_owner, draft):
    client.force_login(vendor_owner)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get(reverse("vendors:product_edit", args=[draft.pk])).content.decode()

    assert "Send for review" in html
    assert "Variants, prices and stock" in html
