"""gunicorn settings for Tienda Virtual: `gunicorn -c infra/gunicorn.conf.py marketplace.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so the image, compose, the
Kubernetes manifests and the production-like run share this one file.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


# Inside a container the CPU count is the node's, not the container's limit: set
# GUNICORN_WORKERS to match the CPU limit there (the manifests do).
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# Synchronous workers with a few threads each: requests wait on PostgreSQL, Redis and S3, not on
# the CPU, and Django's ORM is thread-safe per connection.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# nginx buffers slow clients, so a request that takes longer than this is stuck, not slow.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak never grows into an outage.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Load the application once in the master: workers fork with it already imported (less memory,
# and an import error stops the deploy instead of every worker crash-looping).
preload_app = True

# Only the proxy in front (nginx) may set X-Forwarded-*; the default trusts 127.0.0.1 only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request id nginx assigns ties the proxy's log line to the application's.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s ua="%(a)s"'
# Workers' heartbeat files in memory: a container's disk may be slow or read-only. /dev/shm is
# private to the container (or an emptyDir with medium Memory on Kubernetes).
_SHM = "/dev/shm"  # noqa: S108
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or (
    _SHM if os.path.isdir(_SHM) else None
)

# Metrics of every worker are summed from files in PROMETHEUS_MULTIPROC_DIR (an empty directory,
# wiped before each start); a dead worker's gauges must not be counted any more.
_METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server):
    # The master, before any worker forks. With --preload the application is already imported
    # here, but its metrics all have labels, so no file exists until a worker answers a request.
    if _METRICS_DIR:
        from marketplace.core.metrics import clear_multiprocess_dir

        clear_multiprocess_dir()


def child_exit(server, worker):
    if _METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
