from django.core.management.base import BaseCommand

from catalog.services.images import WIDTHS, product_image_renditions_backfill


class Command(BaseCommand):
    help = (
        "Store the rendition widths product photos lack (photos uploaded before a width was "
        "added). Safe to run again: photos with every width are skipped."
    )

    def handle(self, *args, **options):
        count = product_image_renditions_backfill()
        widths = ", ".join(str(width) for width in WIDTHS)
        self.stdout.write(f"product_renditions_fill: {count} photos queued for widths {widths}")
