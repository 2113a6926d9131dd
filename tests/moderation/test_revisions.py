"""Edits to a live listing wait as a revision; the store keeps the approved version until a
moderator approves the revision, which then replaces it at once."""

import io
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from catalog.models import Category, ModerationCase, Product, ProductImage, ProductRevision
from catalog.revisions import revision_diff
from catalog.selectors import ModerationFilters, moderation_queue, product_list_visible
from catalog.services.images import product_image_add, product_image_delete
from catalog.services.moderation import listing_approve, listing_reject, listing_takedown
from catalog.services.products import (
    ProductInput,
    product_archive,
    product_revision_discard,
    product_unpublish,
    product_update,
)
from catalog.services.variants import variant_update
from marketplace.accounts.roles import Role
from marketplace.core.models import AuditEvent
from tests.catalog_graphql.support import add_image
from tests.factories import ProductFactory, UserFactory, VariantFactory


@pytest.fixture
def live(vendor):
    product = ProductFactory(
        vendor=vendor,
        name="Arepa de chócolo",
        description="Arepa de maíz tierno asada en leña, con queso campesino.",
    )
    VariantFactory(product=product, price=8000)
    add_image(product, alt="Arepa en el plato")
    return product


def _edit(product, user, **values):
    return product_update(product=product, updated_by=user, data=ProductInput(values=values))


def _webp() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "orange").save(buffer, "WEBP")
    return SimpleUploadedFile("foto.webp", buffer.getvalue())


def _public(product):
    return product_list_visible().get(pk=product.pk)


def test_an_edit_waits_and_the_live_listing_stays_unchanged(live, vendor_owner):
    _edit(live, vendor_owner, name="Arepa de chócolo gratinada", tax_class="iva_5")
    shown = _public(live)
    assert shown.name == "Arepa de chócolo"  # moderated field: waits
    assert shown.tax_class == "iva_5"  # not moderated: applies at once
    revision = ProductRevision.objects.get(product=live, status="pending")
    assert revision.changes == {"name": "Arepa de chócolo gratinada"}
    assert revision.base == {"name": "Arepa de chócolo"}
    case = ModerationCase.objects.get(product=live, decided_at__isnull=True)
    assert (case.kind, case.revision) == ("revision", revision)
    assert live.status == "published"
    event = AuditEvent.objects.filter(action="product.revision_proposed").get()
    assert event.data["after"] == {"name": "Arepa de chócolo gratinada"}


def test_further_edits_merge_and_an_undo_withdraws_the_revision(live, vendor_owner):
    _edit(live, vendor_owner, name="Arepa gratinada")
    _edit(live, vendor_owner, description="Arepa de maíz tierno, asada en leña de guayabo.")
    revision = ProductRevision.objects.get(product=live, status="pending")
    assert set(revision.changes) == {"name", "description"}
    _edit(live, vendor_owner, name="Arepa de chócolo", description=live.description)
    revision.refresh_from_db()
    assert revision.status == "withdrawn"
    assert not ModerationCase.objects.filter(product=live, decided_at__isnull=True).exists()


def test_approval_replaces_the_live_version_at_once(
    live, vendor_owner, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    category = Category.objects.exclude(pk=live.category_id).first()
    _edit(live, vendor_owner, name="Arepa gratinada", category=category.slug)
    published_at = Product.objects.get(pk=live.pk).published_at
    with django_capture_on_commit_callbacks(execute=True):
        listing_approve(product=live, moderator=moderator)
    shown = _public(live)
    assert (shown.name, shown.category_id, shown.published_at) == (
        "Arepa gratinada",
        category.pk,
        published_at,  # an approved change does not make the listing "new"
    )
    revision = ProductRevision.objects.get(product=live)
    case = ModerationCase.objects.get(product=live, kind="revision")
    assert (revision.status, case.decision, case.decided_by) == ("approved", "approved", moderator)
    event = AuditEvent.objects.filter(action="revision.approved").get()
    assert event.data["before"]["name"] == "Arepa de chócolo"
    assert event.data["after"]["name"] == "Arepa gratinada"
    assert [m.subject for m in mailoutbox] == ["Aprobamos los cambios de «Arepa gratinada»"]


def test_rejection_keeps_the_live_version_and_says_why(live, vendor_owner, moderator):
    _edit(live, vendor_owner, name="ARMAS de juguete")
    with pytest.raises(ValidationError) as exc:
        listing_reject(product=live, moderator=moderator, reason="", message="")
    assert set(exc.value.error_dict) == {"reason", "message"}
    assert ProductRevision.objects.get(product=live).status == "pending"  # nothing changed
    listing_reject(
        product=live,
        moderator=moderator,
        reason="prohibited_item",
        message="Ese nombre no corresponde al producto.",
    )
    assert _public(live).name == "Arepa de chócolo"
    assert ProductRevision.objects.get(product=live).status == "rejected"
    live.refresh_from_db()
    assert live.status == "published"
    with pytest.raises(ValidationError) as exc:
        listing_approve(product=live, moderator=moderator)
    assert exc.value.error_dict["status"][0].code == "not_in_review"


def test_photos_added_to_a_live_listing_are_staged_until_approval(live, vendor_owner, moderator):
    old = ProductImage.objects.get(product=live)
    new = product_image_add(product=live, added_by=vendor_owner, upload=_webp(), alt="De lado")
    product_image_delete(image=old, deleted_by=vendor_owner)
    # The store still shows only the live photo.
    assert [i.alt for i in _public(live).images.all()] == ["Arepa en el plato"]
    assert new.revision is not None
    revision = ProductRevision.objects.get(product=live, status="pending")
    assert revision.changes["images"] == [{"id": new.pk, "alt": "De lado"}]
    diff = {change.field: change for change in revision_diff(revision)}
    assert [e["removed"] for e in diff["images"].before_images] == [True]
    assert [e["added"] for e in diff["images"].after_images] == [True]
    listing_approve(product=live, moderator=moderator)
    assert [i.alt for i in _public(live).images.all()] == ["De lado"]
    assert not ProductImage.with_staged.filter(pk=old.pk).exists()


def test_rejected_photos_are_removed(live, vendor_owner, moderator):
    new = product_image_add(product=live, added_by=vendor_owner, upload=_webp(), alt="Borrosa")
    listing_reject(
        product=live, moderator=moderator, reason="poor_or_missing_images", message="Borrosa."
    )
    assert not ProductImage.with_staged.filter(pk=new.pk).exists()
    assert [i.alt for i in _public(live).images.all()] == ["Arepa en el plato"]


def test_a_large_price_change_applies_at_once_and_is_flagged(live, vendor_owner, moderator):
    variant = live.variants.get()
    variant_update(variant=variant, updated_by=vendor_owner, values={"price": 9000})
    assert not ModerationCase.objects.filter(product=live, decided_at__isnull=True).exists()
    variant_update(variant=variant, updated_by=vendor_owner, values={"price": 90000})
    assert _public(live).min_price == 90000
    case = ModerationCase.objects.get(product=live, decided_at__isnull=True)
    assert case.kind == "revision" and case.revision is None
    assert case.flags == [{"code": "price_change", "sku": variant.sku, "old": 9000, "new": 90000}]
    assert [c.pk for c in moderation_queue(user=moderator, filters=ModerationFilters())] == [
        case.pk
    ]
    listing_approve(product=live, moderator=moderator)  # confirmed: the price stays
    assert _public(live).min_price == 90000


def test_queue_shows_revisions_of_live_listings_with_their_diff(live, vendor_owner, moderator):
    _edit(live, vendor_owner, description="Solo maíz.")
    case = moderation_queue(user=moderator).get()
    assert case.revision.changes == {"description": "Solo maíz."}
    assert {f["code"] for f in case.flags} == {"short_description"}
    [change] = revision_diff(case.revision)
    assert change.before == live.description and change.after == "Solo maíz."
    assert "".join(text for _kind, text in change.after_segments) == "Solo maíz."
    assert ("added", "Solo") in change.after_segments
    assert ("same", " maíz") in change.after_segments


def test_vendor_discards_its_revision(live, vendor_owner, moderator):
    new = product_image_add(product=live, added_by=vendor_owner, upload=_webp(), alt="Nueva")
    product_revision_discard(product=live, discarded_by=vendor_owner)
    assert ProductRevision.objects.get(product=live).status == "withdrawn"
    assert not ProductImage.with_staged.filter(pk=new.pk).exists()
    assert not moderation_queue(user=moderator).exists()
    with pytest.raises(ValidationError):
        product_revision_discard(product=live, discarded_by=vendor_owner)


def test_withdrawing_the_listing_keeps_the_edits_as_its_own(live, vendor_owner):
    _edit(live, vendor_owner, name="Arepa gratinada")
    product_unpublish(product=live, unpublished_by=vendor_owner)
    live.refresh_from_db()
    assert (live.status, live.name) == ("unpublished", "Arepa gratinada")
    case = ModerationCase.objects.get(product=live, kind="revision")
    assert case.decision == "withdrawn"


def test_archiving_drops_the_edits(live, vendor_owner):
    _edit(live, vendor_owner, name="Arepa gratinada")
    product_archive(product=live, archived_by=vendor_owner)
    live.refresh_from_db()
    assert (live.status, live.name) == ("archived", "Arepa de chócolo")
    assert ProductRevision.objects.get(product=live).status == "withdrawn"


def test_a_takedown_closes_the_waiting_revision(
    live, vendor_owner, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    _edit(live, vendor_owner, name="Arepa gratinada")
    with django_capture_on_commit_callbacks(execute=True):
        listing_takedown(
            product=live, moderator=moderator, reason="misleading_information", message="No."
        )
    live.refresh_from_db()
    assert (live.status, live.name) == ("unpublished", "Arepa de chócolo")
    assert ProductRevision.objects.get(product=live).status == "rejected"
    decisions = sorted(
        ModerationCase.objects.filter(product=live).values_list("decision", flat=True)
    )
    assert decisions == ["rejected", "taken_down"]
    assert len(mailoutbox) == 1  # one email: the takedown


def test_a_draft_is_edited_in_place(vendor, vendor_owner):
    draft = ProductFactory(vendor=vendor, status="draft", name="Borrador", photo=True)
    _edit(draft, vendor_owner, name="Borrador corregido")
    draft.refresh_from_db()
    assert draft.name == "Borrador corregido"
    assert not ProductRevision.objects.exists()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks need PostgreSQL (SQLite serialises whole-database writes)",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_on_a_revision_one_loses_cleanly(
    reference_data, vendor, vendor_owner
):
    first, second = UserFactory(roles=[Role.MODERATOR]), UserFactory(roles=[Role.COORDINATOR])
    product = ProductFactory(vendor=vendor, name="Arepa de chócolo")
    VariantFactory(product=product)
    _edit(product, vendor_owner, name="Arepa gratinada")
    barrier, outcomes = threading.Barrier(2), []

    def decide(user, action):
        try:
            barrier.wait()
            target = Product.objects.get(pk=product.pk)
            if action == "approve":
                listing_approve(product=target, moderator=user)
            else:
                listing_reject(product=target, moderator=user, reason="other", message="No")
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.error_dict["status"][0].code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(first, "approve")),
        threading.Thread(target=decide, args=(second, "reject")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["not_in_review", "ok"]
    revision = ProductRevision.objects.get(product=product)
    product.refresh_from_db()
    assert (product.name, revision.status) in {
        ("Arepa gratinada", "approved"),
        ("Arepa de chócolo", "rejected"),
    }
    assert AuditEvent.objects.filter(action__startswith="revision.").count() == 1


def test_a_decision_on_an_outdated_page_is_refused(live, vendor_owner, moderator):
    from catalog.revisions import case_version

    _edit(live, vendor_owner, name="Arepa gratinada")
    seen = case_version(ModerationCase.objects.get(product=live, decided_at__isnull=True))
    _edit(live, vendor_owner, name="Arepa ARMAS")  # the vendor edits again meanwhile
    with pytest.raises(ValidationError) as exc:
        listing_approve(product=live, moderator=moderator, seen=seen)
    assert exc.value.error_dict["status"][0].code == "review_outdated"
    assert _public(live).name == "Arepa de chócolo"
    case = ModerationCase.objects.get(product=live, decided_at__isnull=True)
    listing_approve(product=live, moderator=moderator, seen=case_version(case))
    assert _public(live).name == "Arepa ARMAS"


def test_bulk_approval_leaves_changes_to_live_listings_for_their_own_review(
    live, vendor_owner, moderator
):
    from catalog.services.moderation_bulk import listing_approve_many

    _edit(live, vendor_owner, name="Arepa gratinada")
    [outcome] = listing_approve_many(moderator=moderator, product_ids=[live.pk])
    assert (outcome.approved, outcome.code) == (False, "review_required")
    assert ProductRevision.objects.get(product=live).status == "pending"


def test_a_rejected_price_change_goes_back_to_the_price_before(live, vendor_owner, moderator):
    variant = live.variants.get()
    variant_update(variant=variant, updated_by=vendor_owner, values={"price": 80000})
    listing_reject(
        product=live, moderator=moderator, reason="price_error", message="Sobra un cero."
    )
    variant.refresh_from_db()
    assert variant.price == 8000
    assert _public(live).min_price == 8000


def test_deleting_the_only_staged_photo_withdraws_the_revision(live, vendor_owner, moderator):
    new = product_image_add(product=live, added_by=vendor_owner, upload=_webp(), alt="Nueva")
    product_image_delete(image=new, deleted_by=vendor_owner)
    assert ProductRevision.objects.get(product=live).status == "withdrawn"
    assert not moderation_queue(user=moderator).exists()
    assert not ProductImage.with_staged.filter(pk=new.pk).exists()


def test_saving_unchanged_values_opens_no_revision(live, vendor_owner):
    ProductFactory._meta.model.objects.filter(pk=live.pk).update(description="Uno.\n\nDos.")
    live.refresh_from_db()
    # What a browser sends back for the same text: CRLF line breaks.
    _edit(live, vendor_owner, name=live.name, description="Uno.\r\n\r\nDos.", tax_class="iva_5")
    assert not ProductRevision.objects.exists()
    assert not ModerationCase.objects.filter(product=live).exists()


def test_a_listing_with_revision_history_can_be_deleted(live, vendor_owner, moderator):
    _edit(live, vendor_owner, name="Arepa gratinada")
    listing_approve(product=live, moderator=moderator)
    Product.objects.filter(pk=live.pk).delete()
    assert not ProductRevision.objects.exists()
