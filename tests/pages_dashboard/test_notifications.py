"""The dashboard's "Avisos" page from the outside: a moderation decision shows up there with
what to fix and a link to the product, the nav counts unread notices on every dashboard page,
one button marks them all read, and vendor A's team never sees or touches vendor B's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.services.moderation import listing_approve, listing_reject
from catalog.services.products import product_submit_for_review
from tests.factories import ProductFactory, VariantFactory
from vendors.models import VendorNotification
from vendors.services.notifications import vendor_notify

NOTICES = "/vender/panel/avisos/"
MARK_READ = "/vender/panel/avisos/marcar-leidos/"
SESSION_KEY = "vendors.current_vendor_id"


def _submitted(vendor, owner, name):
    product = ProductFactory(
        vendor=vendor, name=name, status="draft", published_at=None, photo=True
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=owner)
    return product


@pytest.fixture
def decided(vendor, vendor_owner, moderator):
    """One approved and then one rejected listing of `vendor`."""
    approved = _submitted(vendor, vendor_owner, "Mazamorra con panela")
    listing_approve(product=approved, moderator=moderator)
    rejected = _submitted(vendor, vendor_owner, "Camiseta estampada")
    listing_reject(
        product=rejected,
        moderator=moderator,
        reason="price_error",
        message="El precio de la talla L no coincide con la foto.",
    )
    return {"approved": approved, "rejected": rejected}


def _notify(vendor, n):
    return vendor_notify(
        vendor=vendor,
        kind="listing_rejected",
        title=f"Rechazamos «Producto {n}»: Duplicado",
        body="Motivo: Duplicado.",
        url=reverse("vendors:product_edit", args=[n]),
    )


def test_urls():
    assert reverse("vendors:notifications") == NOTICES
    assert reverse("vendors:notifications_mark_read") == MARK_READ


def test_anonymous_people_are_sent_to_log_in(client, settings):
    for response in (client.get(NOTICES), client.post(MARK_READ)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_notices_list_newest_first_with_what_to_fix_and_links(owner_client, decided):
    response = owner_client.get(NOTICES)
    html = response.content.decode()
    rejected, approved = response.context["notices"]
    assert rejected.kind == "listing_rejected" and approved.kind == "listing_approved"
    assert "Rechazamos «Camiseta estampada»: Error en el precio" in html
    assert "El precio de la talla L no coincide con la foto." in html
    assert html.index("Camiseta estampada") < html.index("Mazamorra con panela")
    fix = reverse("vendors:notification_open", args=[rejected.pk])
    see = reverse("vendors:notification_open", args=[approved.pk])
    assert f'action="{fix}"' in html and "Corregir y reenviar</button>" in html
    assert f'action="{see}"' in html and "Ver producto</button>" in html
    assert html.count("notice--unread") == 2
    assert "Marcar todo como leído" in html


def test_mark_all_read_clears_the_badge_and_the_emphasis(owner_client, decided):
    assert (
        'class="dash-nav__count">2'
        in owner_client.get(reverse("vendors:products")).content.decode()
    )

    response = owner_client.post(MARK_READ, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == NOTICES
    assert "Marcamos todos los avisos como leídos." in html
    assert "notice--unread" not in html and "dash-nav__count" not in html
    assert "Marcar todo como leído" not in html
    assert not VendorNotification.objects.filter(read_at__isnull=True).exists()


def test_following_a_notice_marks_it_read_and_opens_the_product(owner_client, decided):
    rejected = VendorNotification.objects.get(kind="listing_rejected")
    response = owner_client.post(reverse("vendors:notification_open", args=[rejected.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("vendors:product_edit", args=[decided["rejected"].pk])
    rejected.refresh_from_db()
    assert rejected.read_at is not None
    assert VendorNotification.objects.filter(read_at__isnull=True).count() == 1


def test_a_notice_with_a_foreign_link_goes_back_to_the_list(owner_client, vendor):
    notice = vendor_notify(
        vendor=vendor, kind="listing_approved", title="x", body="", url="https://example.org/"
    )
    response = owner_client.post(reverse("vendors:notification_open", args=[notice.pk]))
    assert response["Location"] == NOTICES


def test_mark_read_takes_only_post(owner_client, decided):
    assert owner_client.get(MARK_READ).status_code == 405
    assert VendorNotification.objects.filter(read_at__isnull=True).count() == 2


def test_nav_badge_counts_unread_notices_on_every_dashboard_page(owner_client, vendor, decided):
    for name in ("vendors:dashboard", "vendors:products", "vendors:quotes", "vendors:team"):
        html = owner_client.get(reverse(name)).content.decode()
        assert 'class="dash-nav__count">2<span class="visually-hidden"> sin leer' in html, name
    VendorNotification.objects.update(read_at="2026-01-01T00:00:00Z")
    assert "dash-nav__count" not in owner_client.get(reverse("vendors:products")).content.decode()


def test_a_member_of_another_vendor_sees_and_marks_none_of_these(
    client, decided, other_vendor, vendor
):
    outsider = other_vendor.memberships.get().user
    client.force_login(outsider)
    _notify(other_vendor, 99)

    html = client.get(NOTICES).content.decode()
    assert "Camiseta estampada" not in html and "Mazamorra" not in html
    assert "Producto 99" in html
    assert 'class="dash-nav__count">1<' in html

    client.post(MARK_READ)
    theirs = VendorNotification.objects.filter(vendor=vendor).first()
    assert client.post(reverse("vendors:notification_open", args=[theirs.pk])).status_code == 403
    assert VendorNotification.objects.filter(vendor=vendor, read_at__isnull=True).count() == 2

    # A session pointed at vendor A's id gets the 403 page, for reading and for marking.
    session = client.session
    session[SESSION_KEY] = vendor.pk
    session.save()
    assert client.get(NOTICES).status_code == 403
    assert client.post(MARK_READ).status_code == 403
    assert VendorNotification.objects.filter(vendor=vendor, read_at__isnull=True).count() == 2


def test_no_notices_yet_explains_what_will_come(owner_client):
    html = owner_client.get(NOTICES).content.decode()
    assert "Todavía no tienes avisos" in html
    assert "Marcar todo como leído" not in html


def test_notices_page_query_count_is_constant(owner_client, vendor):
    for n in range(2):
        _notify(vendor, n)
    owner_client.get(NOTICES)  # warm up the session and the user

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = owner_client.get(NOTICES)
        assert response.status_code == 200
        return len(captured), len(response.context["notices"])

    small, shown = count()
    assert shown == 2
    for n in range(2, 20):
        _notify(vendor, n)
    large, shown = count()
    assert shown == 20
    assert small == large


def test_the_notices_page_reads_in_english(owner_client, decided):
    owner_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = owner_client.get(NOTICES).content.decode()
    for text in ("Notices", "Mark all as read", "2 unread notices", "Fix and resend"):
        assert text in html
    product = owner_client.get(reverse("vendors:product_edit", args=[decided["rejected"].pk]))
    page = product.content.decode()
    assert "We have not approved this listing yet" in page and "Review history" in page
