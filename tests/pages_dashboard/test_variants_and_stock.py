"""Variants and the stock ledger from the edit page."""

from django.urls import reverse

from catalog.models import Product, ProductVariant, StockMovement
from tests.factories import VariantFactory


def _variant_data(prefix, **values):
    data = {
        "sku": "ARE-001",
        "name": "",
        "options": "",
        "price": "12000",
        "compare_at_price": "",
        "track_inventory": "on",
    }
    data.update(values)
    return {f"{prefix}-{name}": value for name, value in data.items() if value is not None}


def test_add_a_variant_with_options_and_initial_stock(owner_client, draft, vendor_owner):
    response = owner_client.post(
        reverse("vendors:variant_create", args=[draft.pk]),
        _variant_data(
            "nueva",
            sku="ARE-002",
            name="Caja x 6",
            options="talla=M, color=Rojo",
            price="$ 65.000",
            compare_at_price="70000",
            initial_stock="8",
        ),
    )

    assert response["Location"] == reverse("vendors:product_edit", args=[draft.pk]) + "#variantes"
    variant = draft.variants.get(sku="ARE-002")
    assert variant.name == "Caja x 6"
    assert variant.options == [["talla", "M"], ["color", "Rojo"]]
    assert (variant.price, variant.compare_at_price, variant.stock_quantity) == (65_000, 70_000, 8)
    assert StockMovement.objects.get(variant=variant).actor == vendor_owner


def test_edit_a_variant(owner_client, draft):
    variant = draft.variants.get()

    response = owner_client.post(
        reverse("vendors:variant_update", args=[draft.pk, variant.pk]),
        _variant_data(f"v{variant.pk}", sku="ARE-001B", options="sabor=queso", price="13.500"),
    )

    assert response.status_code == 302
    variant.refresh_from_db()
    assert (variant.sku, variant.options, variant.price) == (
        "ARE-001B",
        [["sabor", "queso"]],
        13_500,
    )
    # Stock is not a field of this form: only the ledger changes it.
    assert variant.stock_quantity == 10
    html = owner_client.get(reverse("vendors:product_edit", args=[draft.pk])).content.decode()
    assert 'value="sabor=queso"' in html


def test_duplicate_sku_on_edit_is_explained_and_nothing_changes(owner_client, draft):
    other = VariantFactory(product=draft, sku="ARE-OTRA", price=15_000)
    variant = draft.variants.get(sku="ARE-001")

    response = owner_client.post(
        reverse("vendors:variant_update", args=[draft.pk, variant.pk]),
        _variant_data(f"v{variant.pk}", sku="ARE-OTRA", price="99000"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ya tienes otra variante con esa referencia (SKU)." in html
    assert f'href="#id_v{variant.pk}-sku"' in html
    assert '<details class="disclosure" open>' in html
    variant.refresh_from_db()
    assert (variant.sku, variant.price) == ("ARE-001", 12_000)
    assert other.sku == "ARE-OTRA"


def test_bad_options_and_price_on_a_new_variant(owner_client, draft):
    response = owner_client.post(
        reverse("vendors:variant_create", args=[draft.pk]),
        _variant_data("nueva", sku="ARE-X", options="talla M", price="-1"),
    )

    form = response.context["new_variant_form"]
    assert form.errors["options"] == [
        "Escribe cada opción como nombre=valor, por ejemplo talla=M, color=Rojo."
    ]
    assert not draft.variants.filter(sku="ARE-X").exists()

    response = owner_client.post(
        reverse("vendors:variant_create", args=[draft.pk]),
        _variant_data("nueva", sku="ARE-X", price="-1"),
    )
    assert response.context["new_variant_form"].errors["price"] == [
        "El valor no puede ser negativo."
    ]
    assert not draft.variants.filter(sku="ARE-X").exists()


def test_delete_a_variant_but_never_the_last(owner_client, draft):
    extra = VariantFactory(product=draft, sku="ARE-002")
    only = draft.variants.get(sku="ARE-001")

    owner_client.post(reverse("vendors:variant_delete", args=[draft.pk, extra.pk]))
    assert not ProductVariant.objects.filter(pk=extra.pk).exists()

    response = owner_client.post(
        reverse("vendors:variant_delete", args=[draft.pk, only.pk]), follow=True
    )
    assert "Un producto necesita al menos una variante." in response.content.decode()
    assert ProductVariant.objects.filter(pk=only.pk).exists()


def test_stock_adjustment_writes_a_ledger_row(owner_client, draft, vendor_owner):
    variant = draft.variants.get()
    url = reverse("vendors:stock_adjust", args=[draft.pk, variant.pk])

    response = owner_client.post(url, {f"s{variant.pk}-delta": "-3", f"s{variant.pk}-note": "Daño"})

    assert response["Location"].endswith(f"#variante-{variant.pk}")
    variant.refresh_from_db()
    assert variant.stock_quantity == 7
    movement = StockMovement.objects.get(variant=variant)
    assert (movement.delta, movement.quantity_after, movement.reason, movement.note) == (
        -3,
        7,
        "manual",
        "Daño",
    )
    assert movement.actor == vendor_owner
    html = owner_client.get(response["Location"]).content.decode()
    assert "Existencias de «ARE-001»: ahora hay 7." in html
    assert "Ajuste manual" in html and "Daño" in html and "-3" in html


def test_stock_cannot_go_negative_or_take_non_integers(owner_client, draft):
    variant = draft.variants.get()
    url = reverse("vendors:stock_adjust", args=[draft.pk, variant.pk])
    prefix = f"s{variant.pk}"

    too_many = owner_client.post(url, {f"{prefix}-delta": "-11"})
    fraction = owner_client.post(url, {f"{prefix}-delta": "2.5"})
    zero = owner_client.post(url, {f"{prefix}-delta": "0"})

    assert too_many.context["failed_form"].errors["delta"] == [
        "Las existencias no pueden quedar negativas."
    ]
    assert fraction.context["failed_form"].errors["delta"] == [
        "Escribe un número entero, con el signo menos para restar (por ejemplo 5 o -3)."
    ]
    assert zero.context["failed_form"].errors["delta"] == [
        "Escribe una cantidad entera distinta de cero."
    ]
    variant.refresh_from_db()
    assert variant.stock_quantity == 10
    assert not StockMovement.objects.exists()


def test_archived_product_refuses_variant_and_stock_changes(owner_client, draft):
    Product.objects.filter(pk=draft.pk).update(status="archived")
    variant = draft.variants.get()

    stock = owner_client.post(
        reverse("vendors:stock_adjust", args=[draft.pk, variant.pk]),
        {f"s{variant.pk}-delta": "5"},
    )
    edit = owner_client.post(
        reverse("vendors:variant_update", args=[draft.pk, variant.pk]),
        _variant_data(f"v{variant.pk}", price="1"),
    )

    for response in (stock, edit):
        assert "Este producto está archivado y ya no se puede editar." in (
            response.content.decode()
        )
    variant.refresh_from_db()
    assert (variant.stock_quantity, variant.price) == (10, 12_000)
    assert not StockMovement.objects.exists()
