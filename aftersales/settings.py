"""One settings file, read from the environment (see .env.example for every variable).

New here? Read CONTRIBUTING.md first.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from aftersales.catalogue.registry import installed_packages

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


class Env(environ.Env):
    """django-environ, with a malformed value named in the error (AXES_FAILURE_LIMIT=five
    would otherwise be "invalid literal for int()" with no variable in sight)."""

    def get_value(
        self,
        var: str,
        cast: Any = None,
        default: Any = environ.Env.NOTSET,
        parse_default: bool = False,
    ) -> Any:
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(f"{var} is not valid: {error}") from error


env = Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env_bool(name: str, *, default: bool) -> bool:
    """A boolean variable; anything but the usual spellings is an error, not a silent False."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


DEBUG = env_bool("DEBUG", default=False)
# Production settings over plain http on this machine (docs/operations.md, "A local trial"):
# no TLS redirect or secure-only cookies, and the deployment checks that need TLS silenced.
LOCAL_TRIAL = env_bool("LOCAL_TRIAL", default=False)
_TLS = not DEBUG and not LOCAL_TRIAL
# Without a SECRET_KEY only a DEBUG instance may start; production must set one.
SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-only-key" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "aftersales.portal",
    "aftersales.accounts",
    "aftersales.catalogue",
    "aftersales.news",
    "aftersales.billing",
    "aftersales.vehicles",
    "aftersales.orders",
    "aftersales.mfa",
    "aftersales.sermi",
    # The built applications of the catalogue, one line each in aftersales/catalogue/registry.py.
    *installed_packages(),
    # Portal features over the service record (not applications of the catalogue).
    "aftersales.trust",
    "aftersales.certificates",
    # The gateway of the workshop's desktop tools (Diagnosis, Programming): releases, licences,
    # sessions.
    "aftersales.tools",
    "aftersales.api",
    # Running it for real: health, 503 while the database is down, trusted proxy headers,
    # `manage.py serve`, the reference data (docs/operations.md).
    "aftersales.operations",
]

MIDDLEWARE = [
    # X-Forwarded-Proto only from FORWARDED_ALLOW_IPS, before anything asks is_secure().
    "aftersales.operations.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "aftersales.portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Which database this request reads (DATABASE_REPLICA_URLS), before anything reads one
    # (after WhiteNoise: a static file needs no database).
    "aftersales.operations.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With a shared cache: one round trip for the access check and the second-factor state.
    "aftersales.portal.middleware.SharedCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "aftersales.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "aftersales.mfa.middleware.SecondFactorMiddleware",
    "aftersales.portal.middleware.ControlCharacterMiddleware",
    # A lost database connection answers 503 with Retry-After (problem+json in the API).
    "aftersales.operations.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "aftersales.urls"
WSGI_APPLICATION = "aftersales.wsgi.application"

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
                "aftersales.portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'aftersales.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the worker and the web server share the file.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def database_pool(raw: str) -> dict[str, int] | None:
    """DATABASE_POOL="MIN:MAX": psycopg's connection pool in each process, per database
    (Django 5.1+); empty: no pool (CONN_MAX_AGE keeps one connection per worker thread)."""
    if not raw.strip():
        return None
    match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", raw)
    if match is None or int(match[2]) < 1 or int(match[1]) > int(match[2]):
        raise ImproperlyConfigured(f"DATABASE_POOL must be MIN:MAX with MIN <= MAX, not {raw!r}")
    return {"min_size": int(match[1]), "max_size": int(match[2]), "timeout": 10}


_pool = database_pool(env.str("DATABASE_POOL", default=""))
if _pool is not None:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL needs DATABASE_URL to be PostgreSQL")
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = _pool
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections instead
# Behind PgBouncer in transaction pooling mode a cursor cannot outlive its transaction: the
# querysets read with .iterator() then fetch in chunks on the client instead.
if env_bool("DATABASE_TRANSACTION_POOLING", default=False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

_POSTGRES_SCHEMES = ("postgres://", "postgresql://", "pgsql://")


def replica_databases(raw: str, primary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """DATABASE_REPLICA_URLS: comma-separated URLs of PostgreSQL streaming replicas of
    DATABASE_URL, as aliases replica_1, replica_2, ... with the primary's connection settings.
    Strict: an empty entry, another engine, a URL without host or database, the primary itself
    or one replica twice stop the start (the error names the entry, never its password)."""
    if not raw.strip():
        return {}
    name = "DATABASE_REPLICA_URLS"
    if primary["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{name} needs DATABASE_URL to be PostgreSQL")
    where_primary = (primary.get("HOST"), str(primary.get("PORT") or ""), primary.get("NAME"))
    replicas: dict[str, dict[str, Any]] = {}
    seen = {where_primary}
    for number, entry in enumerate(raw.split(","), start=1):
        url = entry.strip()
        if not url:
            raise ImproperlyConfigured(f"{name}: entry {number} is empty")
        if not url.startswith(_POSTGRES_SCHEMES):
            raise ImproperlyConfigured(f"{name}: entry {number} is not a postgres:// URL")
        config = environ.Env.db_url_config(url)
        if not config.get("HOST") or not config.get("NAME"):
            raise ImproperlyConfigured(f"{name}: entry {number} names no host or no database")
        where = (config["HOST"], str(config.get("PORT") or ""), config["NAME"])
        if where in seen:
            raise ImproperlyConfigured(
                f"{name}: entry {number} is the primary or another entry again"
            )
        seen.add(where)
        replicas[f"replica_{number}"] = {
            **primary,
            **{key: config[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")},
            "OPTIONS": {**primary.get("OPTIONS", {}), **config.get("OPTIONS", {})},
            # Tests read the test database through it; no test database of its own.
            "TEST": {"MIRROR": "default"},
        }
    return replicas


# Read replicas: reads of read-only requests go to one of them, the rest to DATABASE_URL
# (aftersales/operations/replicas.py has the whole rule); the router is a no-op without them.
DATABASES.update(
    replica_databases(env.str("DATABASE_REPLICA_URLS", default=""), DATABASES["default"])
)
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
DATABASE_ROUTERS = ["aftersales.operations.replicas.ReplicaRouter"]
# Seconds a client that wrote reads from the primary (longer than the replicas' usual lag).
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)

# Shared between all web workers and app servers: the database by default, so no extra service
# is needed; CACHE_URL=redis://host:6379/0 puts the cache, the sessions and the rate-limit
# counters in Redis (README.md, "Running at scale").
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://aftersales_cache")}
# Two portals (production and staging) may share one Redis under different prefixes.
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
REDIS_CACHE_BACKEND = "django.core.cache.backends.redis.RedisCache"


def cache_redis_url(cache: dict[str, Any]) -> str:
    """The Redis server a Redis cache writes to (its first LOCATION); empty for other caches."""
    if cache.get("BACKEND") != REDIS_CACHE_BACKEND:
        return ""
    location = cache.get("LOCATION", "")
    servers = location if isinstance(location, list | tuple) else re.split("[;,]", location)
    return str(servers[0]).strip()


def session_engine_for(cache: dict[str, Any]) -> str:
    """Sessions read from a Redis cache (every app server sees them, no query per request) and
    kept in the database too (a Redis restart logs nobody out); else the database alone."""
    if cache.get("BACKEND") == REDIS_CACHE_BACKEND:
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


SESSION_ENGINE = session_engine_for(CACHES["default"])
# Rate-limit counters (aftersales/portal/counters.py): Redis INCR on REDIS_URL, which defaults
# to the Redis of CACHE_URL; with neither, an atomic update of a database row. REDIS_URL alone
# (the older way) still works.
REDIS_URL = env.str("REDIS_URL", default="") or cache_redis_url(CACHES["default"])
# A cache every process of the portal shares (Redis, Memcached; not the database's, not one
# process's memory) also keeps the reads every request makes that rarely change: the access
# check and the second-factor state, dropped the moment what they depend on changes
# (aftersales/portal/shared_cache.py). SHARED_CACHE_SECONDS bounds their life; 0 turns it off.
SHARED_CACHE = CACHES["default"]["BACKEND"] in (
    REDIS_CACHE_BACKEND,
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)
SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=300) if SHARED_CACHE else 0

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "aftersales.accounts.backends.UserWithOrganisationBackend",
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
LOGIN_REDIRECT_URL = "portal:overview"
LOGOUT_REDIRECT_URL = "portal:landing"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # also the lifetime of invitation links

# Failed logins: five wrong passwords for one address from one client lock that address for
# that client for 15 minutes. The pair, not the address alone: else anyone anywhere could
# keep a known user locked out; not the client alone: a whole workshop shares one IP behind
# its router. A client failing for many addresses waits too (LOGIN_CLIENT_FAILURE_LIMIT).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "aftersales.portal.http.client_ip"
LOGIN_CLIENT_FAILURE_LIMIT = env.int("LOGIN_CLIENT_FAILURE_LIMIT", default=30)
# The TLS proxies in front of the portal: from them, X-Forwarded-For names the client.
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])
AXES_USERNAME_FORM_FIELD = "username"  # the login form names the e-mail field "username"
AXES_USERNAME_CALLABLE = "aftersales.accounts.lockout.lockout_username"  # case-insensitive
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Multi-factor log-in (aftersales/mfa): how long the password step waits for the second factor,
# and how recent a second factor must be for API tokens, the password and the factors.
MFA_PENDING_SECONDS = env.int("MFA_PENDING_SECONDS", default=300)
MFA_RECENT_SECONDS = env.int("MFA_RECENT_SECONDS", default=600)
OTP_TOTP_ISSUER = "Aftersales"
# The back office never shows a user's authenticator key or its QR code (an operator could
# copy the second factor); django-otp's config and QR views answer 403, whatever the id.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The passkeys' relying party: the host the browser sees unless set (e.g. portal.example.com).
WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default="")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("da", _("Danish")), ("de", _("German"))]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: EMAIL_URL like smtp+tls://user:pass@host:587; default writes files to var/mail.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(environ.Env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Aftersales <noreply@aftersales.local>")
SUPPORT_EMAIL = env.str("SUPPORT_EMAIL", default="support@aftersales.local")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Security: with DEBUG off, `manage.py check --deploy` must report nothing.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_TLS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_TLS)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_TLS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _TLS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _TLS
SECURE_HSTS_PRELOAD = _TLS
if LOCAL_TRIAL:
    # HSTS, TLS redirect and secure cookies make no sense over http://127.0.0.1.
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_AGE = 60 * 60 * 10  # a workshop day
# The language cookie follows the session cookie: Secure wherever that one is.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Inline styles stay allowed (templates and htmx use them); scripts come only from this site.
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    default="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)

# Logs go to stderr (the journal under systemd, which rotates them), or with LOG_FILE to that
# file, reopened when logrotate moves it (deploy/logrotate/aftersales; docs/operations.md).
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING").upper()
LOG_FILE = env.str("LOG_FILE", default="")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "main": {"class": "logging.StreamHandler", "formatter": "plain"}
        if not LOG_FILE
        else {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": LOG_FILE,
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["main"], "level": LOG_LEVEL},
    "loggers": {
        # WeasyPrint and fontTools report every font and CSS detail at INFO and DEBUG.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The lock and pid of `manage.py serve` (./dev serve): a second start refuses.
SERVE_PID_FILE = env.path("SERVE_PID_FILE", default=VAR_DIR / "serve.pid")
# Seconds a client is asked to wait (Retry-After) while the database cannot be reached.
RETRY_AFTER_SECONDS = env.int("RETRY_AFTER_SECONDS", default=30)
# /health/ reports the worker down when a ready task has waited longer than this (seconds).
HEALTH_QUEUE_MAX_DELAY = env.int("HEALTH_QUEUE_MAX_DELAY", default=300)
# ... and the scheduler down when it has enqueued no periodic task for this long (seconds; its
# most frequent job runs every 5 minutes).
HEALTH_SCHEDULER_MAX_DELAY = env.int("HEALTH_SCHEDULER_MAX_DELAY", default=900)

# The seller on every invoice (billing.Invoice), fixed into each invoice when it is issued.
# Required in production (`check --deploy` refuses empty ones); "|" separates lines.
_DEMO_SELLER = DEBUG or LOCAL_TRIAL
INVOICE_SELLER_NAME = env.str(
    "INVOICE_SELLER_NAME", default="Aftersales demo operator" if _DEMO_SELLER else ""
)
INVOICE_SELLER_ADDRESS = env.str(
    "INVOICE_SELLER_ADDRESS", default="Demovej 1 | 7100 Vejle | Denmark" if _DEMO_SELLER else ""
)
INVOICE_SELLER_VAT_NUMBER = env.str(
    "INVOICE_SELLER_VAT_NUMBER", default="DK00000000" if _DEMO_SELLER else ""
)
INVOICE_SELLER_BANK = env.str(
    "INVOICE_SELLER_BANK",
    default="Demo Bank | IBAN DK00 0000 0000 0000 00 | BIC DEMODKKK" if _DEMO_SELLER else "",
)

# --- Domain settings -------------------------------------------------------------------------
# Service history shows entries from this date on (the walkthrough: 12/2010).
SERVICE_HISTORY_CUTOFF = env.str("SERVICE_HISTORY_CUTOFF", default="2010-12-01")
# Days during which the workshop that stored an entry may correct or cancel it.
SERVICE_ENTRY_CORRECTION_DAYS = env.int("SERVICE_ENTRY_CORRECTION_DAYS", default=7)
# API rate limit per token, as django-ninja's throttle rate ("120/min").
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/min")
# Public certificate verification (/verify/<code>, GET /api/v1/verify/{code}) per address.
VERIFY_RATE_LIMIT = env.str("VERIFY_RATE_LIMIT", default="30/min")
# Tool licences (Diagnosis, Programming): JWTs (HS256) signed with the first key of
# TOOL_LICENCE_KEYS ("id:secret,id:secret"); every listed key is accepted, so a key is rotated
# without downtime by putting the new one first and removing the old one after the licences'
# lifetime. Empty: one key derived from SECRET_KEY.
TOOL_LICENCE_KEYS = env.str("TOOL_LICENCE_KEYS", default="")
TOOL_LICENCE_SECONDS = env.int("TOOL_LICENCE_SECONDS", default=300)
# A tool session without a heartbeat for this long has timed out (its token expires).
TOOL_HEARTBEAT_TIMEOUT_SECONDS = env.int("TOOL_HEARTBEAT_TIMEOUT_SECONDS", default=300)
TOOL_HEARTBEAT_INTERVAL_SECONDS = env.int("TOOL_HEARTBEAT_INTERVAL_SECONDS", default=60)
