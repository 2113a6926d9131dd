"""Metrics of the production-like run: /metrics on gunicorn sums every worker process through
PROMETHEUS_MULTIPROC_DIR, answers only with the token, and the Celery worker serves its own port.

Requests go straight to gunicorn (nginx answers 404 to /metrics, as in production), with a Host
Django accepts. Exit status 0 when every check holds.
"""

import argparse
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

FILE_PID = re.compile(r"^counter_(\d+)\.db$")


def get(url: str, host: str | None = None, token: str | None = None) -> tuple[int, str]:
    headers = {"Host": host} if host else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback URLs)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def requests_total(text: str, view: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "tienda_http_requests_total" and sample.labels.get("view") == view
    )


def writer_pids(metrics_dir: Path) -> set[int]:
    """Processes that counted at least one request (one counter file each)."""
    return {int(m.group(1)) for p in metrics_dir.iterdir() if (m := FILE_PID.match(p.name))}


def check(condition: bool, message: str) -> None:
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        raise SystemExit(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app-url", required=True, help="gunicorn's own address")
    parser.add_argument("--host", required=True, help="a host in ALLOWED_HOSTS")
    parser.add_argument("--token", required=True)
    parser.add_argument("--metrics-dir", required=True, type=Path, help="web's multiproc dir")
    parser.add_argument("--workers", required=True, type=int, help="GUNICORN_WORKERS")
    parser.add_argument("--worker-metrics-url", required=True)
    parser.add_argument("--requests", type=int, default=60, help="per round")
    args = parser.parse_args()
    metrics_url = f"{args.app_url}/metrics"

    status, _ = get(metrics_url, args.host)
    check(status == 401, f"/metrics without the token answers 401 (got {status})")
    status, text = get(metrics_url, args.host, args.token)
    check(status == 200, f"/metrics with the token answers 200 (got {status})")
    before = requests_total(text, "healthz")

    # Concurrent requests, so that every gunicorn process takes some; more rounds if one did not.
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _round in range(5):
            statuses = list(
                pool.map(
                    lambda _: get(f"{args.app_url}/healthz", args.host)[0], range(args.requests)
                )
            )
            check(set(statuses) == {200}, f"{len(statuses)} requests to /healthz answered 200")
            sent += len(statuses)
            if len(writer_pids(args.metrics_dir)) >= args.workers:
                break
    pids = writer_pids(args.metrics_dir)
    check(
        len(pids) >= args.workers,
        f"{len(pids)} gunicorn processes wrote metrics files (workers: {args.workers})",
    )
    status, text = get(metrics_url, args.host, args.token)
    after = requests_total(text, "healthz")
    check(
        after - before >= sent,
        f"one scrape counts all {sent} requests across the processes (counted {after - before:g})",
    )

    status, text = get(args.worker_metrics_url)
    check(status == 200, f"the Celery worker's metrics port answers 200 (got {status})")
    families = {family.name for family in text_string_to_metric_families(text)}
    payments = [
        f"{s.labels['gateway']}/{s.labels['status']}={s.value:g}"
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "tienda_payments_total"
    ]
    print(f"     worker metric families: {sorted(families) or 'none yet'}; payments: {payments}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
