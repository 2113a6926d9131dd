"""Which gateways exist, which are enabled (settings.PAYMENT_GATEWAYS) and which may take an
amount. A new provider is one module here plus one line in `_MODULES`."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .base import Gateway

_MODULES = {
    "test": "orders.payments.gateways.simulated.SimulatedGateway",
    "wompi": "orders.payments.gateways.wompi.WompiGateway",
    "stripe": "orders.payments.gateways.stripe_gateway.StripeGateway",
}

# How the checkout names each gateway to buyers.
LABELS = {
    "test": _("Pasarela de prueba (no se cobra dinero)"),
    "wompi": _("Wompi: tarjeta, PSE, Nequi o Bancolombia"),
    "stripe": _("Tarjeta internacional (Stripe)"),
}
# The payment methods the buyer finds on each gateway's page (Wompi's page offers them all;
# Stripe's Payment Element takes cards only for COP).
METHODS = {
    "test": [_("Aprobar, rechazar o dejar pendiente")],
    "wompi": [_("Tarjeta de crédito o débito"), "PSE", "Nequi", "Bancolombia"],
    "stripe": [_("Tarjeta de crédito o débito")],
}


def known_gateways() -> list[str]:
    return list(_MODULES)


def enabled_gateways() -> list[str]:
    """Listed in settings.PAYMENT_GATEWAYS and given their keys."""
    return [
        name
        for name in settings.PAYMENT_GATEWAYS
        if name in _MODULES and _gateway_class(name).is_configured()
    ]


@cache
def _gateway_class(name: str) -> type:
    return import_string(_MODULES[name])


def get_gateway(name: str) -> Gateway:
    """A gateway built from the current settings (tests point them at loopback fakes)."""
    return _gateway_class(name)()


def gateway_accepts(name: str, amount: int) -> bool:
    cls = _gateway_class(name)
    if amount < cls.min_amount:
        return False
    return cls.max_amount is None or amount <= cls.max_amount


def gateways_for_amount(amount: int) -> list[str]:
    """The enabled gateways a checkout of `amount` pesos may offer, in settings order."""
    return [name for name in enabled_gateways() if gateway_accepts(name, amount)]
