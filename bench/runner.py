"""A load run: prepare the database, count each scenario's SQL queries in process, start gunicorn
with production settings on loopback, drive each scenario with wrk for a fixed time, and write
the report (JSON and Markdown) under bench/results/."""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from . import oversell, signed_in
from .environment import ROOT, database_create, database_state, marker, server_env
from .scenarios import Samples, Scenario, scenarios, wrk_script


@dataclass
class RunOptions:
    listings: int
    vendors: int
    categories: int
    random_seed: int
    database_url: str
    redis_url: str
    port: int
    duration: float
    warmup: float
    workers: int
    connections: int
    fresh: bool
    only: list[str]
    label: str
    # Only the SQL count and in-process time of each scenario (median of `repeat`): no gunicorn,
    # no wrk. What growth between catalogue sizes is read from on a shared machine.
    in_process_only: bool = False
    repeat: int = 3


def _django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def prepare(options: RunOptions, log) -> dict:
    """Create, migrate and seed the database when it does not hold this catalogue yet."""
    from django.core.management import call_command

    wanted = marker(
        listings=options.listings,
        vendors=options.vendors,
        categories=options.categories,
        random_seed=options.random_seed,
    )
    state = database_state(options.database_url, wanted)
    if state == "other" and not options.fresh:
        raise SystemExit("the database holds something else; pass --fresh to drop and re-create it")
    if state != "match" or options.fresh:
        database_create(options.database_url, drop=state != "missing")
    call_command("migrate", verbosity=0, interactive=False)
    seeded = {}
    if state != "match" or options.fresh:
        from .seed import seed

        log(f"seeding {options.listings} listings, {options.vendors} vendors")
        report = seed(
            listings=options.listings,
            vendors=options.vendors,
            categories=options.categories,
            random_seed=options.random_seed,
            log=log,
        )
        for line in report.lines():
            log("  " + line)
        seeded = {"rows": report.rows, "seconds": report.seconds}
    from .accounts_seed import ensure_signed_in_fixtures

    # Idempotent: adds the signed-in scenarios' accounts, orders and revisions to a catalogue
    # seeded before they existed.
    extra = ensure_signed_in_fixtures(listings=options.listings)
    if extra.rows:
        for line in extra.lines():
            log("  " + line)
        seeded = {
            "rows": {**seeded.get("rows", {}), **extra.rows},
            "seconds": {**seeded.get("seconds", {}), **extra.seconds},
        }
    call_command("collectstatic", verbosity=0, interactive=False)
    return seeded


def samples() -> Samples:
    """Rows in the middle of the catalogue, the same for every run of the same seed."""

    from catalog.models import Category, Product, ProductVariant
    from marketplace.core.models import Municipality
    from vendors.models import Vendor

    visible = Product.objects.filter(status="published").order_by("pk")
    middle = visible.count() // 2
    product = visible.filter(kind="goods")[middle // 2 :].first() or visible.first()
    variant = ProductVariant.objects.filter(product=product).order_by("position").first()
    leaf = Category.objects.filter(children=None, products__isnull=False).order_by("pk").first()
    root = Category.objects.filter(parent=None).order_by("position", "pk").first()
    vendor = Vendor.objects.filter(status="active", slug__startswith="negocio-bench").first()
    return Samples(
        product_slug=product.slug,
        root_category=root.slug,
        leaf_category=leaf.slug,
        vendor_slug=vendor.slug,
        municipality=Municipality.objects.order_by("dane_code").first().slug,
        variant_pk=variant.pk,
    )


def in_process(scenario: Scenario, repeat: int = 3, *, warmup: bool = False) -> dict:
    """SQL queries per request and the median time, through Django's test client. `warmup`
    sends one untimed request first (cold caches and connection)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from .signed_in import client_for

    headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in scenario.headers.items()}
    headers.pop("HTTP_CONTENT_TYPE", None)
    headers.pop("HTTP_COOKIE", None)
    timings, cpu, queries, status = [], [], 0, 0
    for attempt in range(repeat + int(warmup)):
        # A new client each time: wrk sends no cookies either (but a signed-in scenario's).
        client = client_for(scenario)
        if "Cookie" in scenario.headers and not scenario.signed_in:
            # The form's CSRF cookie, which wrk sends as a header (else the test client gets 403).
            client.cookies.load(scenario.headers["Cookie"])
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            if scenario.method == "POST":
                response = client.post(
                    scenario.path,
                    scenario.body_for(time.monotonic_ns()),
                    content_type=scenario.headers.get("Content-Type", "application/json"),
                    **headers,
                )
            else:
                response = client.get(scenario.path, **headers)
            if attempt >= int(warmup):
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
        queries, status = len(captured), response.status_code
        if scenario.api and _graphql_errors(response.content):
            status = f"{status} with errors: {response.content[:300]!r}"
    return {
        "queries": queries,
        "in_process_ms": statistics.median(timings),
        # Python's own CPU time: unlike wall time, hardly changed by a busy machine.
        "in_process_cpu_ms": statistics.median(cpu),
        "in_process_runs_ms": [round(t, 1) for t in timings],
        "status": status,
    }


def _graphql_errors(content: bytes) -> bool:
    """Top-level errors, or a mutation's non-empty `errors` list."""
    try:
        payload = json.loads(content)
    except ValueError:
        return True
    if payload.get("errors"):
        return True
    return any(
        isinstance(value, dict) and value.get("errors")
        for value in (payload.get("data") or {}).values()
    )


class Server:
    def __init__(self, options: RunOptions, env: dict, log_path: Path):
        self.options, self.env, self.log_path = options, env, log_path
        self.process = None

    def __enter__(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "marketplace.wsgi:application",
            f"--workers={self.options.workers}",
            f"--bind=127.0.0.1:{self.options.port}",
            "--worker-class=sync",
            "--timeout=120",
            f"--error-logfile={self.log_path}",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env={**os.environ, **self.env}
        )
        deadline = time.monotonic() + 60
        url = f"http://127.0.0.1:{self.options.port}/healthz"
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit(f"gunicorn did not answer on {url}; see {self.log_path}")

    def workers(self) -> list[int]:
        try:
            path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return [int(pid) for pid in path.read_text().split()]
        except (OSError, ValueError):
            return []

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            # Quick shutdown: a worker still busy with a request wrk abandoned is not waited for.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class LoadSampler(threading.Thread):
    """Machine load and worker memory while wrk runs."""

    def __init__(self, server: Server):
        super().__init__(daemon=True)
        self.server, self.loads, self.rss = server, [], {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(0.5):
            self.loads.append(os.getloadavg()[0])
            for pid in self.server.workers():
                self.rss[pid] = max(self.rss.get(pid, 0), _status_kb(pid, "VmRSS"))


def wrk(options: RunOptions, scenario: Scenario, duration: float, script_dir: Path) -> dict:
    script = script_dir / "scenario.lua"
    script.write_text(wrk_script(scenario))
    command = [
        "wrk",
        "-t1",
        f"-c{options.connections}",
        f"-d{max(int(round(duration)), 1)}s",
        "--timeout=30s",
        "-s",
        str(script),
        f"http://127.0.0.1:{options.port}{quote(scenario.path, safe='/?&=')}",
    ]
    done = subprocess.run(  # noqa: S603 - wrk with our own arguments
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[len("BENCH ") :])
    raise SystemExit(f"wrk failed for {scenario.name}: {done.stdout}\n{done.stderr}")


def load_run(options: RunOptions, log) -> dict:
    if shutil.which("wrk") is None and not options.in_process_only:
        raise SystemExit("wrk is missing: install it with `apt-get install -y wrk` (Debian)")
    env = server_env(
        database_url=options.database_url,
        redis_url=options.redis_url,
        var_dir=ROOT / "var" / "bench",
    )
    _django(env)
    seeded = prepare(options, log)
    chosen = samples()
    selected = [
        s for s in scenarios(chosen) if not options.only or any(o in s.name for o in options.only)
    ]
    if any(s.signed_in for s in selected):
        cookies = signed_in.session_cookies()
        selected = [signed_in.with_session(s, cookies) for s in selected]
    checkout = warmup = None
    if any(s.driver == "checkout" for s in selected):
        checkout = signed_in.checkout_target()
        warmup = signed_in.checkout_target(stock=100_000)
    results = []
    counts = {}
    for scenario in selected:
        if scenario.driver == "checkout":
            # On the warm-up listing: this run's listing keeps its whole stock for the load.
            counts[scenario.name] = signed_in.checkout_in_process(warmup)
        else:
            load = os.getloadavg()[0]
            counts[scenario.name] = in_process(
                scenario, options.repeat, warmup=options.in_process_only
            )
            counts[scenario.name]["load"] = round((load + os.getloadavg()[0]) / 2, 2)
        log(f"in process  {scenario.name:<34} {counts[scenario.name]}")
    if options.in_process_only:
        results = [
            {"scenario": s.name, "method": s.method, "path": s.path, "api": s.api, **counts[s.name]}
            for s in selected
        ]
        return {"seed": seeded, "samples": chosen.__dict__, "results": results}
    from django.db import connections

    connections.close_all()
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in selected:
            # Fresh workers per scenario: a sync worker finishes a request wrk abandoned at its
            # deadline, which would slow the next scenario down.
            with Server(options, env, Path(tmp) / "gunicorn.log") as server:
                measure = _measure_checkout if scenario.driver == "checkout" else _measure
                context = (checkout, warmup) if scenario.driver == "checkout" else ()
                results.append(
                    measure(options, scenario, server, counts[scenario.name], log, *context)
                )
    return {"seed": seeded, "samples": chosen.__dict__, "results": results}


def _measure(options: RunOptions, scenario: Scenario, server: Server, counted: dict, log) -> dict:
    script_dir = server.log_path.parent
    if options.warmup:
        wrk(options, scenario, options.warmup, script_dir)
    sampler = LoadSampler(server)
    sampler.start()
    measured = wrk(options, scenario, options.duration, script_dir)
    sampler.stop.set()
    sampler.join()
    return _row(options, scenario, server, counted, log, measured, sampler)


def _measure_checkout(options, scenario, server, counted, log, target, warmup) -> dict:
    signed_in.checkout_warmup(options, warmup)
    sampler = LoadSampler(server)
    sampler.start()
    measured = signed_in.checkout_load(options, target)
    sampler.stop.set()
    sampler.join()
    row = _row(options, scenario, server, counted, log, measured, sampler)
    log("     " + oversell.summary_line(measured["stock_check"]))
    log("     sell-out: " + oversell.summary_line(measured["sell_out_check"]))
    return row


def _row(options, scenario, server, counted, log, measured, sampler) -> dict:
    peak = {pid: _status_kb(pid, "VmHWM") for pid in server.workers()}
    row = {
        "scenario": scenario.name,
        "method": scenario.method,
        "path": scenario.path,
        "api": scenario.api,
        "rps": measured["requests"] / measured["seconds"] if measured["seconds"] else 0,
        **measured,
        **counted,
        "worker_rss_mb": round(max(sampler.rss.values(), default=0) / 1024, 1),
        "worker_peak_mb": round(max(peak.values(), default=0) / 1024, 1),
        "load": round(statistics.mean(sampler.loads), 2) if sampler.loads else None,
    }
    log(
        f"wrk  {scenario.name:<34} {row['rps']:8.1f} req/s  p50 {row['p50']:7.1f} ms  "
        f"p95 {row['p95']:7.1f} ms  p99 {row['p99']:7.1f} ms  q={row['queries']}"
    )
    return row
