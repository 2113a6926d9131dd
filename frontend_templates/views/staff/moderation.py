"""The moderation queue (open cases, the longest waiting first, approved a page at a time if
need be) and the review page of one case: the listing previewed as citizens will see it, its
automatic flags and history, and the decisions. Reads go through catalog.selectors, decisions
through catalog.services; a refused decision comes back as a message and changes nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from catalog import selectors
from catalog.models import Product, ProductRevision
from catalog.revisions import case_version, changed_fields, proposed_listing
from catalog.selectors_moderation import (
    moderation_queue_ids,
    moderation_queue_rows,
    moderation_queue_vendors,
)
from catalog.services.moderation import listing_approve, listing_reject, listing_takedown
from catalog.services.moderation_bulk import listing_approve_many
from marketplace.core.numbers import ascii_int
from marketplace.core.selectors import municipality_list

from ...forms import add_service_errors
from ...forms.moderation import DecisionForm, ModerationFilterForm
from ..dashboard_catalog.common import CountedPaginator, listed
from ..product_display import product_display, select_variant
from .access import MANAGE_VENDORS, MODERATE_LISTINGS, staff_view
from .moderation_display import flag_choices, flags_for, waiting
from .revision_display import diff_for_review

PAGE_SIZE = 25


def _filter_form(request, vendors=None) -> ModerationFilterForm:
    if vendors is None:
        vendors = moderation_queue_vendors(user=request.user)
    return ModerationFilterForm(
        request.GET or None,
        municipalities=municipality_list(),
        categories=selectors.category_list(),
        vendors=[(vendor.slug, vendor.name) for vendor in vendors],
        flags=flag_choices(),
    )


def _case(request, case_id: int):
    # Moderators see every case: a 404 tells them nothing the queue does not show. Anyone else
    # was refused by staff_view before the id was looked at.
    case = selectors.moderation_case_get(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _review_url(case_id: int, query: str) -> str:
    return reverse("staff:listing_review", args=[case_id]) + query


@staff_view(MODERATE_LISTINGS)
@require_safe
def queue(request):
    vendors = moderation_queue_vendors(user=request.user)
    form = _filter_form(request, vendors)
    ids = moderation_queue_ids(user=request.user, filters=form.filters())
    if form.is_filtered:
        paginator = Paginator(ids, PAGE_SIZE)
    else:
        # The vendor filter's figures already add up to the whole queue.
        paginator = CountedPaginator(ids, PAGE_SIZE, count=sum(v.waiting for v in vendors))
    page = paginator.get_page(request.GET.get("pagina"))
    now = timezone.now()
    query = form.query()
    rows = [
        {
            "case": case,
            "product": case.product,
            "summary": listed(case.product),
            "flags": flags_for(case),
            "waiting": waiting(case.submitted_at, now),
            "url": _review_url(case.pk, query),
            "changes": changed_fields(case.revision) if _revision_open(case) else [],
        }
        for case in moderation_queue_rows(user=request.user, case_ids=list(page))
    ]
    return render(
        request,
        "staff/moderation_queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "can_manage_vendors": request.user.has_perm(MANAGE_VENDORS),
        },
    )


def _outcome_message(outcomes) -> tuple[str, str]:
    approved = [o for o in outcomes if o.approved]
    refused = [o for o in outcomes if not o.approved]
    parts = []
    if approved:
        parts.append(
            ngettext(
                "Aprobaste %(n)d publicación.", "Aprobaste %(n)d publicaciones.", len(approved)
            )
            % {"n": len(approved)}
        )
    if refused:
        reasons = "; ".join(
            f"«{o.product.name if o.product else o.product_id}»: {o.message}" for o in refused
        )
        parts.append(
            ngettext(
                "%(n)d no se pudo aprobar: %(reasons)s",
                "%(n)d no se pudieron aprobar: %(reasons)s",
                len(refused),
            )
            % {"n": len(refused), "reasons": reasons}
        )
    return ("error" if refused else "success"), " ".join(parts)


@staff_view(MODERATE_LISTINGS)
@require_POST
def approve_selected(request):
    form = _filter_form(request)
    ids = [pk for pk in map(ascii_int, request.POST.getlist("producto")) if pk is not None]
    if not ids:
        messages.error(request, _("Marca al menos una publicación para aprobarla."))
    else:
        try:
            outcomes = listing_approve_many(moderator=request.user, product_ids=ids)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            level, text = _outcome_message(outcomes)
            getattr(messages, level)(request, text)
    return redirect(reverse("staff:listings") + form.query())


def _revision_open(case) -> bool:
    revision = case.revision
    return (
        case.decided_at is None
        and revision is not None
        and revision.status == ProductRevision.Status.PENDING
    )


def _render_review(request, case, form, *, reject_form=None, takedown_form=None, status=200):
    product = case.product
    variants = list(product.variants.all())
    previous, following = selectors.moderation_queue_neighbours(
        user=request.user, case=case, filters=form.filters()
    )
    query = form.query()
    revision = case.revision if _revision_open(case) else None
    if revision is not None:
        # Moderators approve what the store will show: the listing with the changes applied.
        proposed = proposed_listing(product, revision)
        context = product_display(
            proposed.product,
            selected=select_variant(variants),
            images=proposed.images,
            service_municipalities=proposed.service_municipalities,
        )
    else:
        context = product_display(product, selected=select_variant(variants))
    context.update(
        {
            "case": case,
            "is_open": case.decided_at is None,
            "is_live": product.status == Product.Status.PUBLISHED,
            "waiting": waiting(case.submitted_at, timezone.now()),
            "flags": flags_for(case),
            "history": list(selectors.moderation_history(product=product)),
            "previous_url": _review_url(previous.pk, query) if previous else "",
            "next_url": _review_url(following.pk, query) if following else "",
            "queue_url": reverse("staff:listings") + query,
            "query": query,
            "reject_form": reject_form or DecisionForm(auto_id="rechazo-%s"),
            "takedown_form": takedown_form or DecisionForm(auto_id="retiro-%s"),
            "can_manage_vendors": request.user.has_perm(MANAGE_VENDORS),
            "diff": diff_for_review(revision) if revision is not None else [],
            # Sent back with a decision: the service refuses it if the case changed meanwhile.
            "version": case_version(case) if case.decided_at is None else "",
        }
    )
    return render(request, "staff/moderation_review.html", context, status=status)


@staff_view(MODERATE_LISTINGS)
@require_safe
def review(request, case_id: int):
    return _render_review(request, _case(request, case_id), _filter_form(request))


def _after_decision(request, case, form):
    """The next case in the queue (within the same filters), or the queue when none is left."""
    _previous, following = selectors.moderation_queue_neighbours(
        user=request.user, case=case, filters=form.filters()
    )
    if following is None:
        following = selectors.moderation_queue(user=request.user, filters=form.filters()).first()
    if following is None:
        return redirect(reverse("staff:listings") + form.query())
    return redirect(_review_url(following.pk, form.query()))


def _refused(request, case, form, exc):
    """A refusal that no form field can fix (decided meanwhile, conflict of interest, vendor
    suspended): say why on the review page, where the current state is visible."""
    messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
    return redirect(_review_url(case.pk, form.query()))


@staff_view(MODERATE_LISTINGS)
@require_POST
def approve(request, case_id: int):
    case, form = _case(request, case_id), _filter_form(request)
    try:
        approved = listing_approve(
            product=case.product, moderator=request.user, seen=request.POST.get("version")
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, case, form, exc)
    messages.success(
        request,
        _("Aprobaste «%(name)s». Ya se ve en la tienda.") % {"name": approved.name},
    )
    return _after_decision(request, case, form)


def _decide_with_reason(
    request, case_id: int, *, service, prefix: str, done: str, onward: bool, **extra
):
    case, form = _case(request, case_id), _filter_form(request)
    decision_form = DecisionForm(request.POST, auto_id=f"{prefix}-%s")
    if decision_form.is_valid():
        try:
            service(
                product=case.product,
                moderator=request.user,
                reason=decision_form.cleaned_data["reason"],
                message=decision_form.cleaned_data["message"],
                **extra,
            )
        except PermissionDenied as exc:
            return _refused(request, case, form, exc)
        except ValidationError as exc:
            fields = set(getattr(exc, "error_dict", {}))
            if not fields & {"reason", "message"}:
                return _refused(request, case, form, exc)
            add_service_errors(decision_form, exc)
        else:
            messages.success(request, done % {"name": case.product.name})
            if onward:
                return _after_decision(request, case, form)
            # A takedown is not part of the queue: stay on the listing, its history now says it.
            return redirect(_review_url(case.pk, form.query()))
    forms = {"reject_form" if prefix == "rechazo" else "takedown_form": decision_form}
    # 200, like every form of the site: the errors are on the page itself.
    return _render_review(request, case, form, **forms)


@staff_view(MODERATE_LISTINGS)
@require_POST
def reject(request, case_id: int):
    return _decide_with_reason(
        request,
        case_id,
        service=listing_reject,
        seen=request.POST.get("version"),
        prefix="rechazo",
        done=_("Rechazaste «%(name)s». Le enviamos al negocio el motivo y tu mensaje."),
        onward=True,
    )


@staff_view(MODERATE_LISTINGS)
@require_POST
def takedown(request, case_id: int):
    return _decide_with_reason(
        request,
        case_id,
        service=listing_takedown,
        prefix="retiro",
        done=_("Retiraste «%(name)s» de la tienda. Le enviamos al negocio el motivo."),
        onward=False,
    )
