from django.core.management.base import BaseCommand, CommandError

from marketplace.graphql.schema import SCHEMA_PATH, schema_sdl


class Command(BaseCommand):
    help = "Write the GraphQL schema to schema.graphql at the repository root."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if schema.graphql differs from the current schema.",
        )

    def handle(self, *args, check=False, **options):
        sdl = schema_sdl()
        if check:
            current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
            if current != sdl:
                raise CommandError(
                    f"{SCHEMA_PATH.name} is out of date: run `python manage.py export_schema`."
                )
            self.stdout.write(f"{SCHEMA_PATH.name} is up to date.")
            return
        SCHEMA_PATH.write_text(sdl, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_PATH}")
