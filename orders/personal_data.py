"""What the orders app holds about a person, for their data download and account erasure.
Orders stay whole on erasure: they are the store's legal records (invoices, retractos, PQRs)."""

from marketplace.accounts.personal_data import personal_data_eraser, personal_data_section

from .models import Cart, Order


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


@personal_data_eraser
def _erase_cart(user) -> None:
    Cart.objects.filter(user=user).delete()
