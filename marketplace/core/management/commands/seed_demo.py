import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app contributes a `seed(log)` function; order follows the app dependencies.
SEEDERS = [
    "marketplace.accounts.demo.seed",
    "vendors.demo.seed",
    "catalog.demo.seed",
    "catalog.demo_moderation.seed",
    "orders.demo.seed",
]


class Command(BaseCommand):
    help = "Load deterministic Spanish demo data (idempotent). Refuses to run in production."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo only runs in debug: demo accounts have a known password.")
        with transaction.atomic():
            for path in SEEDERS:
                import_string(path)(lambda line: self.stdout.write(f"  {line}"))
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"\nTienda Virtual demo ready at http://127.0.0.1:{port}\n"
                f"Demo logins (password: {settings.DEMO_PASSWORD}):\n"
                "  coordinacion@example.com  programme coordinator\n"
                "  moderacion@example.com    programme moderator\n"
                "  ciudadano@example.com     citizen (buyer)\n"
                "  tienda1@example.com       active vendor, Arepas Doña Luz (tienda1..tienda30)\n"
                "  tienda31@example.com      vendor awaiting approval, Agencia Creativa Mango\n"
                "  tienda32@example.com      suspended vendor, Salsas La Tía\n"
            )
        )
