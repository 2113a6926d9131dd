"""The moderation queue page: who may open it, what each row says, filters, the late marker,
bulk approval and a query count that does not grow with the queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import ModerationCase, Product
from catalog.services.moderation import listing_reject
from marketplace.core.models import Municipality
from tests.factories import (
    EnrollmentFactory,
    VariantFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from vendors.models import Vendor

from .moderation_support import QUEUE, review_url, submit

APPROVE_SELECTED = "/consola/publicaciones/aprobar/"


@pytest.fixture
def bello_vendor(db):
    vendor = VendorFactory(
        display_name="Tejidos de Bello",
        slug="tejidos-de-bello",
        enrollment=EnrollmentFactory(municipality=Municipality.objects.get(dane_code="05088")),
    )
    owner = VendorMembershipFactory(vendor=vendor).user
    return vendor, owner


def test_urls():
    assert reverse("staff:listings") == QUEUE
    assert reverse("staff:listings_approve") == APPROVE_SELECTED
    assert reverse("staff:listing_review", args=[3]) == "/consola/publicaciones/3/"
    assert reverse("staff:listing_approve", args=[3]) == "/consola/publicaciones/3/aprobar/"
    assert reverse("staff:listing_reject", args=[3]) == "/consola/publicaciones/3/rechazar/"
    assert reverse("staff:listing_takedown", args=[3]) == "/consola/publicaciones/3/retirar/"


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_log_in(client):
    for url in (QUEUE, "/consola/publicaciones/1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_citizens_and_vendor_members_are_refused(client, citizen, vendor_owner, vendor):
    case = submit(vendor, vendor_owner, "Arepa de chócolo")
    for person in (citizen, vendor_owner):
        client.force_login(person)
        assert client.get(QUEUE).status_code == 403
        assert client.get(review_url(case)).status_code == 403
        assert client.post(APPROVE_SELECTED, {"producto": [case.product_id]}).status_code == 403
        assert client.post(f"{review_url(case)}aprobar/").status_code == 403
    assert Product.objects.get(pk=case.product_id).status == "in_review"


def test_queue_lists_open_cases_oldest_first_with_what_to_look_at(
    client, moderator, vendor, vendor_owner
):
    newer = submit(vendor, vendor_owner, "Camiseta estampada", hours_ago=3)
    older = submit(
        vendor, vendor_owner, "Bolso de fique", hours_ago=50, with_photo=False, kind="service"
    )
    decided = submit(vendor, vendor_owner, "Vela de soya", hours_ago=70)
    listing_reject(
        product=decided.product, moderator=moderator, reason="other", message="Falta el aroma."
    )
    client.force_login(moderator)

    response = client.get(QUEUE)

    html = response.content.decode()
    assert response.status_code == 200
    assert [row["case"] for row in response.context["rows"]] == [older, newer]
    assert html.index("Bolso de fique") < html.index("Camiseta estampada")
    assert "Vela de soya" not in html
    assert "2 publicaciones esperan revisión" in html
    assert vendor.display_name in html and "Comida preparada" in html and "Medellín" in html
    assert "Publicación nueva" in html  # the case kind
    assert "Sin fotos" in html  # the no_image flag as a Spanish chip, not its code
    assert ">no_image<" not in html
    assert "Enviada hace 3 h" in html and "Enviada hace 2 días" in html
    assert f'href="{review_url(older)}"' in html


def test_cases_past_the_service_level_are_marked_late_in_words(
    client, moderator, vendor, vendor_owner, settings
):
    settings.MODERATION_SLA_HOURS = 48
    submit(vendor, vendor_owner, "Bolso de fique", hours_ago=49)
    submit(vendor, vendor_owner, "Camiseta estampada", hours_ago=47)
    client.force_login(moderator)

    rows = client.get(QUEUE).context["rows"]

    assert [row["waiting"].overdue for row in rows] == [True, False]
    html = client.get(QUEUE).content.decode()
    assert html.count("Fuera de plazo") == 1
    assert html.count("mod-row--late") == 1

    settings.MODERATION_SLA_HOURS = 72
    assert "Fuera de plazo" not in client.get(QUEUE).content.decode()


def test_filters_narrow_the_queue(client, moderator, vendor, vendor_owner, bello_vendor):
    bello, bello_owner = bello_vendor
    arepa = submit(vendor, vendor_owner, "Arepa de chócolo", hours_ago=5)
    bolso = submit(bello, bello_owner, "Bolso de fique", hours_ago=4, category=_category("ropa"))
    service = submit(
        bello, bello_owner, "Diseño de logotipo", hours_ago=3, kind="service", with_photo=False
    )
    client.force_login(moderator)

    def names(query):
        response = client.get(QUEUE + query)
        assert response.status_code == 200
        return [row["product"].name for row in response.context["rows"]]

    assert names("?municipio=bello") == ["Bolso de fique", "Diseño de logotipo"]
    assert names("?negocio=tejidos-de-bello&tipo=service") == ["Diseño de logotipo"]
    assert names("?categoria=ropa") == ["Bolso de fique"]
    assert names("?alerta=no_image") == ["Diseño de logotipo"]
    assert names("?tipo=goods") == ["Arepa de chócolo", "Bolso de fique"]
    # An unknown value (an old bookmark) is ignored rather than failing the page.
    assert names("?municipio=cali") == ["Arepa de chócolo", "Bolso de fique", "Diseño de logotipo"]
    html = client.get(QUEUE + "?municipio=bello").content.decode()
    assert "2 publicaciones con estos filtros" in html
    # Review links keep the filters, so "Siguiente" stays within them.
    assert f'href="{review_url(bolso)}?municipio=bello"' in html
    assert arepa and service


def _category(slug):
    from catalog.models import Category

    return Category.objects.get(slug=slug)


def test_bulk_approval_reports_each_refusal_and_keeps_the_others(
    client, moderator, vendor, vendor_owner, bello_vendor
):
    bello, bello_owner = bello_vendor
    first = submit(vendor, vendor_owner, "Arepa de chócolo", hours_ago=5)
    suspended = submit(bello, bello_owner, "Bolso de fique", hours_ago=4)
    second = submit(vendor, vendor_owner, "Mermelada de mora", hours_ago=3)
    Vendor.objects.filter(pk=bello.pk).update(status="suspended")
    client.force_login(moderator)

    response = client.post(
        APPROVE_SELECTED + "?tipo=goods",
        {"producto": [first.product_id, suspended.product_id, second.product_id]},
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE + "?tipo=goods"
    statuses = dict(Product.objects.values_list("name", "status"))
    assert statuses["Arepa de chócolo"] == statuses["Mermelada de mora"] == "published"
    assert statuses["Bolso de fique"] == "in_review"
    html = client.get(QUEUE).content.decode()
    assert "Aprobaste 2 publicaciones." in html
    assert (
        "1 no se pudo aprobar: «Bolso de fique»: El negocio de este producto no está activo" in html
    )


def test_bulk_approval_refuses_a_listing_of_the_moderators_own_business(
    client, moderator, vendor, vendor_owner, bello_vendor
):
    bello, bello_owner = bello_vendor
    VendorMembershipFactory(vendor=bello, user=moderator, role="staff")
    own = submit(bello, bello_owner, "Bolso de fique", hours_ago=4)
    other = submit(vendor, vendor_owner, "Arepa de chócolo", hours_ago=3)
    client.force_login(moderator)

    client.post(APPROVE_SELECTED, {"producto": [own.product_id, other.product_id]})

    assert Product.objects.get(pk=own.product_id).status == "in_review"
    assert Product.objects.get(pk=other.product_id).status == "published"
    html = client.get(QUEUE).content.decode()
    assert "No puedes decidir sobre publicaciones de un negocio del que haces parte." in html


def test_bulk_approval_without_a_selection_says_so(client, moderator, vendor, vendor_owner):
    submit(vendor, vendor_owner, "Arepa de chócolo")
    client.force_login(moderator)

    response = client.post(APPROVE_SELECTED, follow=True)

    assert "Marca al menos una publicación para aprobarla." in response.content.decode()
    assert ModerationCase.objects.filter(decided_at__isnull=True).count() == 1


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# Session, user, the moderator's permissions (2), the vendor filter with its figures,
# categories, municipalities, the page's ids, its rows, the header's cart. A filtered queue
# counts itself, and the flag filter reads the open cases' flags.
QUEUE_QUERIES = 10


@pytest.mark.parametrize(
    ("query", "ceiling"),
    [("", QUEUE_QUERIES), ("?alerta=short_description&tipo=goods", QUEUE_QUERIES + 2)],
)
def test_queue_query_count_is_constant(client, moderator, vendor, vendor_owner, query, ceiling):
    for n in range(2):
        submit(vendor, vendor_owner, f"Producto {n}", description="Corta.", hours_ago=30 - n)
    client.force_login(moderator)
    client.get(QUEUE + query)  # warm up the session
    small = _queries(client, QUEUE + query)

    for n in range(2, 30):
        submit(vendor, vendor_owner, f"Producto {n}", description="Corta.", hours_ago=30 - n)
    large = _queries(client, QUEUE + query)
    second_page = _queries(client, QUEUE + query + ("&" if query else "?") + "pagina=2")

    assert len(client.get(QUEUE + query).context["rows"]) == 25
    assert small == large == second_page
    assert large <= ceiling


def test_queue_query_count_does_not_grow_with_businesses(client, moderator, bello_vendor):
    """The vendor filter lists every business with a listing waiting: one query for all."""

    def waiting_businesses(count, start):
        for n in range(start, start + count):
            vendor = VendorFactory(display_name=f"Tienda {n}", slug=f"tienda-{n}")
            owner = VendorMembershipFactory(vendor=vendor).user
            submit(vendor, owner, f"Producto {n}", hours_ago=5)

    waiting_businesses(2, 0)
    client.force_login(moderator)
    client.get(QUEUE)
    few = _queries(client, QUEUE)
    waiting_businesses(8, 2)

    assert _queries(client, QUEUE) == few <= QUEUE_QUERIES


def test_rows_show_price_and_cover_photo(client, moderator, vendor, vendor_owner):
    """Price and photo come from the listing's kept list fields, as the storefront shows them."""
    range_case = submit(vendor, vendor_owner, "Mochila tejida", hours_ago=3, price=80_000)
    VariantFactory(product=range_case.product, price=95_000, sku="MOC-2")
    submit(
        vendor,
        vendor_owner,
        "Diseño de logotipo",
        hours_ago=2,
        kind="service",
        pricing_mode="quote",
        with_photo=False,
    )
    submit(
        vendor,
        vendor_owner,
        "Clases de tejido",
        hours_ago=1,
        kind="service",
        pricing_mode="from",
        with_photo=False,
        price=30_000,
    )
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    assert "$\u00a080.000 – $\u00a095.000" in html
    assert "Cotización" in html
    assert "Desde $\u00a030.000" in html
    assert f"products/{range_case.product_id}/a-320.jpg" in html
    assert html.count("product-thumb--empty") == 2


def test_counts_with_and_without_filters(client, moderator, vendor, vendor_owner, bello_vendor):
    bello, bello_owner = bello_vendor
    for n in range(3):
        submit(vendor, vendor_owner, f"Arepa {n}", hours_ago=10 - n)
    submit(bello, bello_owner, "Bolso de fique", hours_ago=4)
    decided = submit(bello, bello_owner, "Vela de soya", hours_ago=70)
    listing_reject(
        product=decided.product, moderator=moderator, reason="other", message="Falta el aroma."
    )
    client.force_login(moderator)

    whole = client.get(QUEUE)
    narrowed = client.get(QUEUE + "?negocio=tejidos-de-bello")

    assert whole.context["page"].paginator.count == 4
    assert "4 publicaciones esperan revisión" in whole.content.decode()
    assert narrowed.context["page"].paginator.count == 1
    assert "1 publicación con estos filtros" in narrowed.content.decode()
    # The filter offers each business with something waiting, by name.
    choices = list(whole.context["form"].fields["negocio"].choices)
    assert choices[1:] == [
        (vendor.slug, vendor.display_name),
        ("tejidos-de-bello", "Tejidos de Bello"),
    ]


def test_queue_reads_in_english_too(client, moderator, vendor, vendor_owner):
    submit(vendor, vendor_owner, "Bolso de fique", hours_ago=50, with_photo=False, kind="service")
    client.force_login(moderator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get(QUEUE).content.decode()

    assert "Approve selected" in html
    assert "No photos" in html
    assert "Sent 2 days ago" in html and "Overdue" in html
