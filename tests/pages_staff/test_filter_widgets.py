"""The long filter selects of the staff console write the same markup as Django's Select."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from frontend_templates.forms.widgets import FlatChoices, ManyOptionsSelect

CHOICES = [
    ("", gettext_lazy("Todos")),
    ("a&b", 'Café <b> & "Cía"'),
    (1, "uno"),
    ("sub", "\u2003Subcategoría"),
    ("a&b", "repetido"),
    ("safe", mark_safe("<em>ya escapado</em>")),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "1", 1, ["sub"], "desconocido"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_negocio", "required": True, "data-x": 'q"', "hidden": False}]
)
def test_same_markup_as_djangos_select(value, attrs):
    expected = forms.Select(choices=CHOICES).render("negocio", value, attrs)

    assert ManyOptionsSelect(choices=CHOICES).render("negocio", value, attrs) == expected


def test_grouped_choices_go_through_the_templates():
    grouped = [("", "Todas"), ("Ropa", [("camisas", "Camisas"), ("bolsos", "Bolsos")])]

    assert ManyOptionsSelect(choices=grouped).render("c", "bolsos") == forms.Select(
        choices=grouped
    ).render("c", "bolsos")


def test_a_field_keeps_flat_choices_as_given_and_validates_against_them():
    class Form(forms.Form):
        negocio = forms.ChoiceField(required=False, widget=ManyOptionsSelect)

    form = Form({"negocio": "tejidos"})
    choices = FlatChoices([("", "Todos"), ("tejidos", "Tejidos de Bello")])
    form.fields["negocio"].choices = choices

    assert form.fields["negocio"].choices is choices
    assert form.is_valid() and form.cleaned_data["negocio"] == "tejidos"
    assert '<option value="tejidos" selected>Tejidos de Bello</option>' in str(form["negocio"])
    unknown = Form({"negocio": "otro"})
    unknown.fields["negocio"].choices = choices
    assert not unknown.is_valid()
