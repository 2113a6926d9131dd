"""Account forms. They only check the shape of the input; the rules (valid email, password
strength, phone format, consent) live in marketplace.accounts.services."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.forms import SetPasswordForm as DjangoSetPasswordForm
from django.contrib.auth.password_validation import get_default_password_validators
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.accounts.emails import email_normalize
from marketplace.core.mail import email_send_templated

INVALID_LOGIN = _("Correo o contraseña incorrectos.")


def password_help_text() -> str:
    """Plain-language summary of the configured validators, in the tone of the rest of the
    site; the minimum follows AUTH_PASSWORD_VALIDATORS so the hint cannot drift from the rule."""
    min_length = next(
        (v.min_length for v in get_default_password_validators() if hasattr(v, "min_length")), 8
    )
    return ngettext(
        "Al menos %(count)d carácter. Evita contraseñas comunes, solo números o parecidas a tu "
        "nombre o correo.",
        "Al menos %(count)d caracteres. Evita contraseñas comunes, solo números o parecidas a "
        "tu nombre o correo.",
        min_length,
    ) % {"count": min_length}


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Correo electrónico"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    # One message for every failure, inactive accounts included, so the form never tells
    # whether an address has an account.
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": INVALID_LOGIN}

    def __init__(self, request=None, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(request, *args, **kwargs)

    def clean_username(self):
        # Normalised before authenticate() so the lockout counts "Ana@x.co", "ana@x.co" and
        # "ſana@x.co" as the same address.
        return email_normalize(self.cleaned_data["username"])

    def get_invalid_login_error(self):
        return forms.ValidationError(INVALID_LOGIN, code="invalid_login")


class RegistrationForm(forms.Form):
    first_name = forms.CharField(
        label=_("Nombre"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Apellidos"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.CharField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Te enviaremos un enlace para activar tu cuenta."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Celular o teléfono (opcional)"),
        max_length=30,
        required=False,
        help_text=_("Por ejemplo 300 123 4567."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirma la contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Not required here: the service owns the consent rule and its error code; the box is
    # never pre-ticked (Ley 1581: consent must be express).
    accepted_privacy = forms.BooleanField(
        label=_("Acepto la política de tratamiento de datos personales"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_help_text()

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2",
                forms.ValidationError(_("Las contraseñas no coinciden."), code="password_mismatch"),
            )
        return cleaned


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=_("Nombre"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Apellidos"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Celular o teléfono (opcional)"),
        max_length=30,
        required=False,
        help_text=_("Por ejemplo 300 123 4567."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form (it answers the same whether or not the address has an account),
    sending through the task layer like every other email: after commit, and retried by Celery
    when a broker is configured."""

    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        email_send_templated(to=to_email, template="accounts/email/password_reset", context=context)


class SetPasswordForm(DjangoSetPasswordForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nueva contraseña")
        self.fields["new_password1"].help_text = password_help_text()
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].label = _("Confirma la nueva contraseña")
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("Las contraseñas no coinciden."),
        }
