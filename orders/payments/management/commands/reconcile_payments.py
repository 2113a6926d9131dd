from django.core.management.base import BaseCommand

from orders.payments.reconciliation import reconcile_payments


class Command(BaseCommand):
    help = "Re-read pending and recent payments from their gateways and report differences."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=None, help="how far back to look")

    def handle(self, *args, hours=None, **options):
        self.stdout.write(str(reconcile_payments(hours=hours)))
