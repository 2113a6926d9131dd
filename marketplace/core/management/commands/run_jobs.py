"""manage.py run_jobs: the scheduled jobs without a broker (the demo starts it beside the
server). Production uses Celery beat with the same list (settings.SCHEDULED_JOBS).

Jobs run one after another in this process. On SQLite run one loop per database; on PostgreSQL
any number of loops (or beat) may run, because each job takes a lease before it starts.
"""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from marketplace.core import jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs (settings.SCHEDULED_JOBS) in a loop, or once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the due jobs once, then exit.")
        parser.add_argument(
            "--job", action="append", default=[], help="Run this job now (repeatable)."
        )
        parser.add_argument("--tick", type=float, default=5.0, help="Seconds between checks.")

    def handle(self, *args, once=False, job=(), tick=5.0, **options):
        unknown = sorted(set(job) - set(jobs.jobs()))
        if unknown:
            raise CommandError(
                f"Unknown job(s): {', '.join(unknown)}. Known: {', '.join(jobs.jobs())}"
            )
        if job:
            for name in job:
                self._run(name)
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        while not stop.is_set():
            for name in jobs.due_jobs():
                if stop.is_set():
                    break
                self._run(name)
            if once:
                return
            stop.wait(tick)

    def _run(self, name: str) -> None:
        self.stdout.write(f"{name}: {jobs.run_job(name)}")
