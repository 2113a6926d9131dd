"""`python -m bench hostile`: does the GraphQL abuse defence hold under parallel load?

Issue 15's target: eight hostile requests in parallel leave a normal anonymous query within 2x
of its idle time. gunicorn runs as in a load run (bench.runner.Server, production mode) but with
the store's own settings, so the real limits apply: the body size, the parser's token limit,
field, fragment and variable counts, the visitors' cost budget and the per-client cost rate
limit (which bench.settings lifts for load runs). Every client sends its own address in
X-Forwarded-For (loopback is a trusted proxy here), so the rate limit keys on each client as it
would behind nginx, and refusals by the rate limit are counted apart from refusals of the
document's size or shape.
"""

import contextlib
import http.client
import json
import multiprocessing
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .environment import ROOT, server_env
from .report import RESULTS
from .scenarios import PRODUCTS_QUERY

GRAPHQL = "/graphql/"
NORMAL_BODY = json.dumps({"query": PRODUCTS_QUERY, "variables": {"first": 20}}).encode()
NORMAL_CLIENT = "10.1.0.1"
SHAPE_CODES = {
    "request_too_large",
    "too_many_tokens",
    "too_many_fields",
    "too_many_fragments",
    "too_many_variables",
    "query_too_costly",
    "query_too_deep",
}


@dataclass(frozen=True)
class HostileBody:
    name: str
    body: bytes
    code: str  # the stable code it must be refused with
    status: int


def _json(query: str, variables: dict | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def hostile_bodies() -> list[HostileBody]:
    """The bodies issue 15's sweep found costly, as it sent them."""
    repeated = "{" + " me { email }" * 1000 + " }"
    declared = "".join(f"$v{i}: Int" for i in range(20_000))
    level = "products(first: 100) { edges { node { name vendor { %s } } } }"
    bomb = "{ " + level % (level % "displayName") + " }"
    huge = "{" + " me { email }" * 170_000 + " }"
    return [
        HostileBody("{ me { email } } x 1,000", _json(repeated), "too_many_tokens", 400),
        HostileBody(
            "20,000 unused variables",
            _json(f"query({declared}) {{ me {{ email }} }}"),
            "request_too_large",
            413,
        ),
        HostileBody(
            "products > vendor > products, 100 a page", _json(bomb), "query_too_costly", 400
        ),
        HostileBody("2.2 MB body", _json(huge), "request_too_large", 413),
    ]


@dataclass
class Answer:
    status: int | str  # an HTTP status, or "reset" when the server closed the connection
    code: str
    ms: float


def post(port: int, body: bytes, client: str, timeout: float = 60) -> Answer:
    """One POST on a new connection (gunicorn's sync workers close each one anyway)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json", "X-Forwarded-For": client}
    started = time.perf_counter()
    try:
        # Answered before the whole body was sent: the answer may still be readable.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.request("POST", GRAPHQL, body, headers)
        response = connection.getresponse()
        content = response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        return Answer("reset", "", (time.perf_counter() - started) * 1000)
    finally:
        connection.close()
    return Answer(status, _code(content), (time.perf_counter() - started) * 1000)


def _code(content: bytes) -> str:
    try:
        errors = json.loads(content).get("errors") or []
    except (ValueError, AttributeError):
        return ""
    return str((errors[0].get("extensions") or {}).get("code", "")) if errors else ""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _timings(answers: list[Answer]) -> dict:
    times = [a.ms for a in answers]
    return {
        "requests": len(answers),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "statuses": _count(str(a.status) for a in answers),
    }


def _count(items) -> dict:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def normal_series(port: int, requests: int) -> list[Answer]:
    return [post(port, NORMAL_BODY, NORMAL_CLIENT) for _ in range(requests)]


def _hostile_loop(port, index, bodies, stop, results) -> None:
    client, turn, answers = f"10.2.0.{index + 1}", index, []
    while not stop.is_set():
        hostile = bodies[turn % len(bodies)]
        answers.append((hostile.name, post(port, hostile.body, client)))
        turn += 1
    results.put((answers, time.process_time()))


def _cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def _phase(server, run) -> tuple[list, dict]:
    """Run `run()` and return its answers with the server workers' CPU and the wall time."""
    workers = server.workers()
    cpu, started = _cpu_seconds(workers), time.perf_counter()
    answers = run()
    wall = time.perf_counter() - started
    used = _cpu_seconds(workers) - cpu
    return answers, {"wall_s": round(wall, 1), "server_cpu_s": round(used, 1)}


class HostileClients:
    """`count` processes, each sending the hostile bodies in turn (starting at a different one,
    so every kind is in flight all the time) from its own address. Processes, not threads: the
    normal client's timer must not wait for the interpreter lock held by a hostile client."""

    def __init__(self, port: int, count: int, bodies: list[HostileBody]):
        context = multiprocessing.get_context("fork")
        self.stop, self.results = context.Event(), context.Queue()
        self.processes = [
            context.Process(
                target=_hostile_loop,
                args=(port, i, bodies, self.stop, self.results),
                daemon=True,
            )
            for i in range(count)
        ]
        self.answers: list[tuple[str, Answer]] = []
        self.cpu_seconds = 0.0

    def __enter__(self):
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for _process in self.processes:
            answers, cpu = self.results.get(timeout=180)
            self.answers.extend(answers)
            self.cpu_seconds += cpu
        for process in self.processes:
            process.join(timeout=30)


def _hostile_summary(bodies: list[HostileBody], answers: list[tuple[str, Answer]]) -> list[dict]:
    rows = []
    for hostile in bodies:
        mine = [a for name, a in answers if name == hostile.name]
        if not mine:
            continue
        rows.append(
            {
                "body": hostile.name,
                "bytes": len(hostile.body),
                "expected": f"{hostile.status} {hostile.code}",
                **_timings(mine),
                "codes": _count(a.code or "-" for a in mine),
                "refused_as_expected": sum(
                    a.status == hostile.status and a.code == hostile.code for a in mine
                ),
                "refused_by_rate_limit": sum(a.code == "rate_limited" for a in mine),
                "refused_by_size_or_shape": sum(a.code in SHAPE_CODES for a in mine),
            }
        )
    return rows


@dataclass
class HostileOptions:
    database_url: str
    redis_url: str
    port: int
    workers: int
    requests: int
    clients: int
    listings: int
    vendors: int
    categories: int
    random_seed: int
    label: str = "hostile"
    # bench.runner.RunOptions fields prepare() reads and a hostile run never changes.
    fresh: bool = False


def hostile_run(options: HostileOptions, log) -> dict:
    from .runner import Server, _django, prepare

    env = server_env(
        database_url=options.database_url,
        redis_url=options.redis_url,
        var_dir=ROOT / "var" / "bench",
    )
    # The store's own settings: bench.settings lifts the per-client cost rate limit.
    env["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    env["TRUSTED_PROXIES"] = "127.0.0.1"
    _django(env)
    seeded = prepare(options, log)
    from django.db import connections

    connections.close_all()
    bodies = hostile_bodies()
    loads = [os.getloadavg()]
    with (
        tempfile.TemporaryDirectory() as tmp,
        Server(options, env, Path(tmp) / "g.log") as server,
    ):
        normal_series(options.port, 20)  # warm-up: imports, connections, caches
        alone = {
            h.name: [post(options.port, h.body, f"10.3.0.{i}") for _ in range(5)]
            for i, h in enumerate(bodies)
        }
        idle, idle_cpu = _phase(server, lambda: normal_series(options.port, options.requests))
        loads.append(os.getloadavg())
        log(f"idle: {_timings(idle)} {idle_cpu}")

        def under_attack():
            with HostileClients(options.port, options.clients, bodies) as attack:
                time.sleep(1)  # every client has a request in flight
                loaded = normal_series(options.port, options.requests)
                loads.append(os.getloadavg())
            return loaded, attack

        (loaded, hostile), loaded_cpu = _phase(server, under_attack)
        loaded_cpu["hostile_clients_cpu_s"] = round(hostile.cpu_seconds, 1)
        log(f"under hostile load: {_timings(loaded)} {loaded_cpu}")
    idle_t, loaded_t = _timings(idle), _timings(loaded)
    return {
        "seed": seeded,
        "normal_query": "products(first: 20) with totalCount, anonymous",
        "idle": idle_t,
        "loaded": loaded_t,
        "ratio_median": round(loaded_t["median_ms"] / idle_t["median_ms"], 2),
        "ratio_p95": round(loaded_t["p95_ms"] / idle_t["p95_ms"], 2),
        "hostile_alone": [
            {"body": name, **_timings(answers), "codes": _count(a.code for a in answers)}
            for name, answers in alone.items()
        ],
        "hostile_under_load": _hostile_summary(bodies, hostile.answers),
        "load_average": {"before": loads[0], "idle": loads[1], "loaded": loads[2]},
        "cpu": {"idle": idle_cpu, "loaded": loaded_cpu},
    }


def markdown(report: dict) -> str:
    meta, idle, loaded = report["meta"], report["idle"], report["loaded"]
    lines = [
        f"### GraphQL abuse defence under parallel load — {meta['date']}",
        "",
        f"Commit `{meta['commit']}` · {meta['machine']['cpu']} ({meta['machine']['cores']} cores)"
        f" · {meta['machine']['database']} · gunicorn {meta['workers']} sync workers, the "
        f"store's own settings · {meta['clients']} hostile clients · `{meta['command']}`",
        "",
        f"Normal query: {report['normal_query']}, {idle['requests']} sequential requests.",
        "",
        "| | median ms | p95 ms | max ms | statuses | load average (1, 5, 15 min) |",
        "|---|---:|---:|---:|---|---|",
        _row("idle", idle, report["load_average"]["idle"]),
        _row("8 hostile clients", loaded, report["load_average"]["loaded"]),
        "",
        f"**Ratio loaded / idle: median {report['ratio_median']}x, p95 {report['ratio_p95']}x** "
        "(target: within 2x).",
        "",
        _cpu_line(report["cpu"]),
        "",
        "| hostile body | bytes | expected | sent | refused as expected | by size/shape "
        "| by rate limit | median ms | p95 ms | max ms | statuses | alone: median ms |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    alone = {row["body"]: row for row in report["hostile_alone"]}
    for row in report["hostile_under_load"]:
        lines.append(
            f"| {row['body']} | {row['bytes']:,} | {row['expected']} | {row['requests']} "
            f"| {row['refused_as_expected']} | {row['refused_by_size_or_shape']} "
            f"| {row['refused_by_rate_limit']} | {row['median_ms']} | {row['p95_ms']} "
            f"| {row['max_ms']} | {_statuses(row['statuses'])} "
            f"| {alone.get(row['body'], {}).get('median_ms', '')} |"
        )
    return "\n".join(lines) + "\n"


def _cpu_line(cpu: dict) -> str:
    idle, loaded = cpu["idle"], cpu["loaded"]
    return (
        f"CPU seconds used by the gunicorn workers: idle phase {idle['server_cpu_s']} in "
        f"{idle['wall_s']} s, hostile phase {loaded['server_cpu_s']} in {loaded['wall_s']} s; "
        f"the hostile clients themselves used {loaded['hostile_clients_cpu_s']} s of the same "
        "two cores."
    )


def _row(label: str, timing: dict, load) -> str:
    return (
        f"| {label} | {timing['median_ms']} | {timing['p95_ms']} | {timing['max_ms']} "
        f"| {_statuses(timing['statuses'])} | {', '.join(f'{x:.2f}' for x in load)} |"
    )


def _statuses(counts: dict) -> str:
    return ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))


def write(report: dict, label: str) -> tuple[Path, Path]:
    RESULTS.mkdir(exist_ok=True)
    name = f"{datetime.now(UTC).strftime('%Y%m%dT%H%MZ')}-{label}"
    json_path, md_path = RESULTS / f"{name}.json", RESULTS / f"{name}.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown(report))
    return json_path, md_path
