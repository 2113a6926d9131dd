"""Staff console forms. As everywhere in the site they only check the shape of the input: the
rules (a reason is required, which transitions are allowed, what a valid roster row is) live in
the vendors services, and their errors are put back on these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vendors.models import Enrollment, Vendor


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class EnrollmentFilterForm(_Form):
    """GET filters of the roster list. Choices come from the database, so the view passes them
    in; an unknown value (an old bookmark) is dropped rather than failing the page."""

    q = forms.CharField(
        label=_("Buscar por nombre o NIT"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    municipality = forms.ChoiceField(label=_("Municipio"), required=False)
    sector = forms.ChoiceField(label=_("Sección CIIU"), required=False)
    status = forms.ChoiceField(label=_("Estado"), required=False)
    cohort = forms.ChoiceField(label=_("Cohorte"), required=False)

    def __init__(self, *args, municipalities=(), sections=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Todos"))]
        self.fields["municipality"].choices = every + [(m.slug, m.name) for m in municipalities]
        self.fields["sector"].choices = [("", _("Todas"))] + [
            (s.code, f"{s.code} · {s.title}") for s in sections
        ]
        self.fields["status"].choices = every + list(Enrollment.Status.choices)
        self.fields["cohort"].choices = [("", _("Todas"))] + [(c, c) for c in cohorts]

    def value(self, name: str) -> str:
        """The cleaned value, or "" when it was missing or not one of the choices."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or ""

    @property
    def is_filtered(self) -> bool:
        return any(self.value(name) for name in self.fields)


class VendorFilterForm(_Form):
    status = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos"))] + list(Vendor.Status.choices),
    )

    def value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class RosterUploadForm(_Form):
    file = forms.FileField(
        label=_("Archivo del registro"),
        help_text=_("CSV o Excel (.xlsx), hasta 5 MB, con las columnas de la plantilla."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    program = forms.ModelChoiceField(
        label=_("Programa"), queryset=None, empty_label=None, required=True
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["file"].error_messages["required"] = _("Elige el archivo que vas a importar.")
        self.fields["file"].error_messages["empty"] = _("El archivo está vacío.")
        # With one programme there is nothing to choose; the page names it instead.
        self.single_program = programs.first() if programs.count() == 1 else None
        if self.single_program is not None:
            self.fields["program"].widget = forms.HiddenInput()
            self.fields["program"].initial = self.single_program.pk


class RosterConfirmForm(_Form):
    """The preview's token: the uploaded file itself stays on the server between the steps."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput())


class EnrollmentStatusForm(_Form):
    status = forms.ChoiceField(label=_("Nuevo estado"), choices=Enrollment.Status.choices)
    # Withdrawing takes the vendor out of the store, so it needs a second, explicit step.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput())


class ReasonForm(_Form):
    """Rejecting or suspending. Not required here: the service owns that rule and its code."""

    reason = forms.CharField(
        label=_("Motivo"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text
