"""Forms of the storefront's catalogue pages: the listing's GET filters and the quote request.
They check the shape of the input only; the quote rules live in catalog.services.quotes, whose
errors the view puts back on the form. (Kept next to the views rather than in forms/ while other
work owns that package's catalogue module.)"""

import re

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from marketplace.core.numbers import ascii_int
from search.query import MAX_QUERY_LENGTH

# The `orden` values people see in the address bar, mapped onto catalog.selectors.SORTS.
SORTS = {
    "recientes": "newest",
    "menor-precio": "price_asc",
    "mayor-precio": "price_desc",
    "nombre": "name",
}
KINDS = {"productos": Product.Kind.GOODS, "servicios": Product.Kind.SERVICE}
BROWSE_ORDERS = [
    ("", _("Más recientes")),
    ("menor-precio", _("Menor precio")),
    ("mayor-precio", _("Mayor precio")),
    ("nombre", _("Nombre (A-Z)")),
]
SEARCH_ORDERS = [
    ("", _("Relevancia")),
    ("recientes", _("Más recientes")),
    ("menor-precio", _("Menor precio")),
    ("mayor-precio", _("Mayor precio")),
]
# es-CO writes "$ 45.900": the sign, spaces and thousands dots are all dropped.
PRICE_NOISE = re.compile(r"[\s$.\u00a0]")


class _SpanishForm(forms.Form):
    """Labels without Django's trailing colon, like the other forms of the site."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _canonical(data, municipalities, *, searching: bool):
    """The filters as the form offers them. A municipality may be named by its DANE code, as in
    /buscar/ and the API; an order the other mode lacks (by name while searching, "recientes"
    while browsing, where it is the default) is the default, not an error, since the box and
    the filters are one form and typing words must not turn a chosen order into a mistake."""
    data = data.copy()
    code = str(data.get("municipio") or "")
    if code.isdigit():
        data["municipio"] = next((m.slug for m in municipalities if m.dane_code == code), code)
    if data.get("orden") == ("nombre" if searching else "recientes"):
        data.pop("orden")
    return data


class PesosField(forms.Field):
    """Whole pesos typed the Colombian way: `50.000`, `$ 50.000` or `50000`. A text input, not a
    number one, because browsers refuse the thousands dots people write."""

    default_error_messages = {
        "invalid": _("Escribe un valor en pesos, por ejemplo 50.000."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "15"}
            ),
        )
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = PRICE_NOISE.sub("", str(value or ""))
        if not value:
            return None
        amount = ascii_int(value, max_digits=10)
        if amount is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


class CatalogFilterForm(_SpanishForm):
    """GET filters of /catalogo/. An invalid value is reported next to its field and ignored, so a
    stale bookmark still lists products."""

    q = forms.CharField(
        label=_("Buscar"),
        # What search.query keeps of a query; anything longer is cut there, not refused here.
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Ej.: arepas, café, logo"),
                "enterkeyhint": "search",
            }
        ),
    )
    # The vendor's municipality (ProductFilters.municipality).
    municipio = forms.ChoiceField(label=_("Municipio"), required=False)
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[
            ("", _("Todo")),
            ("productos", _("Productos")),
            ("servicios", _("Servicios")),
        ],
    )
    precio_min = PesosField(label=_("Precio desde"))
    precio_max = PesosField(label=_("Precio hasta"))
    disponibles = forms.BooleanField(label=_("Solo disponibles"), required=False)
    orden = forms.ChoiceField(label=_("Ordenar por"), required=False)

    def __init__(self, data=None, *args, municipalities, searching=False, **kwargs):
        """`searching`: the query has words, so results come from search.services, ranked by
        relevance unless sorted otherwise (search has no order by name)."""
        municipalities = list(municipalities)
        if data is not None:
            data = _canonical(data, municipalities, searching=searching)
        super().__init__(data, *args, **kwargs)
        self.searching = searching
        self.fields["municipio"].choices = [("", _("Todos"))] + [
            (m.slug, m.name) for m in municipalities
        ]
        self.fields["orden"].choices = SEARCH_ORDERS if searching else BROWSE_ORDERS
        invalid = _("Esa opción no está en la lista.")
        for name in ("municipio", "tipo", "orden"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def values(self) -> dict:
        """The valid values (call after is_valid()); a bad one is simply absent."""
        data = getattr(self, "cleaned_data", {})
        low, high = data.get("precio_min"), data.get("precio_max")
        if low is not None and high is not None and low > high:
            # Typed the wrong way round: the intent is still clear.
            low, high = high, low
        return {
            "search": (data.get("q") or "").strip(),
            "municipality": data.get("municipio") or "",
            "kind": KINDS.get(data.get("tipo") or "", ""),
            "price_min": low,
            "price_max": high,
            "in_stock": bool(data.get("disponibles")),
            "sort": SORTS.get(data.get("orden") or "", "relevance" if self.searching else "newest"),
        }

    def display(self) -> dict[str, dict]:
        """Each field as catalog/list.html writes it (see _field_display), by name."""
        return {name: _field_display(self[name]) for name in self.fields}


def _html_attrs(attrs: dict) -> SafeString:
    """Attributes written the way django/forms/widgets/attrs.html writes them, in their order:
    True is a bare name, False is left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _field_display(field: forms.BoundField) -> dict:
    """What Django's field, label, error list, widget and option templates would write, from the
    widget's own context (its attributes with the `id`, `maxlength` and the aria of an error,
    its value, its options and which is selected). The filters are on every catalogue page, and
    a template per field, widget, option and (even empty) error list cost a third of the page;
    catalog/list.html writes them out in one loop instead."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    value = field.value()
    context = widget.get_context(field.html_name, value, attrs)["widget"]
    options = None
    if isinstance(widget, forms.Select):
        options = [
            (str(option["value"]), option["label"], option["selected"])
            for _group, choices, _index in context["optgroups"]
            for option in choices
        ]
    return {
        "id": field.id_for_label,
        "label": field.label,
        "errors": field.errors,
        "name": context["name"],
        "type": context.get("type", ""),
        "value": context["value"] if options is None else None,
        "checked": bool(value) if isinstance(widget, forms.CheckboxInput) else False,
        "attrs": _html_attrs(context["attrs"]),
        "options": options,
    }


class QuoteRequestForm(_SpanishForm):
    """A quote request for a service priced on request (catalog.services.quotes)."""

    name = forms.CharField(
        label=_("Tu nombre"),
        max_length=150,
        error_messages={"required": _("Escribe tu nombre.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("El negocio te responderá a este correo."),
        error_messages={
            "required": _("Escribe un correo válido."),
            "invalid": _("Escribe un correo válido."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Teléfono o celular (opcional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    municipality = forms.ChoiceField(label=_("¿Dónde necesitas el servicio?"), required=False)
    message = forms.CharField(
        label=_("¿Qué necesitas?"),
        max_length=2000,
        help_text=_("Cuéntale al negocio los detalles: fecha, cantidad, lugar, presupuesto."),
        error_messages={"required": _("Cuéntale al negocio qué necesitas (mínimo 10 caracteres).")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Elige un municipio"))] + [
            (m.slug, m.name) for m in municipalities
        ]
        self.fields["municipality"].error_messages["invalid_choice"] = _("Municipio desconocido.")
