"""Widgets and choices for long select lists."""

import html

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.safestring import mark_safe


def _escape(value) -> str:
    """conditional_escape without its lazy wrapper, which costs more than the escaping when it
    runs twice per option: what is already safe stays as it is, the rest as Django escapes it
    (html.escape, quotes included)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: in the dict's order, True as a bare name, False left
    out."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_escape(name)}")
        else:
            out.append(f' {_escape(name)}="{_escape(str(value))}"')
    return "".join(out)


class ManyOptionsSelect(forms.Select):
    """forms.Select's exact markup, written here instead of through its templates: Django
    renders every option by including two templates, tens of microseconds each, which for a
    filter listing every business with a listing waiting (about a thousand at the programme's
    scale) cost more than the rest of the page. Grouped choices go through the templates."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if self.allow_multiple_selected or any(
            isinstance(label, (list, tuple)) for _value, label in choices
        ):
            return super().render(name, value, attrs, renderer)
        values = self.format_value(value)
        parts = [f'<select name="{_escape(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>']
        chosen = False
        for option_value, label in choices:
            if option_value is None:
                option_value = ""
            # Like ChoiceWidget.optgroups: only the first matching option is selected.
            selected = not chosen and str(option_value) in values
            chosen |= selected
            parts.append(
                f'\n  <option value="{_escape(str(option_value))}"'
                f"{' selected' if selected else ''}>{_escape(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


class FlatChoices(BaseChoiceIterator):
    """(value, label) pairs without groups, already in the shape Django normalises choices to.
    A ChoiceField and its widget each rebuild a plain list of choices pair by pair, which for a
    thousand businesses cost more than rendering them; an iterator of this kind is kept as
    given."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)
