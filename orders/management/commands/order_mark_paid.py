from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from orders.selectors import order_get_by_number_for_staff
from orders.services.lifecycle import order_mark_paid


class Command(BaseCommand):
    help = (
        "Mark an order paid on behalf of programme staff (a payment received outside the "
        "store, or testing before a gateway is configured): `order_mark_paid TV-000123 "
        "--staff coordinacion@example.com --reference TRANSFER-42`."
    )

    def add_arguments(self, parser):
        parser.add_argument("number")
        parser.add_argument("--staff", required=True, help="Email of a staff user who may.")
        parser.add_argument("--reference", default="", help="Payment reference to record.")

    def handle(self, *args, number, staff, reference, **options):
        user = get_user_model().objects.filter(email__iexact=staff).first()
        try:
            order = order_get_by_number_for_staff(user=user, number=number)
            if order is None:
                raise CommandError(f"No order {number}")
            order = order_mark_paid(order=order, by=user, reference=reference)
        except PermissionDenied as exc:
            raise CommandError(f"{staff}: {exc}") from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"order_mark_paid: {order.number} is {order.status}")
