"""What the orders app holds about a person, for their data download and account erasure.

On erasure an order keeps what commercial and tax law make the store keep as the record of a
sale (Código de Comercio art. 60 and Estatuto Tributario art. 632: books and their supporting
documents for ten and five years): its number, dates, status, lines, amounts, taxes, the
vendors who sold, and the municipality it was delivered to. The invoice itself is the vendor's
document and lives in its own records with DIAN. What identifies the buyer goes: name, email,
phone, identity document and street address.
"""

from marketplace.accounts.personal_data import (
    ERASED_EMAIL_DOMAIN,
    personal_data_eraser,
    personal_data_section,
)

from .models import Cart, Complaint, Order


@personal_data_section("pedidos")
def _orders(user) -> list:
    return [
        {
            "numero": order.number,
            "fecha": order.created_at.isoformat(),
            "estado": order.status,
            "total": order.total,
            "correo": order.email,
            "nombres": order.first_name,
            "apellidos": order.last_name,
            "telefono": order.phone,
            "documento": f"{order.document_type} {order.document_number}",
            "direccion": " ".join(
                part
                for part in (order.street_address, order.address_details, order.municipality_name)
                if part
            ),
        }
        for order in Order.objects.filter(user=user).order_by("created_at", "pk")
    ]


@personal_data_section("reclamos")
def _complaints(user) -> list:
    return [
        {
            "caso": complaint.case_number,
            "pedido": complaint.order.number,
            "tipo": complaint.kind,
            "fecha": complaint.created_at.isoformat(),
            "estado": complaint.status,
            "mensaje": complaint.message,
        }
        for complaint in Complaint.objects.filter(order__user=user)
        .select_related("order")
        .order_by("created_at", "pk")
    ]


@personal_data_eraser
def _erase_cart(user) -> None:
    Cart.objects.filter(user=user).delete()


@personal_data_eraser
def _anonymise_orders(user) -> None:
    Order.objects.filter(user=user).update(
        email=f"eliminada-{user.pk}@{ERASED_EMAIL_DOMAIN}",
        first_name="",
        last_name="",
        phone="",
        document_number="",
        street_address="",
        address_details="",
        postal_code="",
    )
