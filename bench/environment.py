"""Where a load run happens: its PostgreSQL database (created and seeded once per size, then
reused), the production-like environment the server and the harness share, and the machine."""

import os
import platform
import secrets
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MARKER_PREFIX = "bench "


def marker(*, listings: int, vendors: int, categories: int, random_seed: int) -> str:
    """What the bench programme's description records, so a database is reused only for the
    same catalogue."""
    return (
        f"{MARKER_PREFIX}listings={listings} vendors={vendors} categories={categories} "
        f"seed={random_seed}"
    )


def server_env(*, database_url: str, redis_url: str, var_dir: Path) -> dict[str, str]:
    """Production mode on loopback: no TLS redirect (wrk speaks plain HTTP), quiet logs."""
    secret = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48)
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secret,
        "JWT_SECRET": secret,
        "JWT_ACCESS_TTL_SECONDS": "7200",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "",
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        # BENCH_READ_CACHE_SECONDS=0 measures every read uncached, as before the read cache.
        "READ_CACHE_SECONDS": os.environ.get("BENCH_READ_CACHE_SECONDS", "300"),
        # The checkout scenario's order mails would otherwise be printed to the console.
        "EMAIL_URL": "dummymail://",
    }


def _admin_url(database_url: str) -> tuple[str, str]:
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    return urlunsplit(parts._replace(path="/postgres")), name


def database_state(database_url: str, wanted_marker: str) -> str:
    """ "missing", "match" (seeded with this catalogue) or "other"."""
    import psycopg

    admin, name = _admin_url(database_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not exists:
        return "missing"
    with psycopg.connect(database_url) as conn:
        try:
            row = conn.execute(
                "SELECT description FROM vendors_program WHERE slug = 'bench'"
            ).fetchone()
        except psycopg.errors.UndefinedTable:
            return "other"
    return "match" if row and row[0] == wanted_marker else "other"


def database_create(database_url: str, *, drop: bool) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _admin_url(database_url)
    if not name.startswith("tienda_bench") and drop:
        raise SystemExit(f"refusing to drop {name!r}: only tienda_bench* databases are dropped")
    with psycopg.connect(admin, autocommit=True) as conn:
        if drop:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def machine(database_version: str) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_kb = 0
    try:
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        memory_kb = int(first.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return {
        "host": platform.node(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "database": database_version,
        "wrk": _output(["wrk", "--version"]).splitlines()[0] if _output(["wrk", "-v"]) else "",
    }


def commit() -> str:
    head = _output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).strip()
    dirty = _output(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"])
    return f"{head}{'+changes' if dirty.strip() else ''}"


def _output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout or done.stderr
