from django.core.management.base import BaseCommand

from orders.services.lifecycle import orders_expire_due


class Command(BaseCommand):
    help = (
        "Expire orders left unpaid past ORDER_PAYMENT_TIMEOUT_MINUTES and return their stock "
        "(run it every minute or few; two runs at once release each order once)."
    )

    def handle(self, *args, **options):
        count = orders_expire_due()
        self.stdout.write(f"expire_orders: {count} unpaid orders expired")
