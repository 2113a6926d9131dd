"""A product's dashboard page tells its team what moderation decided: a callout with the reason
and the message while a refusal still stands, and the review history, newest first, without
naming the moderators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.services.moderation import listing_approve, listing_reject, listing_takedown
from catalog.services.products import product_submit_for_review
from tests.factories import ProductImageFactory, VendorMembershipFactory

MESSAGE = "La foto muestra otra camiseta: sube una de la que vendes."
CALLOUT = "review-callout"


@pytest.fixture(autouse=True)
def _goods_have_a_photo(request):
    """Goods need a photo to go to review."""
    for name in ("draft", "foreign"):
        if name in request.fixturenames:
            ProductImageFactory(product=request.getfixturevalue(name))


@pytest.fixture
def moderator(moderator):
    moderator.first_name, moderator.last_name = "Valentina", "Ospina"
    moderator.save(update_fields=["first_name", "last_name"])
    return moderator


def _reject(product, moderator, message=MESSAGE):
    listing_reject(
        product=product, moderator=moderator, reason="poor_or_missing_images", message=message
    )


def _page(client, product) -> str:
    response = client.get(reverse("vendors:product_edit", args=[product.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_rejected_listing_shows_why_at_the_top_and_its_history(
    owner_client, draft, vendor_owner, moderator
):
    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    _reject(draft, moderator)

    html = _page(owner_client, draft)
    assert CALLOUT in html
    callout = html[html.index(CALLOUT) : html.index('id="historial"')]
    assert "No aprobamos esta publicación todavía" in callout
    assert "Imágenes deficientes o ausentes" in callout and MESSAGE in callout
    assert "Enviar a revisión" in callout
    # The callout comes before the page's forms.
    assert html.index(CALLOUT) < html.index('id="variantes"')

    history = html[html.index('id="historial"') : html.index("</details>")]
    assert "Historial de revisión" in history and "(1)" in history
    assert "Rechazada" in history and "Enviada a revisión" in history and "Decidida" in history
    assert MESSAGE in history


def test_moderators_are_never_named_to_the_vendor(owner_client, draft, vendor_owner, moderator):
    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    _reject(draft, moderator)
    html = _page(owner_client, draft)
    for identity in ("Valentina", "Ospina", moderator.email):
        assert identity not in html


def test_resubmitting_replaces_the_callout_with_a_pending_entry(
    owner_client, draft, vendor_owner, moderator
):
    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    _reject(draft, moderator, message="Primera vez: falta la foto.")
    product_submit_for_review(product=draft, submitted_by=vendor_owner)

    html = _page(owner_client, draft)
    assert CALLOUT not in html
    history = html[html.index('id="historial"') : html.index("</details>")]
    assert "(2)" in history
    assert history.index("En revisión") < history.index("Rechazada")
    assert "Primera vez: falta la foto." in history


def test_approved_listing_has_history_and_no_callout(owner_client, draft, vendor_owner, moderator):
    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    listing_approve(product=draft, moderator=moderator)
    html = _page(owner_client, draft)
    assert CALLOUT not in html and "Aprobada" in html


def test_taken_down_listing_says_so_until_sent_again(owner_client, draft, vendor_owner, moderator):
    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    listing_approve(product=draft, moderator=moderator)
    listing_takedown(
        product=draft, moderator=moderator, reason="misleading_information", message="Precio falso."
    )
    html = _page(owner_client, draft)
    assert "Retiramos esta publicación de la tienda" in html and "Precio falso." in html


def test_a_never_submitted_draft_has_no_history(owner_client, draft):
    html = _page(owner_client, draft)
    assert "Historial de revisión" not in html and CALLOUT not in html


def test_another_vendors_history_stays_out_of_reach(client, foreign, moderator, other_vendor):
    owner_b = other_vendor.memberships.get().user
    product_submit_for_review(product=foreign, submitted_by=owner_b)
    _reject(foreign, moderator, message="Solo para B.")
    client.force_login(VendorMembershipFactory().user)
    response = client.get(reverse("vendors:product_edit", args=[foreign.pk]))
    assert response.status_code == 403
    assert "Solo para B." not in response.content.decode()


def test_history_costs_the_same_queries_for_one_case_as_for_five(
    owner_client, draft, vendor_owner, moderator
):
    url = reverse("vendors:product_edit", args=[draft.pk])
    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    _reject(draft, moderator)
    owner_client.get(url)

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = owner_client.get(url)
        return len(captured), len(response.context["moderation_cases"])

    small, cases = count()
    assert cases == 1
    for n in range(4):
        product_submit_for_review(product=draft, submitted_by=vendor_owner)
        _reject(draft, moderator, message=f"Vez {n}")
    large, cases = count()
    assert cases == 5
    assert small == large
