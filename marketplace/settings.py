"""Tienda Virtual settings.

One module for every environment: each difference comes from an environment variable, so the
demo needs none and production refuses to start while a secret or host list is missing.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
DEBUG = env.bool("DEBUG", default=DJANGO_ENV != "production")
# Production is any deployment that is not explicitly in debug: the safe settings are the default
# for everything that is not a developer's machine.
PRODUCTION = DJANGO_ENV == "production" or not DEBUG
if PRODUCTION:
    DEBUG = False

_DEV_SECRET = "django-insecure-tienda-virtual-development-only-key-do-not-use"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if not PRODUCTION else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])

if PRODUCTION:
    if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production needs SECRET_KEY: at least 50 random characters, not a development key."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS: the site's host names.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "graphene_django",
    "axes",
    "csp",
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.graphql",
    "vendors",
    "catalog",
    "orders",
    "orders.payments",
    "search",
    "frontend_templates",
]

MIDDLEWARE = [
    "marketplace.core.request_id.RequestIdMiddleware",
    "marketplace.core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "marketplace.accounts.middleware.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "marketplace.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a background write runs; a timeout avoids spurious
    # "database is locked" errors under the demo's light concurrency.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "home"

# Repeated failed logins lock the email+IP pair for an hour (pages and tokenCreate alike).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Django's login form and authenticate() pass the email as "username"; axes must read the same key.
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "frontend_templates.views.accounts.lockout"
AXES_VERBOSE = False
# Addresses (or CIDR ranges) of the reverse proxies in front of the site. Only requests coming
# from them have their X-Forwarded-For believed, so lockouts and rate limits key on the citizen's
# address rather than the proxy's (see marketplace.core.client_ip).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "marketplace.core.client_ip.client_ip"

# Abuse limits (marketplace.core.ratelimit): action -> (allowed, window in seconds), counted per
# client address and per account (login also per attempted email) in the cache.
RATE_LIMITS = {
    "login": (env.int("RATE_LIMIT_LOGIN", default=20), 600),
    "register": (env.int("RATE_LIMIT_REGISTER", default=5), 3600),
    "quote": (env.int("RATE_LIMIT_QUOTE", default=5), 600),
    "vendor_apply": (env.int("RATE_LIMIT_VENDOR_APPLY", default=5), 3600),
    "claim_code": (env.int("RATE_LIMIT_CLAIM_CODE", default=10), 3600),
    # GraphQL: the summed cost of the documents a client address sends per minute.
    "graphql_cost": (env.int("RATE_LIMIT_GRAPHQL_COST", default=300_000), 60),
}

LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", _("Español")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # css/public.css and any other file made of several (frontend_templates/static_bundles.py).
    "frontend_templates.static_bundles.BundleFinder",
]
# Media: local files by default; an S3-compatible bucket when MEDIA_S3_BUCKET is set. Rendition
# names are unique per upload, so they can be cached for a year.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
# The orphaned-upload sweeper leaves files younger than this alone: an upload in flight stores
# its files before the row that names them is committed.
MEDIA_ORPHAN_GRACE_HOURS = env.float("MEDIA_ORPHAN_GRACE_HOURS", default=24)
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
_default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="us-east-1"),
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Cached public catalogue reads (marketplace.core.readcache) live apart from sessions and
    # rate-limit counters, so flushing or losing them never signs anyone out.
    "reads": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "reads",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reads"}
    ),
}
# How long a cached public read may live at most, whatever the catalogue version says: the
# safety net should a version bump ever be missed. 0 turns the read cache off.
READ_CACHE_SECONDS = env.int("READ_CACHE_SECONDS", default=300)
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Tienda Virtual <no-responder@example.com>"
)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Search: the database backend (SQLite FTS5 / PostgreSQL full text) unless Elasticsearch is set.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = env.str(
    "SEARCH_BACKEND", default="elasticsearch" if ELASTICSEARCH_URL else "database"
)
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="tienda-products")
ELASTICSEARCH_TIMEOUT = env.int("ELASTICSEARCH_TIMEOUT", default=5)
SEARCH_INDEX_BATCH_SIZE = env.int("SEARCH_INDEX_BATCH_SIZE", default=200)
SEARCH_EXACT_LIMIT = env.int("SEARCH_EXACT_LIMIT", default=1000)

# Moderation: listings waiting longer than this are shown as late in the staff queue.
MODERATION_SLA_HOURS = env.int("MODERATION_SLA_HOURS", default=48)

# Background work: in-process after commit unless a broker is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request whose broker is down gives up sending after about a second; the stored row waits
# for the sweeper instead of holding the request.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2

# Outbox, outgoing email and webhook inbox: stored work retried with exponential backoff and
# jitter (base, 2x base, 4x base... capped) up to OUTBOX_MAX_ATTEMPTS, then parked as failed.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BACKOFF_SECONDS = env.int("OUTBOX_RETRY_BACKOFF_SECONDS", default=30)
OUTBOX_RETRY_BACKOFF_MAX_SECONDS = env.int("OUTBOX_RETRY_BACKOFF_MAX_SECONDS", default=3600)
# The sweeper leaves work this young to its normal dispatch, and re-sends a row to a broker at
# most once per OUTBOX_REDISPATCH_SECONDS.
OUTBOX_SWEEP_AFTER_SECONDS = env.int("OUTBOX_SWEEP_AFTER_SECONDS", default=60)
OUTBOX_REDISPATCH_SECONDS = env.int("OUTBOX_REDISPATCH_SECONDS", default=300)
# /readyz marks the outbox "late" when its oldest waiting delivery is older than this.
OUTBOX_LATE_SECONDS = env.int("OUTBOX_LATE_SECONDS", default=600)
WEBHOOK_MAX_BODY_BYTES = env.int("WEBHOOK_MAX_BODY_BYTES", default=256 * 1024)

# /metrics answers only scrapers that send `Authorization: Bearer <METRICS_TOKEN>`; empty turns
# it off (404). Celery workers serve their own counters on METRICS_WORKER_PORT (0 = not at all).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_WORKER_PORT = env.int("METRICS_WORKER_PORT", default=0)

# Scheduled jobs, the one list: name -> (dotted path of a callable taking no arguments, seconds
# between runs). Celery beat runs them in production, `manage.py run_jobs` in the demo. Each
# must be idempotent; a lease keeps two runs of one job apart (marketplace.core.jobs).
SCHEDULED_JOBS = {
    "outbox_sweep": ("marketplace.core.sweeper.outbox_sweep", 60),
    "purge_carts": ("orders.services.cart_cleanup.cart_purge_abandoned", 24 * 3600),
    # Unpaid orders past ORDER_PAYMENT_TIMEOUT_MINUTES give their stock back.
    "expire_orders": ("orders.services.lifecycle.orders_expire_due", 60),
    "search_index_check": ("search.indexing.check", 24 * 3600),
    "reconcile_payments": ("orders.payments.reconciliation.reconcile_job", 15 * 60),
    # Uploaded files no row references (a process killed between storing and committing).
    "media_sweep_orphans": ("marketplace.core.media_sweep.media_sweep_orphans", 6 * 3600),
}
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=3600)
CELERY_BEAT_SCHEDULE = {
    name: {"task": "core.run_job", "schedule": float(every), "args": [name]}
    for name, (_path, every) in SCHEDULED_JOBS.items()
}

# GraphQL API
GRAPHENE = {"SCHEMA": "marketplace.graphql.schema.schema", "ATOMIC_MUTATIONS": True}
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=10)
GRAPHQL_MAX_ALIASES = env.int("GRAPHQL_MAX_ALIASES", default=100)
GRAPHQL_MAX_COST = env.int("GRAPHQL_MAX_COST", default=50_000)
GRAPHQL_INTROSPECTION = env.bool("GRAPHQL_INTROSPECTION", default=not PRODUCTION)
# Checked before graphql-core validates a document (some of its rules are quadratic in these).
GRAPHQL_MAX_BODY_BYTES = env.int("GRAPHQL_MAX_BODY_BYTES", default=100_000)
GRAPHQL_MAX_TOKENS = env.int("GRAPHQL_MAX_TOKENS", default=2_000)
GRAPHQL_MAX_FIELDS = env.int("GRAPHQL_MAX_FIELDS", default=250)
GRAPHQL_MAX_FRAGMENTS = env.int("GRAPHQL_MAX_FRAGMENTS", default=100)
GRAPHQL_MAX_VARIABLES = env.int("GRAPHQL_MAX_VARIABLES", default=50)
# GRAPHQL_MAX_COST is the signed-in budget; visitors without a session get a smaller one.
GRAPHQL_MAX_COST_ANONYMOUS = env.int("GRAPHQL_MAX_COST_ANONYMOUS", default=10_000)
GRAPHQL_TIME_BUDGET_SECONDS = env.float("GRAPHQL_TIME_BUDGET_SECONDS", default=10)
GRAPHQL_TIME_BUDGET_SECONDS_ANONYMOUS = env.float(
    "GRAPHQL_TIME_BUDGET_SECONDS_ANONYMOUS", default=3
)
JWT_SECRET = env.str("JWT_SECRET", default=SECRET_KEY)
JWT_ACCESS_TTL_SECONDS = env.int("JWT_ACCESS_TTL_SECONDS", default=15 * 60)
JWT_REFRESH_TTL_SECONDS = env.int("JWT_REFRESH_TTL_SECONDS", default=30 * 24 * 3600)

# Moderation: a price change on a live listing larger than this ratio (0.5 = 50 %, up or down)
# still applies at once but sends the listing to the moderators' queue.
MODERATION_PRICE_CHANGE_RATIO = env.float("MODERATION_PRICE_CHANGE_RATIO", default=0.5)

# Orders: an order not paid within this many minutes expires and its stock returns.
ORDER_PAYMENT_TIMEOUT_MINUTES = env.int("ORDER_PAYMENT_TIMEOUT_MINUTES", default=30)
# Terms of sale accepted at checkout (stored with each order, like the privacy policy).
TERMS_VERSION = "2026-01"

# Payments (orders.payments). Gateways offered at checkout, in this order; "test" is the
# simulated page of the demo and must not be enabled in production.
PAYMENT_GATEWAYS = env.list("PAYMENT_GATEWAYS", default=["test"] if not PRODUCTION else [])
if PRODUCTION and "test" in PAYMENT_GATEWAYS:
    raise ImproperlyConfigured(
        "The test gateway approves payments without money: not in production."
    )
PAYMENT_TEST_SECRET = env.str("PAYMENT_TEST_SECRET", default=f"test-gateway:{SECRET_KEY}")
# Seconds before a gateway that does not answer counts as down (the buyer is asked to retry).
PAYMENT_HTTP_TIMEOUT_SECONDS = env.float("PAYMENT_HTTP_TIMEOUT_SECONDS", default=5)
# Reconciliation re-reads pending payments and those that changed within this many hours.
PAYMENT_RECONCILE_HOURS = env.int("PAYMENT_RECONCILE_HOURS", default=48)
# Programme commission kept from each vendor's share, in percent (0 to 100, decimals allowed).
PAYMENT_COMMISSION_PERCENT = env.float("PAYMENT_COMMISSION_PERCENT", default=0)
# Who bears the gateway's fee in settlements: "program" (vendors receive their whole share) or
# "vendor" (each vendor's share pays PAYMENT_GATEWAY_FEE_PERCENT of its own amount).
SETTLEMENT_FEE_RULE = env.str("SETTLEMENT_FEE_RULE", default="program")
PAYMENT_GATEWAY_FEE_PERCENT = env.float("PAYMENT_GATEWAY_FEE_PERCENT", default=0)
WOMPI_PUBLIC_KEY = env.str("WOMPI_PUBLIC_KEY", default="")
WOMPI_PRIVATE_KEY = env.str("WOMPI_PRIVATE_KEY", default="")
WOMPI_EVENTS_SECRET = env.str("WOMPI_EVENTS_SECRET", default="")
WOMPI_INTEGRITY_SECRET = env.str("WOMPI_INTEGRITY_SECRET", default="")
# Empty: the sandbox for pub_test_ keys, production for pub_prod_ keys.
WOMPI_API_URL = env.str("WOMPI_API_URL", default="")
WOMPI_CHECKOUT_URL = env.str("WOMPI_CHECKOUT_URL", default="https://checkout.wompi.co/p/")
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Empty: api.stripe.com (tests point it at a loopback server).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")

# Audit log hash chain key (marketplace.core.audit_chain). Changing it makes `audit_verify` report
# every existing event as altered, so set it once, from a secret store, before launch.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default=SECRET_KEY)

# Ley 1581 de 2012: every consent stores the version of the policy text it accepted.
PRIVACY_POLICY_VERSION = "2026-01"
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-tienda-2026")

# Security headers. Production turns on HTTPS-only behaviour; development stays on plain HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# "Ir a pagar" posts to us and is redirected to Wompi's Web Checkout: browsers check form-action
# on that redirect. (Stripe.js is allowed on its card page only, by that view.)
_PAYMENT_FORM_ACTION = (
    ["/".join(WOMPI_CHECKOUT_URL.split("/")[:3])] if "wompi" in PAYMENT_GATEWAYS else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"] + env.list("CSP_IMG_SRC", default=[]),
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF] + _PAYMENT_FORM_ACTION + env.list("CSP_FORM_ACTION", default=[]),
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Production logs are JSON lines on stdout with the request id; development stays plain text.
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "marketplace.core.log_format.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"}
        | ({"stream": "ext://sys.stdout", "formatter": "json"} if LOG_FORMAT == "json" else {})
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
# The worker keeps these handlers instead of installing Celery's own plain-text ones.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
