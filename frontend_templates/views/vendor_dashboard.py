"""The vendor dashboard: the status of the business's account, its storefront profile and its
team.

A person may belong to several businesses. The one they are working on is kept in the session,
and every request turns that id back into a vendor through selectors.vendor_get_for_member, so a
session that points at someone else's business gets a 403, never their data.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marketplace.accounts.phones import phone_display
from marketplace.core.selectors import municipality_list
from vendors import selectors
from vendors.identifiers import nit_format
from vendors.models import VendorMembership
from vendors.services.members import (
    vendor_invitation_accept,
    vendor_member_invite,
    vendor_member_remove,
)
from vendors.services.profile import ProfileInput, vendor_profile_update

from ..forms import add_service_errors
from ..forms.vendors import FEE_PREFIX, InviteMemberForm, VendorPickerForm, VendorProfileForm
from .vendors_public import picture

CURRENT_VENDOR_SESSION_KEY = "vendors.current_vendor_id"
PREVIEW_LOGO_SIZES = "6rem"
PREVIEW_BANNER_SIZES = "(min-width: 48rem) 40rem, 100vw"


def remember_vendor(request, vendor_id: int) -> None:
    request.session[CURRENT_VENDOR_SESSION_KEY] = vendor_id


def current_vendor(request):
    """The business chosen in this session (the first one by name until the person picks),
    None when they belong to none. PermissionDenied when the session names a business they do
    not belong to."""
    vendor_id = request.session.get(CURRENT_VENDOR_SESSION_KEY)
    if vendor_id is None:
        first = selectors.memberships_for_user(user=request.user).first()
        if first is None:
            return None
        vendor_id = first.vendor_id
    return selectors.vendor_get_for_member(user=request.user, vendor_id=vendor_id)


def _my_membership(members: list[VendorMembership], user) -> VendorMembership:
    return next(m for m in members if m.user_id == user.pk)


@login_required
@never_cache
@require_safe
def dashboard(request):
    memberships = list(selectors.memberships_for_user(user=request.user))
    try:
        vendor = current_vendor(request)
    except PermissionDenied:
        # Removed from the business kept in the session: this page starts over with one the
        # person still belongs to instead of locking them out (the others answer 403).
        request.session.pop(CURRENT_VENDOR_SESSION_KEY, None)
        vendor = current_vendor(request)
    membership = next((m for m in memberships if vendor and m.vendor_id == vendor.pk), None)
    picker = None
    if len(memberships) > 1:
        picker = VendorPickerForm(initial={"vendor": vendor.pk}, memberships=memberships)
    return render(
        request,
        "vendors/dashboard.html",
        {
            "vendor": vendor,
            "membership": membership,
            "memberships": memberships,
            "picker": picker,
            "logo": picture(vendor.logo, sizes=PREVIEW_LOGO_SIZES) if vendor else None,
        },
    )


@login_required
@require_POST
def dashboard_select(request):
    form = VendorPickerForm(
        request.POST, memberships=selectors.memberships_for_user(user=request.user)
    )
    if not form.is_valid():
        raise PermissionDenied
    vendor = selectors.vendor_get_for_member(
        user=request.user, vendor_id=form.cleaned_data["vendor"]
    )
    remember_vendor(request, vendor.pk)
    messages.info(request, _("Estás administrando «%(name)s».") % {"name": vendor.display_name})
    return redirect("vendors:dashboard")


def _profile_initial(vendor, zones) -> dict:
    initial = {name: getattr(vendor, name) for name in VendorProfileForm.PROFILE_FIELDS}
    initial["whatsapp"] = phone_display(vendor.whatsapp)
    initial["notice_phone"] = phone_display(vendor.notice_phone)
    initial.update({FEE_PREFIX + zone.municipality.slug: zone.fee for zone in zones})
    return initial


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    vendor = current_vendor(request)
    if vendor is None:
        return redirect("vendors:dashboard")
    municipalities = municipality_list()
    if request.method == "POST":
        form = VendorProfileForm(request.POST, request.FILES, municipalities=municipalities)
        if form.is_valid():
            data = ProfileInput(
                values=form.profile_values(),
                delivery_fees=form.delivery_fees(),
                logo=form.cleaned_data["logo"] or None,
                banner=form.cleaned_data["banner"] or None,
            )
            try:
                vendor_profile_update(vendor=vendor, updated_by=request.user, data=data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Guardamos los cambios de tu tienda."))
                return redirect("vendors:profile_edit")
    else:
        zones = selectors.delivery_zones_by_vendor(vendor_ids=[vendor.pk])[vendor.pk]
        form = VendorProfileForm(
            initial=_profile_initial(vendor, zones), municipalities=municipalities
        )
    return render(
        request,
        "vendors/profile_edit.html",
        {
            "form": form,
            "vendor": vendor,
            "nit": nit_format(vendor.enrollment.nit),
            "logo": picture(vendor.logo, sizes=PREVIEW_LOGO_SIZES),
            "banner": picture(vendor.banner, sizes=PREVIEW_BANNER_SIZES),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def team(request):
    vendor = current_vendor(request)
    if vendor is None:
        return redirect("vendors:dashboard")
    members = selectors.vendor_members_by_vendor(user=request.user, vendor_ids=[vendor.pk])[
        vendor.pk
    ]
    is_owner = _my_membership(members, request.user).role == VendorMembership.Role.OWNER
    form = InviteMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # The service refuses anyone but the owner (PermissionDenied: 403).
            invitation = vendor_member_invite(
                vendor=vendor, email=form.cleaned_data["email"], invited_by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Enviamos la invitación a %(email)s. Vence en 7 días.")
                % {"email": invitation.email},
            )
            return redirect("vendors:team")
    return render(
        request,
        "vendors/team.html",
        {
            "vendor": vendor,
            "members": members,
            "is_owner": is_owner,
            "form": form if is_owner else None,
            "invitations": (
                selectors.vendor_invitations_pending(user=request.user, vendor=vendor)
                if is_owner
                else []
            ),
        },
    )


@login_required
@require_POST
def team_remove(request, membership_id):
    vendor = current_vendor(request)
    if vendor is None:
        raise PermissionDenied
    members = selectors.vendor_members_by_vendor(user=request.user, vendor_ids=[vendor.pk])[
        vendor.pk
    ]
    membership = next((m for m in members if m.pk == membership_id), None)
    if membership is None:
        raise Http404
    try:
        vendor_member_remove(membership=membership, removed_by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Quitamos a %(name)s del equipo.")
            % {"name": membership.user.get_full_name() or membership.user.email},
        )
    return redirect("vendors:team")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The emailed link opens a page with a button: accepting is a POST, so a mail scanner that
    follows links cannot accept on the person's behalf."""
    error = None
    if request.method == "POST":
        try:
            membership = vendor_invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            remember_vendor(request, membership.vendor_id)
            messages.success(
                request,
                _("Ya eres parte del equipo de «%(name)s».")
                % {"name": membership.vendor.display_name},
            )
            return redirect("vendors:dashboard")
    return render(
        request,
        "vendors/invitation_accept.html",
        {"error": error},
        status=400 if error else 200,
    )
