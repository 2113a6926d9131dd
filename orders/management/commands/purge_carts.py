from datetime import timedelta

from django.core.management.base import BaseCommand

from orders.services.cart_cleanup import cart_purge_abandoned


class Command(BaseCommand):
    help = (
        "Delete visitors' carts whose session has expired (run it daily, e.g. from cron or "
        "a scheduled task)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Age in days; by default how long a session lasts (SESSION_COOKIE_AGE).",
        )

    def handle(self, *args, days=None, **options):
        age = timedelta(days=days) if days is not None else None
        count = cart_purge_abandoned(older_than=age)
        self.stdout.write(f"purge_carts: {count} abandoned carts deleted")
