"""Settings for Newsroom, read from the environment.

With nothing set, the project is in production mode (DEBUG off), which requires
``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``, and ``REDIS_URL`` when more than one process
serves (or ``NEWSROOM_SINGLE_PROCESS=1``). ``DJANGO_DEBUG=1`` (which ``make run`` sets) gives the
local configuration: SQLite in WAL mode, an in-process cache and Django's debug pages.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; anything unrecognised is an error, not a guess."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production). For a local "
            "newsroom, set DJANGO_DEBUG=1, as make run does."
        )
    SECRET_KEY = "django-insecure-local-development-only-never-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off (production). For a local "
        "newsroom, set DJANGO_DEBUG=1, as make run does."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework_api_key",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "newsroom",
    "articles",
    "registry",
    "deals",
    "structuring",
    "api",
    "delivery",
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after 5 wrong passwords for one username from one address,
# that pair is locked out for 15 minutes, even with the right password. A success resets it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy (django-csp) on every page, the admin and the Structure screen
# included: scripts only from our own files, nothing framed, no plugins. Inline <style> blocks
# (the site's critical CSS) are allowed; no inline script is.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Background work (suggestions after a save): django-tasks with the database as the queue, so
# the embedded default needs no other service; `manage.py db_worker` runs the workers.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("NEWSROOM_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

ROOT_URLCONF = os.environ.get("NEWSROOM_URLCONF", "newsroom.urls")
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers work while one writer writes; IMMEDIATE
# transactions take the write lock up front, so concurrent writers queue for up to the busy
# timeout instead of failing half-way with "database is locked".
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "newsroom.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    # Keep connections: opening one runs the PRAGMAs above, a cost not worth paying per request.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    # Tests use a file, not shared memory, so that concurrent tests see real WAL locking.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME", str(VAR_DIR / "test-newsroom.sqlite3")
    )

# Streaming replicas of a PostgreSQL primary (newsroom.replicas): anonymous readers' pages and
# the partner API read from them; writes, editors and the admin use the primary.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", [])
# How long a replica that failed is left alone before it is tried again.
NEWSROOM_REPLICA_RETRY_SECONDS = float(os.environ.get("NEWSROOM_REPLICA_RETRY_SECONDS", "30"))
if DATABASE_REPLICA_URLS:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS needs DATABASE_URL to name the PostgreSQL primary they "
            "replicate."
        )
    for number, url in enumerate(DATABASE_REPLICA_URLS, start=1):
        try:
            replica = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as bad:
            raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: replica {number}: {bad}") from None
        if replica.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured(
                f"DATABASE_REPLICA_URLS: replica {number} must be a postgres:// URL."
            )
        # A replica that does not answer costs a reader two seconds once, then is skipped.
        replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
        # Tests read the primary's test database through the replica's server.
        replica["TEST"] = {"MIRROR": "default"}
        DATABASES[f"replica{number}"] = replica
    DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
    # After authentication, so that whoever is signed in reads the primary.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "newsroom.replicas.ReadFromReplicas",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
# Production with an in-process cache is only correct in one process (newsroom.checks).
SINGLE_PROCESS = env_bool("NEWSROOM_SINGLE_PROCESS", False)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A Redis that does not answer costs a request a fraction of a second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }

# --- Auth, i18n, static -----------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "UTC")
# The interface is in one language; turning translation off saves work on every page.
USE_I18N = False
USE_TZ = True

# Uploaded pictures; readers get them as renditions from /pictures/, never from here directly.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security ---------------------------------------------------------------------------------
# Production (DEBUG off) is HTTPS-only by default; each switch can be turned off by the
# environment, e.g. for a load test on loopback behind no TLS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Newsroom ---------------------------------------------------------------------------------
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# The demo logins' password: a known default only in local (DEBUG) mode.
NEWSROOM_DEMO_PASSWORD = os.environ.get("NEWSROOM_DEMO_PASSWORD", "newsroom-demo" if DEBUG else "")
# How often each process writes the page views it counted; 0 writes only when asked (tests).
NEWSROOM_PAGEVIEW_FLUSH_SECONDS = float(os.environ.get("NEWSROOM_PAGEVIEW_FLUSH_SECONDS", "5"))

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["api.rendering.SafeJSONRenderer"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes reports every successful login at INFO; lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Partner webhooks ------------------------------------------------------------------------
# The site's address as partners reach it, for the links webhooks carry (no request to ask).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
# Attempts before a delivery is dead-lettered, and the first retry's wait (doubled each time):
# 8 attempts from 30 s span about an hour.
NEWSROOM_WEBHOOK_ATTEMPTS = int(os.environ.get("NEWSROOM_WEBHOOK_ATTEMPTS", "8"))
NEWSROOM_WEBHOOK_BACKOFF_SECONDS = float(os.environ.get("NEWSROOM_WEBHOOK_BACKOFF_SECONDS", "30"))
NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", "10"))

# --- Partner API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["api.rendering.SafeJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handle",
    # ``format`` is the API's own parameter (``?format=ninjs``), not DRF's renderer switch.
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom partner API",
    "DESCRIPTION": (
        "Read-only access to live stories and their structure: the companies they name, the "
        "agreements they report, who is quoted. Authenticate with `Authorization: Api-Key <key>`."
        "\n\nEvery story has a permanent `uid` (a UUID; as a URI `urn:uuid:<uid>`, the ninjs "
        "`uri`) that never changes with its slug: key copies by it. The change feed lists each "
        "story by `uid` with its `former_slugs`, and a tombstone for every story a partner may "
        "hold that is no longer live, however it left (withdrawn, sent back, embargoed again)."
        "\n\nA request line (method, path with its query, protocol) may be at most 4,094 bytes: "
        "the HTTP server refuses a longer one itself, with an HTML 400, before the API sees it."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.typed_nulls",
        "api.openapi.detail_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "AnnotationKindEnum": "structuring.models.AnnotationKind",
        "AgreementKindEnum": "deals.models.AgreementKind",
        "AgreementStatusEnum": "deals.models.AgreementStatus",
        "AnnotationSourceEnum": "structuring.models.AnnotationSource",
    },
}
# Requests a minute per key, by partner tier.
NEWSROOM_API_LIMITS = {
    "basic": int(os.environ.get("NEWSROOM_API_LIMIT_BASIC", "60")),
    "standard": int(os.environ.get("NEWSROOM_API_LIMIT_STANDARD", "600")),
    "premium": int(os.environ.get("NEWSROOM_API_LIMIT_PREMIUM", "6000")),
}
# The change feed lists a change this many seconds after it is made, so that a transaction still
# committing cannot slip in behind a partner's cursor.
NEWSROOM_CHANGES_SETTLE_SECONDS = float(os.environ.get("NEWSROOM_CHANGES_SETTLE_SECONDS", "5"))
