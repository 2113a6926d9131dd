"""Forms of the moderation pages. They check the shape of the input only: a decision's rules
(a reason and a message are required, who may decide) live in catalog.services.moderation, and
their errors are put back on these forms."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import ModerationCase, Product
from catalog.selectors import ModerationFilters

from .staff import _Form
from .widgets import FlatChoices, ManyOptionsSelect

# GET parameter -> ModerationFilters field; the Spanish names show in shared links.
FILTER_PARAMS = {
    "municipio": "municipality",
    "categoria": "category",
    "negocio": "vendor",
    "alerta": "flag",
    "tipo": "kind",
}


def _tree_choices(categories) -> list[tuple[str, str]]:
    """Every category under its parent, indented, from one list of the whole (small) tree."""
    children: dict[int | None, list] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    choices, stack = [], [(c, 0) for c in reversed(children.get(None, []))]
    while stack:
        category, depth = stack.pop()
        choices.append((category.slug, "\u2003" * depth + category.name))
        stack.extend((c, depth + 1) for c in reversed(children.get(category.pk, [])))
    return choices


class ModerationFilterForm(_Form):
    """Choices come from the database through selectors, so the view passes them in (vendors
    as (slug, name) pairs); an unknown value (an old bookmark) is dropped rather than failing
    the page."""

    # Every business with a listing waiting and every category: long lists.
    municipio = forms.ChoiceField(label=_("Municipio"), required=False)
    categoria = forms.ChoiceField(label=_("Categoría"), required=False, widget=ManyOptionsSelect)
    negocio = forms.ChoiceField(label=_("Negocio"), required=False, widget=ManyOptionsSelect)
    alerta = forms.ChoiceField(label=_("Alerta"), required=False)
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Todos"))] + list(Product.Kind.choices),
    )

    def __init__(self, *args, municipalities=(), categories=(), vendors=(), flags=(), **kw):
        super().__init__(*args, **kw)
        self.fields["municipio"].choices = [("", _("Todos"))] + [
            (m.slug, m.name) for m in municipalities
        ]
        self.fields["categoria"].choices = FlatChoices(
            [("", _("Todas")), *_tree_choices(categories)]
        )
        self.fields["negocio"].choices = FlatChoices([("", _("Todos")), *vendors])
        self.fields["alerta"].choices = [("", _("Todas"))] + list(flags)

    def _values(self) -> dict[str, str]:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in FILTER_PARAMS if data.get(name)}

    def filters(self) -> ModerationFilters:
        return ModerationFilters(
            **{FILTER_PARAMS[name]: value for name, value in self._values().items()}
        )

    def query(self) -> str:
        """The valid filters as a query string ("" or "?municipio=bello"), carried from the
        queue to each review page and back, so "Siguiente" stays within the same filters."""
        values = self._values()
        return f"?{urlencode(values)}" if values else ""

    @property
    def is_filtered(self) -> bool:
        return bool(self._values())


class DecisionForm(_Form):
    """Rejecting or taking down a listing. Not required here: the service owns that rule."""

    reason = forms.ChoiceField(
        label=_("Motivo"),
        required=False,
        choices=[("", _("Elige el motivo"))] + list(ModerationCase.Reason.choices),
    )
    message = forms.CharField(
        label=_("Mensaje para el negocio"),
        required=False,
        max_length=2000,
        help_text=_(
            "Se lo enviaremos por correo. Dile qué debe corregir, con claridad y amabilidad."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
