"""`python -m bench seed ...` fills the configured database with a synthetic catalogue;
`python -m bench run ...` seeds a PostgreSQL database if needed and measures it under load."""

import argparse
import os
import shlex
import sys
from datetime import UTC, datetime


def _sizes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--vendors", type=int, help="default: one per 100 listings")
    parser.add_argument("--categories", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11, help="random seed (same seed, same rows)")


def _defaults(args) -> None:
    if args.vendors is None:
        args.vendors = max(args.listings // 100, 1)


def _seed(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    import django

    django.setup()
    from .seed import AlreadySeeded, seed

    try:
        report = seed(
            listings=args.listings,
            vendors=args.vendors,
            categories=args.categories,
            random_seed=args.seed,
            search_index=not args.no_search_index,
        )
    except AlreadySeeded as exc:
        sys.exit(str(exc))
    for line in report.lines():
        print(line)


def _run(args) -> None:
    from . import report as reporting
    from .environment import commit, machine
    from .runner import RunOptions, load_run

    size = f"{args.listings // 1000}k" if args.listings >= 1000 else str(args.listings)
    options = RunOptions(
        listings=args.listings,
        vendors=args.vendors,
        categories=args.categories,
        random_seed=args.seed,
        database_url=args.database_url or f"postgres://postgres@127.0.0.1:5432/tienda_bench_{size}",
        redis_url=args.redis_url,
        port=args.port,
        duration=args.duration,
        warmup=args.warmup,
        workers=args.workers,
        connections=args.connections,
        fresh=args.fresh,
        only=args.only or [],
        label=args.label or size,
        in_process_only=args.in_process_only,
        repeat=args.repeat,
    )
    started = datetime.now(UTC)
    measured = load_run(options, log=lambda line: print(line, flush=True))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        database = f"PostgreSQL {cursor.fetchone()[0]}"
    report = {
        "meta": {
            "date": started.strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit(),
            "machine": machine(database),
            "listings": options.listings,
            "vendors": options.vendors,
            "categories": options.categories,
            "workers": options.workers,
            "connections": options.connections,
            "duration": options.duration,
            "redis": bool(options.redis_url),
            "read_cache_seconds": os.environ.get("BENCH_READ_CACHE_SECONDS", "300"),
            "repeat": options.repeat,
            "in_process_only": options.in_process_only,
            "command": "python -m bench " + shlex.join(sys.argv[1:]),
        },
        **measured,
    }
    if options.in_process_only:
        from . import growth

        json_path, md_path = growth.write(report, options.label, growth.in_process_markdown)
        print(growth.in_process_markdown(report))
    else:
        json_path, md_path = reporting.write(report, options.label)
        print(reporting.markdown(report))
    print(f"written {json_path} and {md_path}")


def _growth(args) -> None:
    import json
    from pathlib import Path

    from . import growth

    small, large = (json.loads(Path(path).read_text()) for path in (args.small, args.large))
    data = growth.compare(small, large)
    json_path, md_path = growth.write(data, args.label, growth.growth_markdown)
    print(growth.growth_markdown(data))
    print(f"written {json_path} and {md_path}")


def _profile(args) -> None:
    from .profile import profile

    size = f"{args.listings // 1000}k" if args.listings >= 1000 else str(args.listings)
    for path in profile(
        database_url=args.database_url or f"postgres://postgres@127.0.0.1:5432/tienda_bench_{size}",
        redis_url=args.redis_url,
        only=args.only or [],
        repeat=args.repeat,
        label=args.label or size,
    ):
        print(f"written {path}")


def _hostile(args) -> None:
    from . import hostile
    from .environment import commit, machine

    size = f"{args.listings // 1000}k" if args.listings >= 1000 else str(args.listings)
    options = hostile.HostileOptions(
        database_url=args.database_url or f"postgres://postgres@127.0.0.1:5432/tienda_bench_{size}",
        redis_url=args.redis_url,
        port=args.port,
        workers=args.workers,
        requests=args.requests,
        clients=args.clients,
        listings=args.listings,
        vendors=args.vendors,
        categories=args.categories,
        random_seed=args.seed,
    )
    started = datetime.now(UTC)
    measured = hostile.hostile_run(options, log=lambda line: print(line, flush=True))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        database = f"PostgreSQL {cursor.fetchone()[0]}"
    report = {
        "meta": {
            "date": started.strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit(),
            "machine": machine(database),
            "listings": options.listings,
            "workers": options.workers,
            "clients": options.clients,
            "redis": bool(options.redis_url),
            "command": "python -m bench " + shlex.join(sys.argv[1:]),
        },
        **measured,
    }
    json_path, md_path = hostile.write(report, args.label or "hostile")
    print(hostile.markdown(report))
    print(f"written {json_path} and {md_path}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    seed = commands.add_parser("seed", help="write a synthetic catalogue into DATABASE_URL")
    _sizes(seed)
    seed.add_argument("--no-search-index", action="store_true")
    seed.set_defaults(func=_seed)

    run = commands.add_parser("run", help="seed if needed, start gunicorn, measure with wrk")
    _sizes(run)
    run.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    run.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
    run.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8102")))
    run.add_argument("--duration", type=float, default=10, help="seconds per scenario")
    run.add_argument("--warmup", type=float, default=1, help="seconds before each scenario")
    run.add_argument("--workers", type=int, default=2)
    run.add_argument("--connections", type=int, default=2)
    run.add_argument("--fresh", action="store_true", help="drop and re-seed the database")
    run.add_argument("--only", action="append", help="run scenarios whose name contains this")
    run.add_argument("--label", default="", help="results file suffix (default: the size)")
    run.add_argument(
        "--in-process-only",
        action="store_true",
        help="only SQL counts and in-process medians (no gunicorn, no wrk)",
    )
    run.add_argument("--repeat", type=int, default=3, help="in-process requests per scenario")
    run.set_defaults(func=_run)

    grow = commands.add_parser(
        "growth", help="compare two --in-process-only runs (JSON) of different sizes"
    )
    grow.add_argument("small")
    grow.add_argument("large")
    grow.add_argument("--label", default="growth")
    grow.set_defaults(func=_growth)

    prof = commands.add_parser("profile", help="pyinstrument over in-process requests")
    _sizes(prof)
    prof.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    prof.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
    prof.add_argument("--only", action="append", help="profile scenarios whose name has this")
    prof.add_argument("--repeat", type=int, default=5)
    prof.add_argument("--label", default="")
    prof.set_defaults(func=_profile)

    hostile = commands.add_parser(
        "hostile", help="a normal query's time, idle and while hostile clients send abuse"
    )
    _sizes(hostile)
    hostile.set_defaults(listings=2000)
    hostile.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    hostile.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
    hostile.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8103")))
    hostile.add_argument("--workers", type=int, default=2)
    hostile.add_argument("--requests", type=int, default=200, help="normal queries per phase")
    hostile.add_argument("--clients", type=int, default=8, help="hostile client threads")
    hostile.add_argument("--label", default="", help="results file suffix (default: hostile)")
    hostile.set_defaults(func=_hostile)

    args = parser.parse_args(argv)
    if hasattr(args, "listings"):
        _defaults(args)
    args.func(args)


if __name__ == "__main__":
    main()
