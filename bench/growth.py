"""In-process runs (`bench run --in-process-only`) and how each scenario's cost grows between two
catalogue sizes (`bench growth SMALL.json LARGE.json`): issue 11 asks every read path to grow at
most 2x from 10,000 to 1,000,000 listings."""

import json
from datetime import UTC, datetime
from pathlib import Path

from .report import CHECKOUT, RESULTS

# Writes: what they cost is not a read path's growth.
WRITES = {"add to cart, new visitor", CHECKOUT}
LIMIT = 2.0


def _header(meta: dict) -> list[str]:
    return [
        f"Commit `{meta['commit']}` · {meta['machine']['cpu']} ({meta['machine']['cores']} "
        f"cores, {meta['machine']['memory_gb']} GB) · {meta['machine']['database']} · "
        f"`{meta['command']}`",
    ]


def in_process_markdown(report: dict) -> str:
    meta = report["meta"]
    lines = [
        f"### {meta['listings']:,} listings, {meta['vendors']:,} vendors, in process — "
        f"{meta['date']}",
        "",
        *_header(meta),
        "",
        f"Median of {meta['repeat']} requests through Django's test client after one untimed "
        "request; load is the 1-minute load average around the scenario.",
        "",
        "| scenario | in-process ms | CPU ms | SQL | load | status |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in report["results"]:
        lines.append(
            f"| {row['scenario']} | {row['in_process_ms']:.1f} | {row['in_process_cpu_ms']:.1f} "
            f"| {row['queries']} | {row.get('load', '')} | {row['status']} |"
        )
    return "\n".join(lines) + "\n"


def compare(small: dict, large: dict) -> dict:
    by_name = {row["scenario"]: row for row in small["results"]}
    rows = []
    for row in large["results"]:
        before = by_name.get(row["scenario"])
        if before is None:
            continue
        wall = row["in_process_ms"] / before["in_process_ms"] if before["in_process_ms"] else None
        cpu = (
            row["in_process_cpu_ms"] / before["in_process_cpu_ms"]
            if before["in_process_cpu_ms"]
            else None
        )
        read = row["scenario"] not in WRITES
        rows.append(
            {
                "scenario": row["scenario"],
                "read": read,
                "small": {k: before[k] for k in _KEYS if k in before},
                "large": {k: row[k] for k in _KEYS if k in row},
                "wall_ratio": wall,
                "cpu_ratio": cpu,
                # Wall time is the figure the target speaks of (it includes PostgreSQL's time,
                # which the harness's CPU time does not); on a busy machine read it with the
                # CPU ratio and the load.
                "over_limit": bool(read and wall and wall > LIMIT),
            }
        )
    return {
        "meta": {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "small": small["meta"],
            "large": large["meta"],
            "limit": LIMIT,
        },
        "results": rows,
    }


_KEYS = ("in_process_ms", "in_process_cpu_ms", "in_process_runs_ms", "queries", "load", "status")


def growth_markdown(growth: dict) -> str:
    small, large = growth["meta"]["small"], growth["meta"]["large"]
    lines = [
        f"### Growth from {small['listings']:,} to {large['listings']:,} listings, in process "
        f"— {growth['meta']['date']}",
        "",
        f"{small['listings']:,} listings: {small['date']}, commit `{small['commit']}`, "
        f"`{small['command']}`",
        "",
        f"{large['listings']:,} listings: {large['date']}, commit `{large['commit']}`, "
        f"`{large['command']}`",
        "",
        "Medians of in-process requests (wall ms, CPU ms of the harness process), SQL queries "
        "per request and the 1-minute load average around each scenario. Target: every read "
        f"path at most {growth['meta']['limit']:g}× (**bold**: over it). Wall time includes "
        "PostgreSQL's; the CPU time is the harness process's alone.",
        "",
        f"| scenario | {small['listings'] // 1000}k ms (CPU) | SQL | load "
        f"| {large['listings'] // 1000}k ms (CPU) | SQL | load | × wall | × CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in growth["results"]:
        a, b = row["small"], row["large"]

        def ratio(value, read=row["read"]):
            text = f"{value:.2f}" if value is not None else ""
            return f"**{text}**" if read and value is not None and value > LIMIT else text

        name = row["scenario"] + ("" if row["read"] else " (write)")
        lines.append(
            f"| {name} | {a['in_process_ms']:.1f} ({a['in_process_cpu_ms']:.1f}) "
            f"| {a['queries']} | {a.get('load', '')} "
            f"| {b['in_process_ms']:.1f} ({b['in_process_cpu_ms']:.1f}) | {b['queries']} "
            f"| {b.get('load', '')} | {ratio(row['wall_ratio'])} | {ratio(row['cpu_ratio'])} |"
        )
    return "\n".join(lines) + "\n"


def write(data: dict, label: str, markdown) -> tuple[Path, Path]:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%MZ")
    name = f"{stamp}-{label}" if label else stamp
    json_path, md_path = RESULTS / f"{name}.json", RESULTS / f"{name}.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown(data))
    return json_path, md_path
