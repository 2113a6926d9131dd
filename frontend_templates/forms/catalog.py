"""Forms of the vendor dashboard's catalogue pages: products and services, variants, stock,
images, the CSV import and the quote requests. As everywhere in the site they only check the
shape of the input; the rules (a price in whole pesos and not negative, a SKU unique for the
vendor, an image that really is a JPEG, PNG or WebP, what an archived product allows) live in
catalog.services, whose errors the views put back on these forms."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Product

from .vendors import IMAGE_TYPES, THOUSANDS, _SpanishForm

OPTIONS_HELP = _("Separadas por comas, por ejemplo talla=M, color=Rojo. Déjalo vacío si no tiene.")
PRICE_HELP = _("En pesos, con el IVA incluido. Sin centavos: 45900 o 45.900.")
MONEY_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "class": "money-input"}


def money_text(raw: str) -> str:
    """ "$ 45.900" -> "45900". es-CO writes thousands with dots and decimals with a comma, so
    "45.900" is never 45.9 and "7.500,50" is 7500.50; the result goes to the service, which
    says why an amount with cents, a negative one or a word is not a price."""
    value = (raw or "").replace("$", "").replace("\u00a0", "").replace(" ", "")
    if "," in value:
        return value.replace(".", "").replace(",", ".")
    if THOUSANDS.match(value):
        return value.replace(".", "")
    return value


def _money(label, *, help_text=PRICE_HELP):
    # Text, not a number input: the service owns the messages for negative and fractional
    # amounts, and a number input would drop "45.900" before anyone saw it.
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(attrs=MONEY_ATTRS),
    )


def _whole_number(raw: str, *, signed: bool) -> int:
    value = (raw or "").strip().replace(" ", "").replace("\u2212", "-")
    pattern = r"[+-]?\d{1,9}" if signed else r"\d{1,9}"
    if not re.fullmatch(pattern, value):
        raise forms.ValidationError(
            _("Escribe un número entero, con el signo menos para restar (por ejemplo 5 o -3).")
            if signed
            else _("Escribe un número entero, 0 o mayor."),
            code="invalid",
        )
    return int(value)


def parse_options(raw: str) -> list[list[str]]:
    """ "talla=M, color=Rojo" -> [["talla", "M"], ["color", "Rojo"]], in the order typed
    (the order the storefront shows them in)."""
    options: list[list[str]] = []
    for part in (raw or "").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise forms.ValidationError(
                _("Escribe cada opción como nombre=valor, por ejemplo talla=M, color=Rojo."),
                code="invalid",
            )
        if name.lower() in (existing.lower() for existing, _value in options):
            raise forms.ValidationError(
                _("La opción «%(name)s» está repetida.") % {"name": name}, code="invalid"
            )
        options.append([name, value])
    return options


def format_options(pairs) -> str:
    return ", ".join(f"{name}={value}" for name, value in pairs)


def category_choices(tree) -> list:
    """The category tree as a grouped <select>: one group per top-level category, its
    subcategories inside. The top-level category itself stays choosable (last, as «otros»),
    so a product filed there by an import still shows its category."""
    choices: list = [("", _("Elige una categoría"))]
    for parent in tree:
        children = list(parent.children.all())
        if not children:
            choices.append((parent.slug, parent.name))
            continue
        group = [(child.slug, child.name) for child in children]
        group.append((parent.slug, _("%(name)s (otros)") % {"name": parent.name}))
        choices.append((parent.name, group))
    return choices


class ProductForm(_SpanishForm):
    """The fields of catalog.services.products.ProductInput. `with_variant` adds the first
    variant, which the create page asks for, since every product is sold through one."""

    name = forms.CharField(
        label=_("Nombre del producto"),
        required=False,
        help_text=_("Como lo buscaría un cliente, por ejemplo «Arepa de chócolo con queso»."),
        widget=forms.TextInput(attrs={"maxlength": "150"}),
    )
    description = forms.CharField(
        label=_("Descripción"),
        required=False,
        help_text=_("Qué es, de qué está hecho, tamaños, cuidados. Texto sencillo."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": "5000"}),
    )
    category = forms.ChoiceField(label=_("Categoría"), required=False)
    kind = forms.ChoiceField(
        label=_("¿Qué vendes?"),
        choices=Product.Kind.choices,
        initial=Product.Kind.GOODS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Elige si es un producto o un servicio.")},
    )
    tax_class = forms.ChoiceField(
        label=_("IVA"),
        choices=Product.TaxClass.choices,
        initial=Product.TaxClass.IVA_19,
        help_text=_("La tarifa que aplica a este producto según tu contador o la DIAN."),
    )
    pricing_mode = forms.ChoiceField(
        label=_("Cómo cobras el servicio"),
        choices=Product.PricingMode.choices,
        initial=Product.PricingMode.FIXED,
        help_text=_("«Cotización»: el cliente te pide precio y tú le respondes."),
    )
    duration_minutes = forms.CharField(
        label=_("Duración en minutos"),
        required=False,
        help_text=_("Opcional, por ejemplo 60."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "5"}),
    )
    service_municipalities = forms.MultipleChoiceField(
        label=_("Municipios donde lo ofreces"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The first variant (create page only).
    sku = forms.CharField(
        label=_("Referencia (SKU)"),
        required=False,
        help_text=_("Tu código para este producto, único en tu tienda. Por ejemplo ARE-001."),
        widget=forms.TextInput(
            attrs={"maxlength": "64", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    price = _money(_("Precio"))
    initial_stock = forms.CharField(
        label=_("Existencias iniciales"),
        required=False,
        initial="0",
        help_text=_("Cuántas unidades tienes hoy."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "9"}),
    )
    track_inventory = forms.BooleanField(
        label=_("Controlar inventario"),
        required=False,
        initial=True,
        help_text=_(
            "Desmárcalo para servicios o productos por encargo, que no se agotan en la tienda."
        ),
    )

    VARIANT_FIELDS = ("sku", "price", "initial_stock", "track_inventory")
    SERVICE_FIELDS = ("pricing_mode", "duration_minutes", "service_municipalities")

    def __init__(self, *args, categories, municipalities, with_variant=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices(categories)
        self.fields["category"].error_messages["invalid_choice"] = _(
            "Esa categoría no está en la lista."
        )
        self.fields["service_municipalities"].choices = [(m.slug, m.name) for m in municipalities]
        self.with_variant = with_variant
        if not with_variant:
            for name in self.VARIANT_FIELDS:
                del self.fields[name]

    def clean_initial_stock(self):
        raw = self.cleaned_data.get("initial_stock", "")
        return _whole_number(raw, signed=False) if raw.strip() else 0

    def product_fields(self):
        return [self[name] for name in ("name", "description", "category")]

    def service_fields(self):
        return [self[name] for name in self.SERVICE_FIELDS]

    def variant_fields(self):
        return [self[name] for name in self.VARIANT_FIELDS if name in self.fields]

    def is_service(self) -> bool:
        return self.cleaned_data.get("kind") == Product.Kind.SERVICE

    def product_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "name": data["name"],
            "description": data["description"],
            "category": data["category"],
            "kind": data["kind"],
            "tax_class": data["tax_class"],
        }
        # How a service is charged and for how long mean nothing for goods: a product that
        # was a service goes back to a fixed price instead of keeping «Cotización» unseen.
        if self.is_service():
            values["pricing_mode"] = data["pricing_mode"]
            values["duration_minutes"] = data["duration_minutes"]
        else:
            values["pricing_mode"] = Product.PricingMode.FIXED
            values["duration_minutes"] = None
        return values

    def municipalities(self) -> list[str] | None:
        return list(self.cleaned_data["service_municipalities"]) if self.is_service() else None

    def variant_values(self) -> dict:
        return {
            "sku": self.cleaned_data["sku"],
            "price": money_text(self.cleaned_data["price"]),
            "track_inventory": self.cleaned_data["track_inventory"],
        }


class VariantForm(_SpanishForm):
    """One variant's editable fields; with `creating`, also its starting stock. Stock itself
    changes only through StockForm, so every unit goes through the ledger."""

    sku = forms.CharField(
        label=_("Referencia (SKU)"),
        required=False,
        widget=forms.TextInput(
            attrs={"maxlength": "64", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    name = forms.CharField(
        label=_("Nombre de la variante"),
        required=False,
        help_text=_("Opcional, por ejemplo «Caja x 6»."),
        widget=forms.TextInput(attrs={"maxlength": "150"}),
    )
    options = forms.CharField(
        label=_("Opciones"),
        required=False,
        help_text=OPTIONS_HELP,
        widget=forms.TextInput(attrs={"maxlength": "400", "placeholder": "talla=M, color=Rojo"}),
    )
    price = _money(_("Precio"))
    compare_at_price = _money(
        _("Precio antes"),
        help_text=_("Opcional: el precio anterior, que se muestra tachado."),
    )
    track_inventory = forms.BooleanField(label=_("Controlar inventario"), required=False)
    initial_stock = forms.CharField(
        label=_("Existencias iniciales"),
        required=False,
        initial="0",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "9"}),
    )

    def __init__(self, *args, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["initial_stock"]

    def clean_options(self):
        return parse_options(self.cleaned_data.get("options", ""))

    def clean_initial_stock(self):
        raw = self.cleaned_data.get("initial_stock", "")
        return _whole_number(raw, signed=False) if raw.strip() else 0

    @classmethod
    def initial_for(cls, variant) -> dict:
        return {
            "sku": variant.sku,
            "name": variant.name,
            "options": format_options(variant.option_pairs),
            "price": variant.price,
            "compare_at_price": variant.compare_at_price if variant.compare_at_price else "",
            "track_inventory": variant.track_inventory,
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "sku": data["sku"],
            "name": data["name"],
            "options": data["options"],
            "price": money_text(data["price"]),
            "compare_at_price": money_text(data["compare_at_price"]),
            "track_inventory": data["track_inventory"],
        }


class StockForm(_SpanishForm):
    """A signed quantity and why. The page explains both once, above the two inputs (the
    hint's id is `<prefix>-hint`), so the inputs line up beside each other."""

    delta = forms.CharField(
        label=_("Cantidad"),
        error_messages={"required": _("Escribe cuántas unidades sumas o restas.")},
        # Text, not a number input: phones' numeric keypads often have no minus sign.
        widget=forms.TextInput(attrs={"maxlength": "10", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("Motivo"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": _("Opcional"), "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delta"].widget.attrs["aria-describedby"] = f"{self.prefix}-hint"

    def clean_delta(self):
        return _whole_number(self.cleaned_data["delta"], signed=True)


class ImageForm(_SpanishForm):
    image = forms.FileField(
        label=_("Foto"),
        help_text=_("JPEG, PNG o WebP de hasta 10 MB. Hasta 10 fotos; la primera es la portada."),
        error_messages={
            "required": _("Elige la foto que quieres subir."),
            "empty": _("El archivo está vacío."),
        },
        widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}),
    )
    alt = forms.CharField(
        label=_("Qué muestra la foto"),
        required=False,
        max_length=200,
        help_text=_(
            "Para quien no puede ver la imagen, por ejemplo «Arepa de chócolo con queso en un plato»."
        ),
    )


class ImportUploadForm(_SpanishForm):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_("Hasta 2 MB, con las columnas del archivo que exportas aquí."),
        error_messages={
            "required": _("Elige el archivo que vas a importar."),
            "empty": _("El archivo está vacío."),
        },
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ImportConfirmForm(_SpanishForm):
    """The preview's token: the uploaded file itself stays on the server between the steps."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput())


STATUS_FILTER_ALL = ""


class ProductFilterForm(_SpanishForm):
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[(STATUS_FILTER_ALL, _("Todos"))] + list(Product.Status.choices),
    )

    def status(self) -> str:
        return self.cleaned_data.get("estado", "") if self.is_valid() else ""
