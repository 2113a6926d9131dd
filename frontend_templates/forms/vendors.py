"""Forms of the vendor pages: the public directory's filters, the onboarding wizard, the profile
editor and the team page. They check the shape of the input only; the rules (valid NIT, phone,
URL, slug, fee in whole pesos, image format) live in vendors.services, whose errors the views put
back on these forms."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

IMAGE_TYPES = "image/jpeg,image/png,image/webp"
FEE_PREFIX = "fee_"
# es-CO writes thousands with dots: "4.000" is four thousand pesos, never four.
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class _SpanishForm(forms.Form):
    """Labels without Django's trailing colon, like the account forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DirectoryFilterForm(_SpanishForm):
    """GET filters of /negocios/. An unknown choice is reported and then ignored, so a stale
    bookmark still lists businesses."""

    q = forms.CharField(
        label=_("Buscar"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Nombre o lo que ofrece"),
                "enterkeyhint": "search",
            }
        ),
    )
    municipio = forms.ChoiceField(label=_("Municipio"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, municipalities, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipio"].choices = [("", _("Todos"))] + [
            (m.slug, m.name) for m in municipalities
        ]
        self.fields["sector"].choices = [("", _("Todos"))] + [(s.code, s.title) for s in sections]
        invalid = _("Esa opción no está en la lista.")
        self.fields["municipio"].error_messages["invalid_choice"] = invalid
        self.fields["sector"].error_messages["invalid_choice"] = invalid

    def filter_values(self) -> dict[str, str]:
        """The valid filters (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        return {
            "municipality": data.get("municipio", ""),
            "sector": data.get("sector", ""),
            "search": data.get("q", ""),
        }


class NitForm(_SpanishForm):
    nit = forms.CharField(
        label=_("NIT del negocio"),
        max_length=20,
        help_text=_("Con el dígito de verificación, por ejemplo 900.373.923-8 o 9003739238."),
        error_messages={"required": _("Escribe el NIT de tu negocio.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ClaimCodeForm(_SpanishForm):
    code = forms.CharField(
        label=_("Código de verificación"),
        max_length=20,
        error_messages={"required": _("Escribe el código que te enviamos.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "class": "code-input",
            }
        ),
    )


def _text(label, max_length, *, help_text="", autocomplete=None, **attrs):
    widget_attrs = {"maxlength": str(max_length), **attrs}
    if autocomplete:
        widget_attrs["autocomplete"] = autocomplete
    # Not required and no length check here: the service owns both rules and their messages;
    # maxlength only stops typing past what the service accepts.
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=help_text,
        widget=forms.TextInput(attrs=widget_attrs),
    )


def _url(label, example):
    # The section explains once that addresses are complete; the placeholder shows the shape.
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": example}),
    )


def _image(label, help_text):
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}),
    )


class VendorProfileForm(_SpanishForm):
    """Every field of services.profile.ProfileInput, plus one optional fee per municipality."""

    display_name = _text(_("Nombre de tu negocio"), 120)
    slug = _text(
        _("Dirección de tu tienda"),
        140,
        help_text=_("Letras, números y guiones. Es la última parte del enlace de tu página."),
        spellcheck="false",
        autocapitalize="none",
    )
    short_description = _text(
        _("Descripción corta"),
        160,
        help_text=_("Una frase que aparece en el directorio de negocios (hasta 160 caracteres)."),
    )
    description = forms.CharField(
        label=_("Descripción"),
        required=False,
        strip=False,
        help_text=_("Cuenta qué haces, qué te hace diferente y cómo atiendes a tus clientes."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": "4000"}),
    )
    logo = _image(
        _("Logo"),
        _("JPEG, PNG o WebP de hasta 10 MB. Lo recortamos en un cuadrado."),
    )
    banner = _image(
        _("Imagen de portada"),
        _("JPEG, PNG o WebP de hasta 10 MB. Se ve mejor horizontal, de 1920 × 640 píxeles o más."),
    )

    whatsapp = forms.CharField(
        label=_("WhatsApp"),
        required=False,
        help_text=_("El celular donde recibes mensajes, por ejemplo 300 123 4567."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    website = _url(_("Sitio web"), "https://www.minegocio.com")
    instagram = _url(_("Instagram"), "https://instagram.com/minegocio")
    facebook = _url(_("Facebook"), "https://facebook.com/minegocio")
    tiktok = _url(_("TikTok"), "https://tiktok.com/@minegocio")

    public_address = _text(
        _("Dirección del local"),
        255,
        help_text=_("Por ejemplo Calle 10 # 43-25, Medellín. Déjala vacía si no atiendes público."),
        autocomplete="street-address",
    )
    opening_hours = _text(
        _("Horario de atención"),
        255,
        help_text=_("Por ejemplo lunes a sábado, 8:00 a. m. a 6:00 p. m."),
    )
    offers_pickup = forms.BooleanField(
        label=_("Los clientes pueden recoger sus pedidos en el local"), required=False
    )
    offers_delivery = forms.BooleanField(label=_("Hago domicilios"), required=False)

    vat_responsible = forms.BooleanField(
        label=_("Soy responsable de IVA"),
        required=False,
        help_text=_("Márcalo si tu RUT dice que eres responsable de IVA."),
    )
    notice_address = _text(
        _("Dirección de notificaciones"),
        255,
        help_text=_("Donde recibes notificaciones legales; suele ser la del RUT."),
    )
    notice_phone = forms.CharField(
        label=_("Teléfono de contacto"),
        required=False,
        help_text=_("Por ejemplo 300 123 4567 o 604 444 5566."),
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    notice_email = forms.CharField(
        label=_("Correo de contacto"),
        required=False,
        help_text=_("Donde tus clientes pueden escribirte."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    PROFILE_FIELDS = (
        "display_name",
        "slug",
        "short_description",
        "description",
        "whatsapp",
        "website",
        "instagram",
        "facebook",
        "tiktok",
        "public_address",
        "opening_hours",
        "offers_pickup",
        "offers_delivery",
        "vat_responsible",
        "notice_address",
        "notice_phone",
        "notice_email",
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = list(municipalities)
        for municipality in self.municipalities:
            self.fields[FEE_PREFIX + municipality.slug] = forms.CharField(
                label=municipality.name,
                required=False,
                max_length=12,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )

    def fee_fields(self):
        return [self[FEE_PREFIX + m.slug] for m in self.municipalities]

    def _clean_fee(self, name):
        raw = self.cleaned_data.get(name, "")
        value = raw.replace("$", "").replace("\u00a0", "").replace(" ", "")
        if THOUSANDS.match(value):
            value = value.replace(".", "")
        if not value:
            return ""
        if not value.isdigit():
            # Fractions and negatives reach the service, which explains them; only text that is
            # not a number at all is refused here, next to its own municipality.
            if not re.fullmatch(r"-?\d+([.,]\d+)?", value):
                raise forms.ValidationError(
                    _("Escribe el valor en pesos, solo con números (por ejemplo 4000)."),
                    code="invalid",
                )
            return value.replace(",", ".")
        return value

    def clean(self):
        cleaned = super().clean()
        for municipality in self.municipalities:
            name = FEE_PREFIX + municipality.slug
            if name in cleaned:
                try:
                    cleaned[name] = self._clean_fee(name)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned

    def profile_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.PROFILE_FIELDS}

    def delivery_fees(self) -> dict[str, str]:
        """municipality slug -> fee as typed (the service converts it); blanks mean no delivery
        there."""
        fees = {}
        for municipality in self.municipalities:
            value = self.cleaned_data.get(FEE_PREFIX + municipality.slug)
            if value:
                fees[municipality.slug] = value
        return fees


class VendorPickerForm(_SpanishForm):
    vendor = forms.TypedChoiceField(label=_("Negocio"), coerce=int)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].choices = [(m.vendor_id, m.vendor.display_name) for m in memberships]


class InviteMemberForm(_SpanishForm):
    email = forms.CharField(
        label=_("Correo de la persona"),
        max_length=254,
        help_text=_("Le enviaremos un enlace para unirse a tu equipo. Vence en 7 días."),
        error_messages={"required": _("Escribe el correo de la persona que quieres invitar.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
