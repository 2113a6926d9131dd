"""Widgets the pages share."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: in the dict's order, True as a bare name, False left
    out."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
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
        parts = [
            f'<select name="{conditional_escape(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>'
        ]
        chosen = False
        for option_value, label in choices:
            if option_value is None:
                option_value = ""
            # Like ChoiceWidget.optgroups: only the first matching option is selected.
            selected = not chosen and str(option_value) in values
            chosen |= selected
            parts.append(
                f'\n  <option value="{conditional_escape(str(option_value))}"'
                f"{' selected' if selected else ''}>{conditional_escape(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above
