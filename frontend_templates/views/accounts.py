"""Account pages: login, logout, registration with consent, activation, profile, password reset,
and the page shown when too many logins failed."""

from axes.helpers import get_client_ip_address, get_cool_off
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from catalog.selectors_account import quote_requests_for_requester
from marketplace.accounts.emails import email_normalize
from marketplace.accounts.phones import phone_display
from marketplace.accounts.selectors import privacy_consent_latest
from marketplace.accounts.services import (
    RegistrationRequest,
    user_activate,
    user_register,
    user_update_profile,
)

from ..forms import add_service_errors
from ..forms.accounts import (
    EmailAuthenticationForm,
    PasswordResetForm,
    ProfileForm,
    RegistrationForm,
    SetPasswordForm,
)
from .ratelimits import rate_limited

# Activation logs the person in without a password, so the session needs an explicit backend
# (several are configured, and the lockout backend cannot authenticate anyone by itself).
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _login_email(request) -> tuple[str, ...]:
    return (f"email:{email_normalize(request.POST.get('username'))}",)


@method_decorator(rate_limited("login", extra_keys=_login_email), name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default): a link or an image cannot log anyone out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Cerraste sesión. ¡Vuelve pronto!"))
        return response


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("register")
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user_register(
                data=RegistrationRequest(
                    email=data["email"],
                    password=data["password1"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    phone=data["phone"],
                    accepted_privacy=data["accepted_privacy"],
                    ip_address=get_client_ip_address(request),
                    user_agent=request.headers.get("User-Agent", ""),
                )
            )
        except ValidationError as exc:
            add_service_errors(form, exc, aliases={"password": "password1"})
        else:
            # The same page whether or not the address already had an account.
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request):
    return render(request, "accounts/register_done.html")


@never_cache
def activate(request, uidb64, token):
    try:
        user = user_activate(uidb64=uidb64, token=token)
    except ValidationError:
        return render(request, "accounts/activation_invalid.html", status=400)
    # Logging in updates last_login, which is part of the token hash: the link works once.
    login(request, user, backend=SESSION_BACKEND)
    messages.success(request, _("Tu cuenta está activa. ¡Te damos la bienvenida!"))
    return redirect("accounts:account")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                user_update_profile(user=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Guardamos tus datos."))
                return redirect("accounts:account")
    else:
        form = ProfileForm(
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "phone": phone_display(user.phone),
            }
        )
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "phone": phone_display(user.phone),
            # Newest first (model ordering): the consent that covers the account today.
            "consent": privacy_consent_latest(user=user),
            "quotes": list(quote_requests_for_requester(user=user)),
        },
    )


def lockout(request, response=None, credentials=None, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: shown instead of the login page while the email+IP pair is locked.
    The wording is the same whether or not the address has an account."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    page = render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
    if cool_off:
        page["Retry-After"] = str(int(cool_off.total_seconds()))
    return page


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(never_cache, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    # Logging in after the reset also clears the failed-login counter (AXES_RESET_ON_SUCCESS),
    # which is what the lockout page promises.
    post_reset_login = True
    post_reset_login_backend = SESSION_BACKEND


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
