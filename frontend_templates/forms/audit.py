"""GET filters of the audit log page and its CSV export (the same form, so the file holds
exactly the events the page lists)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.selectors import AuditFilters

from ..views.staff.audit_display import ACTION_GROUPS, ACTIONS, TARGET_TYPES

# The programme began in September 2020; bounds also keep a typo such as year 20260 from
# reaching the database as a date it cannot hold.
EARLIEST = date(2020, 1, 1)
LATEST = date(2100, 12, 31)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _action_choices():
    """Each kind of action first as a whole ("listing."), then its actions one by one."""
    choices = [("", _("Todas"))]
    for prefix, group in ACTION_GROUPS.items():
        choices.append(
            (
                str(group),
                [(prefix, _("Todas: %(group)s") % {"group": group})]
                + [(code, label) for code, label in ACTIONS.items() if code.startswith(prefix)],
            )
        )
    others = [(c, label) for c, label in ACTIONS.items() if not c.startswith(tuple(ACTION_GROUPS))]
    if others:
        choices.append((str(_("Otras")), others))
    return choices


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    target_type = forms.ChoiceField(label=_("Tipo de objeto"), required=False)
    target_id = forms.CharField(
        label=_("Número del objeto"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    actor = forms.CharField(
        label=_("Correo de quien actuó"),
        required=False,
        max_length=254,
        widget=forms.TextInput(
            attrs={"inputmode": "email", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    action = forms.ChoiceField(label=_("Acción"), required=False)
    date_from = forms.DateField(
        label=_("Desde"), required=False, input_formats=DATE_FORMATS, widget=_DateInput()
    )
    date_to = forms.DateField(
        label=_("Hasta"), required=False, input_formats=DATE_FORMATS, widget=_DateInput()
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = [("", _("Todos"))] + list(TARGET_TYPES.items())
        self.fields["action"].choices = _action_choices()
        self.fields["action"].error_messages["invalid_choice"] = _("Elige una acción de la lista.")
        self.fields["target_type"].error_messages["invalid_choice"] = _(
            "Elige un tipo de objeto de la lista."
        )
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = _(
                "Escribe una fecha válida, por ejemplo 2026-11-23."
            )

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Escribe una fecha entre %(first)s y %(last)s.")
                % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
                code="out_of_range",
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean_actor(self):
        return self.cleaned_data["actor"].strip()

    def clean_target_id(self):
        return self.cleaned_data["target_id"].strip()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("La fecha final no puede ser anterior a la fecha inicial."))
        return cleaned

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def filters(self) -> AuditFilters:
        """Only for a valid form: the page shows the errors instead of guessing."""
        data = self.cleaned_data
        return AuditFilters(
            target_type=data["target_type"],
            target_id=data["target_id"],
            actor=data["actor"],
            action=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
