"""Forms of the cart pages. They carry the input as typed: orders.services.cart decides what a
quantity may be, and the views show its messages."""

from django import forms


class AddToCartForm(forms.Form):
    variante = forms.CharField(max_length=20)
    cantidad = forms.CharField(required=False)


class CartLineQuantityForm(forms.Form):
    cantidad = forms.CharField()
