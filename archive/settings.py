"""Settings for the conflict-news archive. Everything that differs per machine comes
from the environment; the defaults are safe for local use."""

import os
from datetime import timedelta
from pathlib import Path

import pghistory
import pgtrigger
from django.core.exceptions import ImproperlyConfigured

from archive.database import database_config, replica_configs

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Fail closed: debug pages list the environment (DATABASE_URL with its password), so DEBUG is
# on only where it is asked for (`make run`, the tests through pyproject.toml).
DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "pghistory.admin",  # before the admin: its "Events" button on change forms
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "pgtrigger",
    "pghistory",
    "archive.apps.ArchiveConfig",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "archive.request_limits.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every write a request makes is recorded with its editor (docs/corrections.md).
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a refused login into the "too many attempts" page (archive/security.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"

# History of changes (django-pghistory, docs/corrections.md): statement-level triggers record a
# bulk INSERT of thousands of entries with one trigger call; reads (GET) make no history.
PGHISTORY_LEVEL = pgtrigger.Statement
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# No index of its own on any foreign key of a history table (the object's, the context's, the
# copied ones): the few that reads need are declared with the tracking (articles/models.py).
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)
PGHISTORY_ADMIN_ALL_EVENTS = False
# The moment each change was written, not its transaction's start: orders the changes of one
# long transaction (a shell session, a test) as they happened.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"

TEMPLATES = [
    # The public pages (archive/jinja2.py says why Jinja2); the admin below.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "archive.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

DATABASES = {"default": database_config()}
DATABASES.update(replica_configs())
if len(DATABASES) > 1:
    # Reads go to the replicas, writes and migrations to the primary (archive/routers.py).
    DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
# A replica trailing the primary by more than this many seconds is not read from; one whose
# connection failed is skipped this long before it is tried again; its lag is read at most
# this often per process (archive/replicas.py).
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "30"))
DATABASE_REPLICA_RETRY = float(os.environ.get("DATABASE_REPLICA_RETRY", "30"))
DATABASE_REPLICA_CHECK_INTERVAL = float(os.environ.get("DATABASE_REPLICA_CHECK_INTERVAL", "5"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production hardening: on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # Any client can send X-Forwarded-Proto: believe it only when a proxy in front sets it
    # (docker-compose.yml's, which also overwrites what the client sent).
    if env_bool("TRUST_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy (django-csp 4): article text is untrusted, so no inline script or
# style may run; everything the pages need is served from this origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Failed admin logins are logged and counted in the database (django-axes); past this many from
# one address within the window, that address is refused until the window has passed since its
# last counted failure (archive/security.py says why the address and not the username).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))
AUTHENTICATION_BACKENDS = [
    "archive.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "archive.security.lockout_address"
AXES_LOCKOUT_CALLABLE = "archive.security.lockout_response"
# A refused attempt is not counted: no new row, and the lockout is not extended by it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A login whose `next` is refused (another host) lands on the admin, not on Django's default
# /accounts/profile/, which is a 404 here.
LOGIN_REDIRECT_URL = "admin:index"

# Public pages' queries are cancelled past this many milliseconds (a 503 page); the admin's past
# ADMIN_STATEMENT_TIMEOUT (0: never). See archive/request_limits.py.
PUBLIC_STATEMENT_TIMEOUT = int(os.environ.get("PUBLIC_STATEMENT_TIMEOUT", "5000"))
ADMIN_STATEMENT_TIMEOUT = int(os.environ.get("ADMIN_STATEMENT_TIMEOUT", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Caps on one imported file (articles/services/import_files.py): its size, the characters of one
# entry body (longer bodies are split at paragraph breaks) and its number of entries (refused).
IMPORT_MAX_FILE_BYTES = int(os.environ.get("IMPORT_MAX_FILE_BYTES", str(50 * 1024 * 1024)))
IMPORT_MAX_ENTRY_CHARS = int(os.environ.get("IMPORT_MAX_ENTRY_CHARS", "200000"))
IMPORT_MAX_ENTRIES = int(os.environ.get("IMPORT_MAX_ENTRIES", "10000"))
