from django import forms
from django.utils.translation import gettext_lazy as _

WEEK_CHOICES = (4, 8, 12, 26)
DEFAULT_WEEKS = 8


class MetricsPeriodForm(forms.Form):
    weeks = forms.TypedChoiceField(label=_("Periodo"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Built per request, so the labels come out in the visitor's language.
        self.fields["weeks"].choices = [
            (n, _("Últimas %(n)d semanas") % {"n": n}) for n in WEEK_CHOICES
        ]

    @classmethod
    def from_query(cls, query) -> tuple["MetricsPeriodForm", int]:
        """The form to show and the number of weeks to report. An unknown value (an old
        bookmark, a typo) falls back to the default rather than failing the page."""
        bound = cls(query)
        weeks = bound.cleaned_data["weeks"] if bound.is_valid() else DEFAULT_WEEKS
        return cls(initial={"weeks": weeks}), weeks
