"""The product page: price with its tax note, options, stock, description, delivery or service
details, the seller's Ley 1480 art. 50 details and the honest call to action."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from .support import listing, price_box

pytestmark = pytest.mark.django_db


def page(client, product, query=""):
    response = client.get(reverse("catalog:product", args=[product.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_price_reads_the_colombian_way_with_iva_included(client, shop):
    html = page(client, listing(shop, price=45_900, tax_class="iva_19"))

    assert price_box(html) == "$\u00a045.900"
    assert '<p class="price-box__tax">IVA incluido</p>' in html


@pytest.mark.parametrize(
    ("tax_class", "vat_responsible", "note"),
    [
        ("iva_5", True, "IVA incluido"),
        ("exento", True, "Exento de IVA"),
        ("excluido", True, "Excluido de IVA"),
        ("iva_19", False, "No responsable de IVA"),
    ],
)
def test_tax_note_follows_tax_class_and_vendor(client, shop, tax_class, vat_responsible, note):
    shop.vat_responsible = vat_responsible
    shop.save(update_fields=["vat_responsible"])

    html = page(client, listing(shop, tax_class=tax_class))

    assert f'<p class="price-box__tax">{note}</p>' in html


def test_compare_at_price_is_shown_when_higher(client, shop):
    product = listing(shop, variants=[{"price": 45_900, "compare_at_price": 52_000}])

    assert "Antes <s>$\u00a052.000</s>" in page(client, product)


@pytest.mark.parametrize(
    ("stock", "text"),
    [(10, "Disponible"), (3, "Últimas 3 unidades"), (1, "Última unidad"), (0, "Agotado")],
)
def test_stock_status(client, shop, stock, text):
    html = page(client, listing(shop, stock=stock))

    assert re.search(rf'class="stock stock--\w+">{text}', html)


def test_options_are_a_radio_list_with_price_and_availability(client, shop):
    product = listing(
        shop,
        "Camiseta estampada",
        category="ropa",
        variants=[
            {"price": 35_000, "stock_quantity": 0, "options": [["talla", "S"]]},
            {"price": 38_000, "stock_quantity": 2, "options": [["talla", "M"], ["color", "Rojo"]]},
            {"price": 42_000, "stock_quantity": 9, "name": "Edición especial"},
        ],
    )
    small, medium, special = product.variants.order_by("pk")

    html = page(client, product)

    assert html.count('type="radio" name="variante"') == 3
    assert "Talla: S" in html and "Talla: M · Color: Rojo" in html and "Edición especial" in html
    for price in ("$\u00a035.000", "$\u00a038.000", "$\u00a042.000"):
        assert price in html
    # The first option that can be bought is chosen, not the sold-out one.
    assert f'value="{medium.pk}" checked' in html
    assert price_box(html) == "$\u00a038.000"
    assert "Últimas 2 unidades" in html and "Agotado" in html

    # Choosing another option (a plain form, no JavaScript) shows its price and stock.
    chosen = page(client, product, f"?variante={special.pk}")
    assert f'value="{special.pk}" checked' in chosen
    assert price_box(chosen) == "$\u00a042.000"
    assert '<p class="price-box__option">Edición especial</p>' in chosen


def test_single_variant_has_no_option_list(client, shop):
    html = page(client, listing(shop))

    assert 'type="radio"' not in html and "Opciones" not in html


def test_description_keeps_line_breaks_and_escapes_html(client, shop):
    product = listing(shop, description="Primera línea.\nSegunda <script>alert(1)</script>")

    html = page(client, product)

    assert "Primera línea.<br>Segunda &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_breadcrumb_follows_the_category_tree(client, shop):
    html = page(client, listing(shop, category="comida-preparada"))

    assert re.search(
        r'<a href="/catalogo/">Catálogo</a>.*<a href="/catalogo/alimentos-y-bebidas/">Alimentos y '
        r'bebidas</a>.*<a href="/catalogo/comida-preparada/">Comida preparada</a>',
        html,
        re.S,
    )


def test_seller_details_of_ley_1480_art_50(client, shop):
    shop.enrollment.legal_name = "Arepas Doña Luz S.A.S."
    shop.enrollment.nit = "9003739238"
    shop.enrollment.save()

    html = page(client, listing(shop))

    assert "Información del vendedor" in html
    assert "artículo 50 de la Ley 1480 de 2011" in html
    assert "Arepas Doña Luz S.A.S." in html
    assert "900.373.923-8" in html
    assert "Carrera 43A # 1 Sur-50, Medellín" in html
    assert "+57 604 4445566" in html
    assert 'href="mailto:ventas@negocio.example.com"' in html
    assert f'href="/negocios/{shop.slug}/"' in html


def test_goods_show_pickup_and_delivery_fees(client, shop):
    html = page(client, listing(shop))

    assert "Puedes recoger tu pedido en el local." in html
    assert "Calle 10 # 43-25, Medellín" in html
    assert "Costo del domicilio por municipio" in html
    assert "$\u00a04.000" in html and "$\u00a08.000" in html


def test_goods_offer_the_cart_and_whatsapp_and_say_online_payment_is_coming(client, shop):
    product = listing(shop, "Arepa de chócolo")

    html = page(client, product)

    assert "Agregar al carrito" in html
    assert "Desde el carrito finalizas la compra" in html
    link = re.search(r'href="(https://wa\.me/573001234567\?text=[^"]+)"', html).group(1)
    text = unquote(link.split("text=", 1)[1])
    assert "«Arepa de chócolo»" in text
    assert f"http://testserver/producto/{product.slug}/" in text
    assert "Escríbenos por WhatsApp" in html


def test_without_whatsapp_the_cart_and_the_seller_details_remain(client, shop):
    shop.whatsapp = ""
    shop.save(update_fields=["whatsapp"])

    html = page(client, listing(shop))

    assert "wa.me" not in html
    assert "Agregar al carrito" in html
    assert "Información del vendedor" in html


def test_service_shows_pricing_mode_duration_and_municipalities(client, shop):
    product = listing(
        shop,
        "Catering para eventos",
        kind="service",
        pricing_mode="from",
        duration_minutes=150,
        variants=[{"price": 80_000, "track_inventory": False, "stock_quantity": 0}],
        service_municipalities=["envigado", "medellin"],
    )

    html = page(client, product)

    assert price_box(html) == "Desde $\u00a080.000"
    assert "Sobre el servicio" in html
    assert "Desde el valor indicado" in html
    assert "2 horas y 30 minutos" in html
    assert "Envigado, Medellín" in html
    assert "Costo del domicilio" not in html  # delivery is about goods
    assert 'class="stock' not in html


def test_gallery_first_image_large_others_thumbnails_linking_to_larger_renditions(client, shop):
    product = listing(shop, images=3)

    html = page(client, product)

    main = re.search(r'<a class="product-gallery__main" href="([^"]+)">(.*?)</a>', html, re.S)
    assert main.group(1).endswith("abc-1600.jpg")
    assert 'loading="eager"' in main.group(2)
    assert 'alt="Arepa de chócolo, foto 1"' in main.group(2)
    thumbs = re.findall(r'<a class="product-gallery__thumb" href="([^"]+)">(.*?)</a>', html, re.S)
    assert len(thumbs) == 2
    assert all(href.endswith("abc-1600.jpg") for href, _ in thumbs)
    assert all('loading="lazy"' in body for _, body in thumbs)
    assert "Ver en tamaño grande: Arepa de chócolo, foto 2" in html


def test_page_in_english(english, shop):
    html = page(english, listing(shop, tax_class="iva_19"))

    assert '<html lang="en">' in html
    assert "VAT included" in html
    assert "Seller information" in html
    assert "$\u00a045.900" in html  # pesos read the Colombian way in every language
