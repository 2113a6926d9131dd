"""What the catalogue holds about a person: the quote requests they sent."""

from marketplace.accounts.personal_data import (
    ERASED_EMAIL_DOMAIN,
    personal_data_eraser,
    personal_data_section,
)

from .models import QuoteRequest


@personal_data_section("cotizaciones")
def _quotes(user) -> list:
    return [
        {
            "producto": quote.product.name,
            "negocio": quote.product.vendor.display_name,
            "fecha": quote.created_at.isoformat(),
            "nombre": quote.name,
            "correo": quote.email,
            "telefono": quote.phone,
            "mensaje": quote.message,
        }
        for quote in QuoteRequest.objects.filter(requester=user)
        .select_related("product__vendor")
        .order_by("created_at", "pk")
    ]


@personal_data_eraser
def _erase_quotes(user) -> None:
    # The business keeps the request's date and product for its records, not the person.
    QuoteRequest.objects.filter(requester=user).update(
        requester=None,
        name="",
        email=f"eliminada-{user.pk}@{ERASED_EMAIL_DOMAIN}",
        phone="",
        message="",
    )
