"""A signed-in person's data-subject rights (Ley 1581): see and download what the store holds
about them, and ask for their account to be deleted. All of it calls
marketplace.accounts.privacy."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from marketplace.accounts.privacy import (
    deletion_request_create,
    deletion_request_pending_for,
    personal_data_for,
)

from ..forms import add_service_errors
from ..forms.personal_data import AccountEraseForm


@login_required
@never_cache
@require_safe
def personal_data_download(request):
    data = personal_data_for(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mis-datos.json"'
    return response


@login_required
@never_cache
@require_safe
def personal_data_page(request):
    return render(
        request,
        "accounts/personal_data.html",
        {
            "data": personal_data_for(user=request.user),
            "deletion_request": deletion_request_pending_for(user=request.user),
        },
    )


@sensitive_post_parameters("password")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def account_delete(request):
    pending = deletion_request_pending_for(user=request.user)
    form = AccountEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deletion_request_create(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Recibimos tu solicitud. El programa la atiende dentro de los plazos de ley."),
            )
            return redirect("accounts:delete")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/account_delete.html",
        {"form": form, "deletion_request": pending},
        status=status,
    )
