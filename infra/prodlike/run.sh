#!/usr/bin/env bash
# Production-like run without containers: production settings, gunicorn behind nginx with TLS on
# loopback, PostgreSQL, Redis (cache and Celery broker), a Celery worker and beat, media on an
# S3-protocol server (moto), then a scripted journey against https://localhost. Everything it
# starts is stopped on exit. Needs: .venv with the dev extra, nginx, openssl, psql, redis-cli, and
# PostgreSQL and Redis listening on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
HERE="$ROOT/infra/prodlike"
BIN="$ROOT/.venv/bin"
PY="$BIN/python"

HTTPS_PORT="${PRODLIKE_HTTPS_PORT:-8443}"
HTTP_PORT="${PRODLIKE_HTTP_PORT:-8087}"
APP_PORT="${PRODLIKE_APP_PORT:-8107}"
S3_PORT="${PRODLIKE_S3_PORT:-5007}"
# The journey serves a Wompi sandbox stand-in here (tests/orders/payments/fakes.py).
WOMPI_PORT="${PRODLIKE_WOMPI_PORT:-8109}"
WORKER_METRICS_PORT="${PRODLIKE_WORKER_METRICS_PORT:-8111}"
REDIS_DB="${PRODLIKE_REDIS_DB:-7}"
DB_NAME="${PRODLIKE_DB_NAME:-tienda_prodlike}"
PG="postgres://postgres@127.0.0.1:5432"
HOST=localhost
BUCKET=tienda-media

RUN_DIR="$(mktemp -d /tmp/tienda-prodlike.XXXXXX)"
LOGS="$RUN_DIR/logs"
mkdir -p "$LOGS" "$RUN_DIR/mail" "$RUN_DIR/var" "$RUN_DIR/nginx/conf.d" "$RUN_DIR/nginx/tmp" \
  "$RUN_DIR/nginx/cache" "$RUN_DIR/tls"
PIDS=()
NAMES=()

say() { printf '[prodlike %4ss] %s\n' "$SECONDS" "$*"; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[$i]}" 2>/dev/null || true
  done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    local waited=0
    while kill -0 "${PIDS[$i]}" 2>/dev/null && ((waited < 40)); do
      sleep 0.25
      waited=$((waited + 1))
    done
    if kill -0 "${PIDS[$i]}" 2>/dev/null; then
      say "${NAMES[$i]} did not stop in 10 s: killing it"
      kill -KILL "${PIDS[$i]}" 2>/dev/null || true
    fi
    wait "${PIDS[$i]}" 2>/dev/null || true
  done
  ((${#PIDS[@]})) && say "stopped: ${NAMES[*]}"
  if ((status != 0)); then
    say "FAILED (exit $status). Last lines of each log (all logs kept in $LOGS):"
    for log in "$LOGS"/*.log; do
      [[ -s "$log" ]] || continue
      printf '\n--- %s\n' "$(basename "$log")"
      tail -n 25 "$log"
    done
  else
    rm -rf "$RUN_DIR"
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

# start NAME COMMAND...: runs COMMAND in the background with its output in $LOGS/NAME.log.
start() {
  local name="$1"
  shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
  say "started $name (pid $!)"
}

# wait_for NAME SECONDS COMMAND...: retries COMMAND until it succeeds.
wait_for() {
  local name="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      say "$name not ready after ${seconds} s"
      return 1
    fi
    sleep 0.5
  done
  say "$name ready"
}

port_open() { "$PY" -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)" "$1"; }

say "preflight"
for tool in nginx openssl psql redis-cli curl; do
  command -v "$tool" >/dev/null || { say "missing $tool"; exit 1; }
done
[[ -x "$BIN/gunicorn" && -x "$BIN/moto_server" ]] || { say "run 'make .venv/.installed-dev' first"; exit 1; }
for port in "$HTTPS_PORT" "$HTTP_PORT" "$APP_PORT" "$S3_PORT" "$WOMPI_PORT" "$WORKER_METRICS_PORT"; do
  if port_open "$port" 2>/dev/null; then
    say "port $port is already in use"
    exit 1
  fi
done
redis-cli -h 127.0.0.1 -n "$REDIS_DB" ping >/dev/null
psql "$PG/postgres" -qAtc "select 1" >/dev/null

say "self-signed TLS certificate for $HOST (valid one day)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" \
  -addext "subjectAltName=DNS:$HOST,IP:127.0.0.1" \
  -keyout "$RUN_DIR/tls/key.pem" -out "$RUN_DIR/tls/cert.pem" 2>"$LOGS/openssl.log"
rm "$LOGS/openssl.log"

# Production settings, as an operator would set them (README, "Configuration").
export DJANGO_ENV=production
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export ALLOWED_HOSTS="$HOST,127.0.0.1"
export CSRF_TRUSTED_ORIGINS="https://$HOST:$HTTPS_PORT"
export SITE_URL="https://$HOST:$HTTPS_PORT"
export DATABASE_URL="$PG/$DB_NAME"
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
export CELERY_BROKER_URL="$REDIS_URL"
export VAR_DIR="$RUN_DIR/var"
# Four slashes: django-environ drops the first one of an absolute path.
export EMAIL_URL="filemail:///$RUN_DIR/mail"
export MEDIA_S3_BUCKET="$BUCKET"
export MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
export MEDIA_S3_REGION=us-east-1
export MEDIA_S3_ACCESS_KEY_ID=tienda-prodlike
export MEDIA_S3_SECRET_ACCESS_KEY="$("$PY" -c 'import secrets; print(secrets.token_hex(20))')"
# Photos are served by nginx from the bucket at /media/, on the site's own origin.
export MEDIA_S3_CUSTOM_DOMAIN="$HOST:$HTTPS_PORT/media"
export LOG_LEVEL=INFO
METRICS_TOKEN="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')"
export METRICS_TOKEN
# Payments through Wompi, its API on loopback: the test gateway is refused in production.
export PAYMENT_GATEWAYS=wompi
export WOMPI_PUBLIC_KEY=pub_test_prodlike
export WOMPI_PRIVATE_KEY="prv_test_$("$PY" -c 'import secrets; print(secrets.token_hex(12))')"
export WOMPI_EVENTS_SECRET="test_events_$("$PY" -c 'import secrets; print(secrets.token_hex(12))')"
export WOMPI_INTEGRITY_SECRET="test_integrity_$("$PY" -c 'import secrets; print(secrets.token_hex(12))')"
export WOMPI_API_URL="http://127.0.0.1:$WOMPI_PORT/v1"
unset DEBUG ELASTICSEARCH_URL SEARCH_BACKEND

say "S3-protocol server (moto) on 127.0.0.1:$S3_PORT"
start s3 "$BIN/moto_server" -H 127.0.0.1 -p "$S3_PORT"
wait_for s3 30 port_open "$S3_PORT"
"$PY" "$HERE/bucket.py"

say "fresh PostgreSQL database $DB_NAME, Redis db $REDIS_DB flushed"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
psql "$PG/postgres" -qc "CREATE DATABASE $DB_NAME" >/dev/null
redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null

say "deploy checks, migrations, static files"
"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py migrate --noinput -v 0
say "migrated"
"$PY" manage.py collectstatic --noinput -v 0
say "static files collected into $VAR_DIR/static"
# Demo data (its logins have a known password, so seed_demo refuses production settings): seeded
# with debug on against the same database, its photos written to disk and then copied into the
# bucket in parallel (much faster than one upload at a time), then served with production
# settings.
DJANGO_ENV=development DEBUG=true CELERY_BROKER_URL="" MEDIA_S3_BUCKET="" PAYMENT_GATEWAYS=test \
  "$PY" manage.py seed_demo >"$LOGS/seed.log"
say "demo data seeded"
"$PY" "$HERE/upload_media.py"

say "Celery worker and beat (broker: Redis db $REDIS_DB)"
# Each role has its own multiprocess directory, as each container has: shared, web's scrape would
# add the worker's counts.
PROMETHEUS_MULTIPROC_DIR="$RUN_DIR/metrics-worker" METRICS_WORKER_PORT="$WORKER_METRICS_PORT" \
  start worker "$BIN/celery" -A marketplace worker --loglevel INFO --concurrency 2 \
  --without-gossip --without-mingle --hostname "prodlike@%h"
start beat "$BIN/celery" -A marketplace beat --loglevel INFO --schedule "$RUN_DIR/beat-schedule" \
  --pidfile=
say "gunicorn on 127.0.0.1:$APP_PORT (infra/gunicorn.conf.py)"
# A file left by an earlier run (unreadable to the library) that gunicorn must clear on start.
mkdir -p "$RUN_DIR/metrics-web"
printf 'stale' >"$RUN_DIR/metrics-web/counter_1.db"
GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_WORKERS=2 GUNICORN_GRACEFUL_TIMEOUT=5 \
  PROMETHEUS_MULTIPROC_DIR="$RUN_DIR/metrics-web" \
  start web "$BIN/gunicorn" -c infra/gunicorn.conf.py marketplace.wsgi
wait_for gunicorn 60 port_open "$APP_PORT"

say "nginx (https://$HOST:$HTTPS_PORT, http://$HOST:$HTTP_PORT) with infra/nginx/tienda.conf.template"
export NGINX_PREFIX="$RUN_DIR/nginx"
export NGINX_SERVER_NAME="$HOST"
export NGINX_HTTP_PORT="127.0.0.1:$HTTP_PORT"
export NGINX_HTTPS_PORT="127.0.0.1:$HTTPS_PORT"
export NGINX_HTTPS_PUBLIC_PORT="$HTTPS_PORT"
export NGINX_TLS_CERT="$RUN_DIR/tls/cert.pem"
export NGINX_TLS_KEY="$RUN_DIR/tls/key.pem"
export NGINX_APP_UPSTREAM="127.0.0.1:$APP_PORT"
export NGINX_MEDIA_UPSTREAM="http://127.0.0.1:$S3_PORT/$BUCKET/"
export NGINX_STATIC_ROOT="$VAR_DIR/static"
export NGINX_CACHE_DIR="$RUN_DIR/nginx/cache"
export NGINX_MAX_BODY_SIZE=12m
NGINX_USER_DIRECTIVE=""
if ((EUID == 0)); then
  # As root, nginx's workers drop to nobody (as in production): they must reach the files.
  NGINX_USER_DIRECTIVE="user nobody nogroup;"
  chmod 755 "$RUN_DIR" "$RUN_DIR/var"
  chown -R nobody:nogroup "$RUN_DIR/nginx/tmp" "$RUN_DIR/nginx/cache"
fi
export NGINX_USER_DIRECTIVE
"$PY" "$HERE/render.py" "$HERE/nginx.conf.template" "$RUN_DIR/nginx/nginx.conf"
"$PY" "$ROOT/infra/prodlike/render.py" "$ROOT/infra/nginx/tienda.conf.template" \
  "$RUN_DIR/nginx/conf.d/tienda.conf"
nginx -t -q -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -e stderr 2>"$LOGS/nginx-test.log"
start nginx nginx -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -e stderr
wait_for "site through nginx" 60 curl -fsS --cacert "$RUN_DIR/tls/cert.pem" \
  "https://$HOST:$HTTPS_PORT/healthz"

JOURNEY=("$PY" "$HERE/journey.py"
  --base-url "https://$HOST:$HTTPS_PORT"
  --http-url "http://$HOST:$HTTP_PORT"
  --cacert "$RUN_DIR/tls/cert.pem"
  --mail-dir "$RUN_DIR/mail"
  --logs "$LOGS"
  --password "${DEMO_PASSWORD:-demo-tienda-2026}"
  --s3-url "http://127.0.0.1:$S3_PORT/$BUCKET"
  --wompi-port "$WOMPI_PORT")
say "journey"
if [[ -n "${PRODLIKE_HOLD:-}" ]]; then
  # For working on the journey: the stack stays up until this script is interrupted.
  "${JOURNEY[@]}" || true
  say "holding the stack; rerun the journey with: ${JOURNEY[*]}"
  say "stop with Ctrl-C or: kill $$"
  while true; do
    sleep 3600 &
    wait $! || true
  done
fi
"${JOURNEY[@]}"

say "metrics: /metrics sums both gunicorn workers, the worker serves its port"
"$PY" "$HERE/metrics_check.py" --app-url "http://127.0.0.1:$APP_PORT" --host "$HOST" \
  --token "$METRICS_TOKEN" --metrics-dir "$RUN_DIR/metrics-web" --workers 2 \
  --worker-metrics-url "http://127.0.0.1:$WORKER_METRICS_PORT/metrics"

say "no errors in the logs"
if grep -l "Traceback" "$LOGS"/web.log "$LOGS"/worker.log "$LOGS"/beat.log; then
  say "a process logged a traceback"
  exit 1
fi
say "production-like run passed"
