"""The business's products and services: the list, the create page, the edit page (which holds
the variants, stock and photos sections, each posting to its own view) and the status actions
(send for review, withdraw from the store, archive)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Product
from catalog.revisions import proposed_listing, revision_diff
from catalog.selectors import (
    category_tree,
    moderation_history_for_vendor,
    product_images_for_editing,
    product_revision_for,
    stock_movements_for_product,
)
from catalog.selectors_dashboard import product_rows_for_vendor
from catalog.services.products import (
    ProductInput,
    product_archive,
    product_create_with_variant,
    product_revision_discard,
    product_submit_for_review,
    product_update,
)
from catalog.services.products import product_withdraw as product_withdraw_service
from marketplace.core.money import format_cop
from marketplace.core.selectors import municipality_list

from ...forms import add_service_errors
from ...forms.catalog import (
    ImageForm,
    ProductFilterForm,
    ProductForm,
    StockForm,
    VariantForm,
)
from ..vendors_public import picture
from . import staged_photos
from .common import CountedPaginator, own_product, summarize, summarize_listed, vendor_view

PAGE_SIZE = 50
EDIT_IMAGE_SIZES = "(min-width: 60rem) 10rem, 40vw"
# Which status actions a vendor's member has from each status (catalog.services.products
# decides; these only choose the buttons worth showing).
CAN_SUBMIT = {Product.Status.DRAFT, Product.Status.REJECTED, Product.Status.UNPUBLISHED}
CAN_ARCHIVE = {
    Product.Status.DRAFT,
    Product.Status.REJECTED,
    Product.Status.PUBLISHED,
    Product.Status.UNPUBLISHED,
}
NEW_VARIANT_PREFIX = "nueva"
IMAGE_PREFIX = "foto"


def variant_prefix(variant) -> str:
    return f"v{variant.pk}"


def stock_prefix(variant) -> str:
    return f"s{variant.pk}"


def edit_url(product, section: str = "") -> str:
    url = reverse("vendors:product_edit", kwargs={"product_id": product.pk})
    return f"{url}#{section}" if section else url


@vendor_view("GET", "HEAD")
def product_list(request, vendor):
    form = ProductFilterForm(request.GET)
    status = form.status()
    listing = product_rows_for_vendor(user=request.user, vendor=vendor, status=status)
    counts = listing.counts
    page = CountedPaginator(listing.products, PAGE_SIZE, count=listing.total(status)).get_page(
        request.GET.get("pagina")
    )
    rows = [{"product": product, "summary": summarize_listed(product)} for product in page]
    # Every status with products, and the one being looked at even when it has none, so the
    # filter never hides where the person is.
    filters = [{"value": "", "label": _("Todos"), "count": sum(counts.values())}] + [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Product.Status.choices
        if counts.get(value) or value == status
    ]
    return render(
        request,
        "vendors/catalog/products.html",
        {
            "vendor": vendor,
            "page": page,
            "rows": rows,
            "filters": filters,
            "status": status,
            "total": sum(counts.values()),
        },
    )


def _product_form(data=None, *, with_variant=False, initial=None):
    return ProductForm(
        data,
        initial=initial,
        categories=category_tree(),
        municipalities=municipality_list(),
        with_variant=with_variant,
    )


@vendor_view("GET", "POST")
def product_new(request, vendor):
    form = _product_form(request.POST or None, with_variant=True)
    if request.method == "POST" and form.is_valid():
        try:
            product = product_create_with_variant(
                vendor=vendor,
                created_by=request.user,
                data=ProductInput(
                    values=form.product_values(), service_municipalities=form.municipalities()
                ),
                variant_values=form.variant_values(),
                initial_stock=form.cleaned_data["initial_stock"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Creamos «%(name)s» como borrador. Agrega fotos y, cuando esté listo, "
                    "envíalo a revisión."
                )
                % {"name": product.name},
            )
            return redirect(edit_url(product))
    return render(request, "vendors/catalog/product_new.html", {"vendor": vendor, "form": form})


def _product_initial(product, revision=None) -> dict:
    """The form starts from what the vendor last proposed: a live listing's pending revision
    over its published values."""
    shown = proposed_listing(product, revision)
    return {
        "name": shown.product.name,
        "description": shown.product.description,
        "category": shown.product.category.slug,
        "kind": shown.product.kind,
        "tax_class": product.tax_class,
        "pricing_mode": shown.product.pricing_mode,
        "duration_minutes": shown.product.duration_minutes or "",
        "service_municipalities": [m.slug for m in shown.service_municipalities],
    }


def render_edit(request, vendor, product, *, bound: dict | None = None):
    """The edit page. `bound` holds the one form that was just posted with errors (under
    "product", "new_variant", "image", or a variant's or stock form's prefix), shown in place
    of its blank twin and summed up at the top of the page."""
    bound = bound or {}
    variants = []
    for variant in product.variants.all():
        variants.append(
            {
                "variant": variant,
                "price": format_cop(variant.price),
                "compare_at": format_cop(variant.compare_at_price),
                "form": bound.get(variant_prefix(variant))
                or VariantForm(
                    initial=VariantForm.initial_for(variant), prefix=variant_prefix(variant)
                ),
                "stock_form": bound.get(stock_prefix(variant))
                or StockForm(prefix=stock_prefix(variant)),
            }
        )
    revision = product_revision_for(user=request.user, product=product)
    images = product_images_for_editing(user=request.user, product=product)
    failed = next(iter(bound.values()), None)
    return render(
        request,
        "vendors/catalog/product_edit.html",
        {
            "vendor": vendor,
            "product": product,
            "summary": summarize(product),
            "editable": product.status != Product.Status.ARCHIVED,
            "form": bound.get("product")
            or _product_form(initial=_product_initial(product, revision)),
            "revision": revision,
            "revision_changes": revision_diff(revision),
            "is_live": product.status == Product.Status.PUBLISHED,
            "variants": variants,
            "new_variant_form": bound.get("new_variant")
            or VariantForm(
                creating=True, prefix=NEW_VARIANT_PREFIX, initial={"track_inventory": True}
            ),
            "image_form": bound.get("image") or ImageForm(prefix=IMAGE_PREFIX),
            "staged_photo": staged_photos.pending(request, product_id=product.pk),
            "images": [
                {
                    "image": image,
                    "pic": picture(image.image, sizes=EDIT_IMAGE_SIZES),
                    "staged": image.revision_id is not None,
                }
                for image in images
            ],
            "movements": stock_movements_for_product(user=request.user, product=product),
            "moderation_cases": moderation_history_for_vendor(
                user=request.user, vendor=vendor, product=product
            ),
            "failed_form": failed,
            "can_submit": product.status in CAN_SUBMIT,
            "can_unpublish": product.status == Product.Status.PUBLISHED,
            "can_withdraw_review": product.status == Product.Status.IN_REVIEW,
            "can_archive": product.status in CAN_ARCHIVE,
        },
    )


@vendor_view("GET", "POST")
def product_edit(request, vendor, product_id: int):
    product = own_product(request, vendor, product_id)
    if request.method == "GET":
        return render_edit(request, vendor, product)
    form = _product_form(request.POST)
    if form.is_valid():
        try:
            product_update(
                product=product,
                updated_by=request.user,
                data=ProductInput(
                    values=form.product_values(), service_municipalities=form.municipalities()
                ),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if product.status == Product.Status.PUBLISHED:
                messages.success(
                    request,
                    _(
                        "Guardamos tus cambios y los enviamos a revisión. La tienda sigue "
                        "mostrando la versión publicada hasta que el equipo del programa los "
                        "apruebe."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Guardamos los cambios de «%(name)s».")
                    % {"name": form.cleaned_data["name"].strip()},
                )
            return redirect(edit_url(product))
    return render_edit(request, vendor, product, bound={"product": form})


@vendor_view("POST")
def product_submit(request, vendor, product_id: int):
    product = own_product(request, vendor, product_id)
    try:
        product_submit_for_review(product=product, submitted_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        # Membership was checked when the product was found, so this is the refusal to
        # publish for a business that is not active (suspended, not yet approved): the
        # person reads why on the page they were on rather than on a 403 page.
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Enviamos «%(name)s» a revisión. El equipo del programa lo publicará en la "
                "tienda si todo está bien."
            )
            % {"name": product.name},
        )
    return redirect(edit_url(product))


@vendor_view("POST")
def product_revision_drop(request, vendor, product_id: int):
    product = own_product(request, vendor, product_id)
    try:
        product_revision_discard(product=product, discarded_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Descartamos los cambios pendientes. La tienda sigue mostrando «%(name)s» como está.")
            % {"name": product.name},
        )
    return redirect(edit_url(product))


@vendor_view("POST")
def product_withdraw(request, vendor, product_id: int):
    product = own_product(request, vendor, product_id)
    was_in_review = product.status == Product.Status.IN_REVIEW
    try:
        product_withdraw_service(product=product, withdrawn_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if was_in_review:
            text = _(
                "Retiramos «%(name)s» de la revisión: volvió a ser un borrador. Envíalo de nuevo "
                "cuando esté listo."
            )
        else:
            text = _(
                "Retiramos «%(name)s» de la tienda. Para volver a publicarlo, envíalo a revisión."
            )
        messages.success(request, text % {"name": product.name})
    return redirect(edit_url(product))


@vendor_view("GET", "POST")
def product_archive_confirm(request, vendor, product_id: int):
    """Archiving cannot be undone, so it takes a page of its own: the button on the edit page
    only leads here, and the POST from here archives."""
    product = own_product(request, vendor, product_id)
    if request.method == "POST":
        try:
            product_archive(product=product, archived_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(edit_url(product))
        messages.success(
            request,
            _("Archivamos «%(name)s». Ya no aparece en la tienda ni se puede editar.")
            % {"name": product.name},
        )
        return redirect("vendors:products")
    return render(
        request,
        "vendors/catalog/product_archive.html",
        {"vendor": vendor, "product": product, "can_archive": product.status in CAN_ARCHIVE},
    )
