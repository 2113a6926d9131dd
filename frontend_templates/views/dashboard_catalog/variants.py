"""Variants and stock, from the edit page's forms. The variant is looked for only among the
product's own (which the business's membership already scoped), so an id from another product
or business is refused before any service runs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from catalog.models import StockMovement
from catalog.services.variants import stock_adjust, variant_create, variant_delete, variant_update

from ...forms import add_service_errors
from ...forms.catalog import StockForm, VariantForm
from .common import own_product, own_variant, vendor_view
from .products import NEW_VARIANT_PREFIX, edit_url, render_edit, stock_prefix, variant_prefix


def _label(variant) -> str:
    return variant.name or variant.sku


@vendor_view("POST")
def variant_add(request, vendor, product_id: int):
    product = own_product(request, vendor, product_id)
    form = VariantForm(request.POST, creating=True, prefix=NEW_VARIANT_PREFIX)
    if form.is_valid():
        try:
            variant = variant_create(
                product=product,
                created_by=request.user,
                values=form.values(),
                initial_stock=form.cleaned_data["initial_stock"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Agregamos la variante «%(name)s».") % {"name": _label(variant)}
            )
            return redirect(edit_url(product, "variantes"))
    return render_edit(request, vendor, product, bound={"new_variant": form})


@vendor_view("POST")
def variant_edit(request, vendor, product_id: int, variant_id: int):
    product = own_product(request, vendor, product_id)
    variant = own_variant(product, variant_id)
    form = VariantForm(request.POST, prefix=variant_prefix(variant))
    if form.is_valid():
        try:
            variant_update(variant=variant, updated_by=request.user, values=form.values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Guardamos la variante «%(name)s».") % {"name": _label(variant)}
            )
            return redirect(edit_url(product, f"variante-{variant.pk}"))
    return render_edit(request, vendor, product, bound={variant_prefix(variant): form})


@vendor_view("POST")
def variant_remove(request, vendor, product_id: int, variant_id: int):
    product = own_product(request, vendor, product_id)
    variant = own_variant(product, variant_id)
    try:
        variant_delete(variant=variant, deleted_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Eliminamos la variante «%(name)s».") % {"name": _label(variant)}
        )
    return redirect(edit_url(product, "variantes"))


@vendor_view("POST")
def variant_stock(request, vendor, product_id: int, variant_id: int):
    product = own_product(request, vendor, product_id)
    variant = own_variant(product, variant_id)
    form = StockForm(request.POST, prefix=stock_prefix(variant))
    if form.is_valid():
        try:
            movement = stock_adjust(
                variant=variant,
                delta=form.cleaned_data["delta"],
                reason=StockMovement.Reason.MANUAL,
                actor=request.user,
                note=form.cleaned_data["note"].strip(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Existencias de «%(name)s»: ahora hay %(n)d.")
                % {"name": _label(variant), "n": movement.quantity_after},
            )
            return redirect(edit_url(product, f"variante-{variant.pk}"))
    return render_edit(request, vendor, product, bound={stock_prefix(variant): form})
