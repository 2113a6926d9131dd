from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import DocumentType


def municipality_choices():
    from marketplace.core.models import Municipality

    return [("", _("Elige tu municipio"))] + [
        (m.dane_code, f"{m.name} ({m.department})") for m in Municipality.objects.order_by("name")
    ]


class CheckoutForm(forms.Form):
    """The buyer's details. Every field is optional here: the checkout service decides what is
    missing or wrong (the same rules the API meets), and its errors come back onto the fields."""

    email = forms.CharField(
        label=_("Correo electrónico"),
        required=False,
        help_text=_("Te enviamos aquí la confirmación y el enlace para seguir tu pedido."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(
        label=_("Nombres"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Apellidos"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Celular o teléfono"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    # Plain text behind a select: an unknown value reaches the service, which explains it.
    document_type = forms.CharField(
        label=_("Tipo de documento"),
        required=False,
        widget=forms.Select(choices=[("", _("Elige"))] + list(DocumentType.choices)),
    )
    document_number = forms.CharField(
        label=_("Número de documento"),
        required=False,
        max_length=20,
        help_text=_("Para la factura electrónica de cada negocio."),
    )
    municipality = forms.CharField(label=_("Municipio"), required=False, widget=forms.Select())
    street_address = forms.CharField(
        label=_("Dirección"),
        required=False,
        max_length=200,
        help_text=_("Por ejemplo: Calle 10 # 43-25"),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    address_details = forms.CharField(
        label=_("Apartamento, edificio o barrio"), required=False, max_length=200
    )
    postal_code = forms.CharField(
        label=_("Código postal (opcional)"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    accept_privacy_policy = forms.BooleanField(required=False)
    accept_terms = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].widget.choices = municipality_choices()

    def values(self) -> dict:
        return dict(self.cleaned_data)
