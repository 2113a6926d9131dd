"""The run's report: JSON with everything measured, and a Markdown table for people (and for the
README's performance section)."""

import json
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
FLOOR = "floor: 100 rows as JSON"
CHECKOUT = "checkout: complete and pay (test gateway)"

# Issue 11's targets at 100,000 listings (2 workers, wrk -c2, no response cache).
TARGETS = {
    "home": {"p95": 50},
    "catalogue": {"p95": 50},
    "catalogue, cheapest first": {"p95": 50},
    "root category": {"p95": 50},
    "leaf category": {"p95": 50},
    "vendor page": {"p95": 50},
    "search page, frequent word": {"p95": 50},
    "search page, medium word": {"p95": 50},
    "search page, rare word": {"p95": 50},
    "search page, filtered": {"p95": 50},
    "product page": {"p95": 20},
    "autocomplete": {"p95": 25},
    "GraphQL products(first: 100)": {"rps": 84, "p95": 40, "floor": 2.5},
    "GraphQL products(first: 20)": {"rps": 350},
    "GraphQL product(slug)": {"rps": 370, "p95": 10},
    "GraphQL search, frequent word": {"rps": 31},
    # Signed-in pages: a business's and a moderator's working lists.
    "dashboard: products list": {"p95": 100},
    "dashboard: orders list": {"p95": 100},
    "dashboard: orders list, page 10": {"p95": 100},
    "moderation queue": {"p95": 100},
    # p95 of a whole purchase (six requests: create, details, delivery, complete, pay, return),
    # and the database's verdict afterwards.
    CHECKOUT: {"p95": 300, "stock": True},
}
# With the read cache on, which serves these pages whole to first-time anonymous visitors.
CACHED_TARGETS = {
    "home": {"rps": 500},
    "root category": {"rps": 500},
    "leaf category": {"rps": 500},
    "product page": {"rps": 500},
}


def targets_for(meta: dict) -> dict:
    cached = str(meta.get("read_cache_seconds", "0")).strip() not in ("", "0")
    if not cached:
        return TARGETS
    return {
        **TARGETS,
        **{name: {**TARGETS.get(name, {}), **extra} for name, extra in CACHED_TARGETS.items()},
    }


def _target_text(target: dict) -> str:
    parts = []
    if "rps" in target:
        parts.append(f"≥ {target['rps']} req/s")
    if "p95" in target:
        parts.append(f"p95 ≤ {target['p95']} ms")
    if "floor" in target:
        parts.append(f"≤ {target['floor']}× floor")
    if target.get("stock"):
        parts.append("every stock check holds")
    return ", ".join(parts)


def stock_checks_hold(row: dict) -> bool:
    checks = [row.get("stock_check"), row.get("sell_out_check")]
    return all(check is not None and check["ok"] for check in checks)


def _meets(row: dict, target: dict, floor_rps: float | None) -> bool:
    if target.get("stock") and not stock_checks_hold(row):
        return False
    if not row["requests"]:
        return False
    if "rps" in target and row["rps"] < target["rps"]:
        return False
    if "p95" in target and row["p95"] > target["p95"]:
        return False
    return not ("floor" in target and floor_rps and floor_rps / row["rps"] > target["floor"])


def _in_process(row: dict) -> str:
    wall = f"{row['in_process_ms']:.0f}"
    cpu = row.get("in_process_cpu_ms")
    return f"{wall} ({cpu:.0f})" if cpu is not None else wall


def markdown(report: dict) -> str:
    meta = report["meta"]
    rows = report["results"]
    floor_rps = next((r["rps"] for r in rows if r["scenario"] == FLOOR), None)
    targets = targets_for(meta)
    lines = [
        f"### {meta['listings']:,} listings, {meta['vendors']:,} vendors — {meta['date']}",
        "",
        f"Commit `{meta['commit']}` · {meta['machine']['cpu']} ({meta['machine']['cores']} "
        f"cores, {meta['machine']['memory_gb']} GB) · {meta['machine']['database']} · "
        f"gunicorn {meta['workers']} sync workers · `wrk -t1 -c{meta['connections']} "
        f"-d{meta['duration']:g}s` per scenario · `{meta['command']}`",
        "",
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | in-process ms (CPU) | SQL | × floor "
        "| worker MB | load | non-2xx | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = ""
        if row["api"] and floor_rps and row["rps"]:
            ratio = f"{floor_rps / row['rps']:.1f}"
        target = targets.get(row["scenario"])
        verdict = ""
        if target:
            verdict = ("met: " if _meets(row, target, floor_rps) else "**missed**: ") + (
                _target_text(target)
            )
        # wrk reports only requests that finished within the run.
        timing = (
            f"{row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f}"
            if row["requests"]
            else "none finished | – | –"
        )
        lines.append(
            f"| {row['scenario']} | {row['rps']:.1f} | {timing} | {_in_process(row)} "
            f"| {row['queries']} | {ratio} | {row['worker_peak_mb']:.0f} "
            f"| {row['load'] if row['load'] is not None else ''} | {row['non_2xx']} "
            f"| {verdict} |"
        )
    lines += _stock_lines(rows)
    seeded = report.get("seed") or {}
    if seeded.get("seconds"):
        total = sum(seeded["seconds"].values())
        lines += [
            "",
            f"Seeded in this run: {sum(seeded['rows'].values()):,} rows in {total:.0f} s ("
            + ", ".join(
                f"{step} {seeded['rows'][step]:,} in {secs:.0f} s"
                for step, secs in seeded["seconds"].items()
            )
            + ").",
        ]
    return "\n".join(lines) + "\n"


def _stock_lines(rows: list[dict]) -> list[str]:
    from .oversell import summary_line

    out = []
    for row in rows:
        for key, label in (("stock_check", "under load"), ("sell_out_check", "sell-out")):
            if row.get(key):
                out.append(f"- {row['scenario']}, {label}: {summary_line(row[key])}.")
        if row.get("stock_check"):
            out.append(
                f"- {row['scenario']}: req/s and latencies are completed purchases; "
                f"{row.get('refused_for_stock', 0)} refused for stock "
                f"({row.get('refusal_codes', {})}), {row.get('failures', 0)} other failures "
                f"{row.get('failure_samples', [])}."
            )
    return ["", *out] if out else []


def write(report: dict, label: str) -> tuple[Path, Path]:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%MZ")
    name = f"{stamp}-{label}" if label else stamp
    json_path = RESULTS / f"{name}.json"
    md_path = RESULTS / f"{name}.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown(report))
    return json_path, md_path
