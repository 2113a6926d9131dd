from django import forms
from django.utils.translation import gettext_lazy as _


class AccountEraseForm(forms.Form):
    password = forms.CharField(
        label=_("Tu contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
