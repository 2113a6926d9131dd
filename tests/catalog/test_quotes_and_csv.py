import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import ProductVariant, QuoteRequest, StockMovement
from catalog.selectors import quote_requests_for_vendor
from catalog.services.portfolio_csv import (
    portfolio_export_csv,
    portfolio_import_apply,
    portfolio_import_preview,
)
from catalog.services.quotes import quote_request_create
from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory

HEADER = "sku,nombre,tipo,categoria,precio,precio_antes,existencias,controlar_inventario"


@pytest.fixture
def quoted_service(vendor):
    return VariantFactory(
        product=ProductFactory(
            vendor=vendor, kind="service", pricing_mode="quote", name="Identidad de marca"
        ),
        price=0,
        track_inventory=False,
    ).product


def test_quote_request_reaches_the_vendor_by_email_and_dashboard(
    quoted_service, vendor, vendor_owner, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        quote = quote_request_create(
            product_slug=quoted_service.slug,
            requester=citizen,
            name="Valentina",
            email="valentina@example.com",
            phone="300 123 4567",
            municipality_slug="bello",
            message="Necesito un logo para mi panadería.",
        )
    assert vendor_owner.email in {m.to[0] for m in mailoutbox}
    assert "Necesito un logo" in mailoutbox[0].body
    assert list(quote_requests_for_vendor(user=vendor_owner, vendor=vendor)) == [quote]
    with pytest.raises(PermissionDenied):
        quote_requests_for_vendor(user=citizen, vendor=vendor)


def test_bad_quote_requests_create_nothing(quoted_service):
    with pytest.raises(ValidationError) as exc:
        quote_request_create(
            product_slug=quoted_service.slug,
            requester=None,
            name="",
            email="x",
            phone="1",
            municipality_slug="",
            message="hola",
        )
    assert set(exc.value.error_dict) == {"name", "email", "phone", "message"}
    goods = VariantFactory().product
    with pytest.raises(ValidationError) as exc:
        quote_request_create(
            product_slug=goods.slug,
            requester=None,
            name="A",
            email="a@example.com",
            phone="",
            municipality_slug="",
            message="Una cotización por favor",
        )
    assert exc.value.error_dict["product"][0].code == "not_orderable"
    assert not QuoteRequest.objects.exists()


def test_csv_export_then_import_is_idempotent(vendor, vendor_owner):
    VariantFactory(
        product=ProductFactory(vendor=vendor, name="Arepa"),
        sku="AR-1",
        price=4500,
        stock_quantity=7,
    )
    exported = portfolio_export_csv(user=vendor_owner, vendor=vendor).encode()
    assert "AR-1,Arepa,producto,comida-preparada,4500,,7,si" in exported.decode()
    assert {
        r.status
        for r in portfolio_import_preview(user=vendor_owner, vendor=vendor, content=exported)
    } == {"unchanged"}
    portfolio_import_apply(user=vendor_owner, vendor=vendor, content=exported)
    assert not StockMovement.objects.exists()


def test_csv_export_keeps_formulas_as_text_and_reads_them_back(vendor, vendor_owner):
    VariantFactory(
        product=ProductFactory(vendor=vendor, name='=HYPERLINK("http://x.example","Oferta")'),
        sku="@SKU-1",
        price=4500,
    )
    exported = portfolio_export_csv(user=vendor_owner, vendor=vendor)
    line = exported.splitlines()[1]
    assert line.startswith("'@SKU-1,\"'=HYPERLINK(")
    rows = portfolio_import_preview(user=vendor_owner, vendor=vendor, content=exported.encode())
    assert [(r.sku, r.status) for r in rows] == [("@SKU-1", "unchanged")]


def test_csv_import_creates_updates_and_reports_errors(vendor, vendor_owner):
    VariantFactory(
        product=ProductFactory(vendor=vendor, name="Arepa"),
        sku="AR-1",
        price=4500,
        stock_quantity=7,
    )
    content = "\n".join(
        [
            HEADER,
            "AR-1,Arepa,producto,comida-preparada,5000,,10,si",
            "AR-2,Arepa de queso,producto,comida-preparada,6000,,4,si",
            "AR-3,Mala,producto,comida-preparada,-5,,1,si",
            "AR-4,Sin categoría,producto,no-existe,100,,1,si",
        ]
    ).encode()
    preview = portfolio_import_preview(user=vendor_owner, vendor=vendor, content=content)
    assert [r.status for r in preview] == ["updated", "new", "error", "error"]
    assert preview[0].changes == {"price": (4500, 5000), "stock": (7, 10)}
    assert ProductVariant.objects.count() == 1
    portfolio_import_apply(user=vendor_owner, vendor=vendor, content=content)
    ar1 = ProductVariant.objects.get(sku="AR-1")
    assert (ar1.price, ar1.stock_quantity) == (5000, 10)
    assert ProductVariant.objects.get(sku="AR-2").product.status == "draft"
    assert list(StockMovement.objects.filter(variant=ar1).values_list("delta", "reason")) == [
        (3, "import")
    ]


def test_csv_of_another_vendor_is_refused(vendor):
    other = VendorMembershipFactory().user
    with pytest.raises(PermissionDenied):
        portfolio_export_csv(user=other, vendor=vendor)
