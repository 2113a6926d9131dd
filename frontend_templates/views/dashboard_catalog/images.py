"""Product photos: upload (with the text that describes it), delete, and move up or down. The
order is changed with plain buttons, so it works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from catalog.models import Product
from catalog.selectors import product_images_for_editing
from catalog.services.images import product_image_add, product_image_delete, product_image_reorder

from ...forms import add_service_errors
from ...forms.catalog import ImageForm
from . import staged_photos
from .common import own_image, own_product, vendor_view
from .products import IMAGE_PREFIX, edit_url, render_edit

MOVES = {"subir": -1, "bajar": 1}


@vendor_view("POST")
def image_add(request, vendor, product_id: int):
    product = own_product(request, vendor, product_id)
    token = request.POST.get(f"{IMAGE_PREFIX}-staged", "")
    files = request.FILES
    if token and f"{IMAGE_PREFIX}-image" not in files:
        # No new file chosen: reuse the photo kept from the failed attempt.
        upload = staged_photos.load(request, token, product_id=product.pk)
        if upload is not None:
            files = MultiValueDict({f"{IMAGE_PREFIX}-image": [upload]})
    form = ImageForm(request.POST, files, prefix=IMAGE_PREFIX)
    if form.is_valid():
        try:
            product_image_add(
                product=product,
                added_by=request.user,
                upload=form.cleaned_data["image"],
                alt=form.cleaned_data["alt"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            staged_photos.discard(request)
            messages.success(
                request,
                _("Agregamos la foto. Se verá en la tienda cuando el programa apruebe los cambios.")
                if product.status == Product.Status.PUBLISHED
                else _("Agregamos la foto."),
            )
            return redirect(edit_url(product, "fotos"))
    if form.errors.get("image") is None and form.cleaned_data.get("image") is not None:
        # The photo itself was fine: keep it, so only the faulty field needs fixing.
        staged_photos.stash(request, upload=form.cleaned_data["image"], product_id=product.pk)
    elif form.errors.get("image") is not None:
        staged_photos.discard(request)
    return render_edit(request, vendor, product, bound={"image": form})


@vendor_view("POST")
def image_remove(request, vendor, product_id: int, image_id: int):
    product = own_product(request, vendor, product_id)
    image = own_image(request, product, image_id)
    try:
        product_image_delete(image=image, deleted_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Eliminamos la foto «%(alt)s».") % {"alt": image.alt})
    return redirect(edit_url(product, "fotos"))


@vendor_view("POST")
def image_move(request, vendor, product_id: int, image_id: int):
    product = own_product(request, vendor, product_id)
    image = own_image(request, product, image_id)
    step = MOVES.get(request.POST.get("mover", ""))
    order = [i.pk for i in product_images_for_editing(user=request.user, product=product)]
    index = order.index(image.pk)
    target = index + (step or 0)
    if step is None or not 0 <= target < len(order):
        # A stale page (the photo is already first or last): nothing to move.
        return redirect(edit_url(product, "fotos"))
    order[index], order[target] = order[target], order[index]
    try:
        product_image_reorder(product=product, reordered_by=request.user, image_ids=order)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("La foto «%(alt)s» ahora es la número %(n)d.") % {"alt": image.alt, "n": target + 1},
        )
    return redirect(edit_url(product, f"foto-{image.pk}"))
