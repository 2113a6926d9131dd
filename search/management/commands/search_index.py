"""manage.py search_index rebuild|update|check

rebuild  replace every index with one built from scratch (Elasticsearch: new index, then an
         atomic alias swap; database: one transaction), then repair what changed meanwhile
update   re-index every visible product in place and drop documents of invisible ones
check    compare each index with the database and repair the drift (--dry-run: report only;
         exits 1 when drift was found, for monitoring)
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import SearchUnavailable, database_backend, get_backend, write_backends
from search.documents import visible_product_ids


class ProgressBar:
    """A text progress bar: redrawn in place on a terminal, one line per 10 % otherwise."""

    def __init__(self, stream, total: int, label: str, width: int = 30):
        self.stream, self.total, self.label, self.width = stream, max(total, 0), label, width
        self.done, self._last_tenth = 0, -1
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, step: int) -> None:
        self.done = min(self.done + step, self.total) if self.total else self.done + step
        self.draw()

    def draw(self) -> None:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(self.width * fraction)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done}/{self.total} {fraction:4.0%}"
        )
        if self.tty:
            self.stream.write("\r" + line, ending="")
            self.stream.flush()
        elif int(fraction * 10) != self._last_tenth:
            self._last_tenth = int(fraction * 10)
            self.stream.write(line)

    def finish(self) -> None:
        if self.tty:
            self.stream.write("")


class Command(BaseCommand):
    help = "Rebuild, update or check the product search index."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "check"])
        parser.add_argument(
            "--backend",
            choices=["all", "database", "elasticsearch"],
            default="all",
            help="Which index (default: every index the pipeline keeps).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check: report drift without repairing it."
        )

    def _backends(self, choice: str):
        if choice == "all":
            return write_backends()
        if choice == "database":
            return [database_backend()]
        return [get_backend("elasticsearch")]

    def handle(self, *args, action, backend, dry_run, **options):
        backends = self._backends(backend)
        names = ", ".join(b.name for b in backends)
        total = len(visible_product_ids())
        try:
            if action == "rebuild":
                for one in backends:
                    bar = ProgressBar(self.stdout, total, f"Rebuilding {one.name}")
                    bar.draw()
                    counts = indexing.rebuild(backends=[one], progress=bar)
                    bar.finish()
                    self.stdout.write(f"{one.name}: {counts[one.name]} products indexed")
                # Writes that reached the old index while the new one was being filled.
                self._report(indexing.check(backends=backends), repair=True)
            elif action == "update":
                bar = ProgressBar(self.stdout, total, f"Updating {names}")
                bar.draw()
                count = indexing.update(backends=backends, progress=bar)
                bar.finish()
                self.stdout.write(f"{count} visible products re-indexed in {names}")
            else:
                bar = ProgressBar(self.stdout, total, f"Checking {names}")
                bar.draw()
                drifts = indexing.check(repair=not dry_run, backends=backends, progress=bar)
                bar.finish()
                if not self._report(drifts, repair=not dry_run) and dry_run:
                    sys.exit(1)
        except SearchUnavailable as exc:
            raise CommandError(f"Search backend unavailable: {exc}") from exc

    def _report(self, drifts, *, repair: bool) -> bool:
        clean = True
        for drift in drifts:
            if drift.clean:
                self.stdout.write(self.style.SUCCESS(f"{drift.backend}: in step"))
                continue
            clean = False
            verb = "repaired" if repair else "found"
            self.stdout.write(
                self.style.WARNING(
                    f"{drift.backend}: drift {verb}: {len(drift.missing)} missing, "
                    f"{len(drift.stale)} stale, {len(drift.extra)} extra"
                )
            )
        return clean
