"""`manage.py media_sweep_orphans [--dry-run] [--older-than HOURS]`: delete uploaded files no
row references (see marketplace.core.media_sweep); the same job runs on the beat schedule."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from marketplace.core.media_sweep import media_sweep_orphans


class Command(BaseCommand):
    help = "Delete stored uploads that no row references and that are older than a grace period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
        parser.add_argument(
            "--older-than",
            type=float,
            default=settings.MEDIA_ORPHAN_GRACE_HOURS,
            metavar="HOURS",
            help="only files older than this (default: MEDIA_ORPHAN_GRACE_HOURS)",
        )

    def handle(self, *args, dry_run=False, older_than=None, **options):
        if older_than is None or older_than < 1:
            # A shorter grace would race uploads whose rows are not committed yet.
            raise CommandError("--older-than must be at least 1 hour.")
        report = media_sweep_orphans(older_than=timedelta(hours=older_than), dry_run=dry_run)
        for prefix, count in report.by_prefix.items():
            self.stdout.write(f"  {prefix:<12} {count}")
        self.stdout.write(str(report)[:1].upper() + str(report)[1:] + ".")
