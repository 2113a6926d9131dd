from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from marketplace.accounts.models import User
from vendors.models import Program
from vendors.services.roster_import import roster_import_apply, roster_preview


class Command(BaseCommand):
    help = "Import the programme roster from a CSV or XLSX file (upsert by NIT)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="email of the coordinator doing the import (audited)"
        )
        parser.add_argument(
            "--program", default="desarrollo-economico-aburra", help="programme slug"
        )
        parser.add_argument("--dry-run", action="store_true", help="only show the preview")

    def handle(self, *args, file: Path, user: str, program: str, dry_run: bool, **options):
        actor = User.objects.filter(email__iexact=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {user}")
        programme = Program.objects.filter(slug=program).first()
        if programme is None:
            raise CommandError(f"No programme {program}")
        if not file.is_file():
            raise CommandError(f"No file {file}")
        run = roster_preview if dry_run else roster_import_apply
        try:
            result = run(
                program=programme, content=file.read_bytes(), filename=file.name, user=actor
            )
        except PermissionDenied as exc:
            raise CommandError(f"{user} may not import the roster") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for row in result.rows:
            if row.status == "error":
                self.stdout.write(f"row {row.number}: error: {'; '.join(row.errors)}")
            elif row.status != "unchanged":
                self.stdout.write(f"row {row.number}: {row.status} {row.nit} {row.name}")
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{'preview' if dry_run else 'imported'}: {counts['new']} new, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {counts['error']} with errors"
            )
        )
