"""Kithkin settings: one module, everything from the environment, safe defaults.

SQLite is the default so `make demo` needs nothing installed; set DATABASE_URL to a
postgres:// URL for production. DEBUG is off unless KITHKIN_DEBUG=1.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("KITHKIN_DEBUG")
# A development key is allowed only with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("KITHKIN_INSECURE_DEV_KEY"):
        SECRET_KEY = "kithkin-development-only-not-secret"
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or KITHKIN_DEBUG=1 for development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = os.environ.get("SITE_NAME", "Kithkin")
# Where staff reach this site, for links in emails sent from background work (no request to ask).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Fenmere District Council")
# The number on carers' emergency cards: answered at any hour (the out-of-hours team).
COUNCIL_PHONE = os.environ.get("COUNCIL_PHONE", "01632 960000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # django-ninja as an app so its API docs use its own copy of Swagger UI, not a CDN our CSP blocks.
    "ninja",
    "kithkin.core",
    "kithkin.people",
    "kithkin.conversations",
    "kithkin.support",
    "kithkin.directory",
    "kithkin.prevention",
    "kithkin.matching",
    "kithkin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kithkin.directory.middleware.OpenReadCorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kithkin.core.middleware.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kithkin.core.middleware.NoStoreForStaffMiddleware",
    "kithkin.core.middleware.MethodNotAllowedPageMiddleware",
    # Axes last: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kithkin.urls"
WSGI_APPLICATION = "kithkin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "kithkin.core.jinja.environment", "autoescape": True},
    },
    {
        # The Django admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DEFAULT_SQLITE = f"sqlite:///{BASE_DIR / 'kithkin.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one request writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_bool("KITHKIN_PG_PREPARE", True):
    # Prepared statements: psycopg prepares a statement once a connection has run it 5 times, and
    # PostgreSQL stops planning it afresh on every page (the need-to-know questions are asked on each).
    # Turn off (KITHKIN_PG_PREPARE=0) behind a transaction-pooling PgBouncer older than 1.21.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
# The cache holds only derived, non-personal values (the 24-hour figures). Each process has its own
# memory cache unless REDIS_URL is set; with several gunicorn workers, set it so that a contact closed
# through one worker clears the figures that every worker shows.
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": "kithkin"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite simply builds the plain index.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "kithkin.core.backends.KithkinBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "worklist"

# Lock-out after repeated failures (django-axes): per username and address together.
AXES_FAILURE_LIMIT = int(os.environ.get("KITHKIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("KITHKIN_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app folders too, so the demo needs no collectstatic.
WHITENOISE_USE_FINDERS = True

# Sessions: short-lived and browser-bound, because staff screens show special-category data.
SESSION_COOKIE_AGE = int(os.environ.get("KITHKIN_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form sent without its token gets a page in plain words, not Django's "CSRF verification failed".
CSRF_FAILURE_VIEW = "kithkin.core.errors.csrf_failure"

# HTTPS: on by default outside DEBUG; KITHKIN_HTTPS=0 for a plain-HTTP local run.
HTTPS = env_bool("KITHKIN_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("KITHKIN_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("KITHKIN_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Matching on meaning with sentence embeddings, when the `semantic` extra is installed (see ADR 0006).
KITHKIN_SEMANTIC_SEARCH = env_bool("KITHKIN_SEMANTIC_SEARCH", default=True)
KITHKIN_MODEL_DIR = os.environ.get("KITHKIN_MODEL_DIR", str(BASE_DIR / ".models"))

# Crisis support is time-limited: how many weeks an episode runs unless it is ended sooner.
KITHKIN_CRISIS_WEEKS = int(os.environ.get("KITHKIN_CRISIS_WEEKS", "6"))

# The proactive worklist lists people whose risk score is at least this (weights are set in the admin).
KITHKIN_RISK_THRESHOLD = int(os.environ.get("KITHKIN_RISK_THRESHOLD", "5"))

# Matching and rosters. A carer's DBS check counts for this many years. Travel is straight-line distance
# times the road factor, at the speed of the carer's way of travelling (km/h), unless a travel-time
# matrix has been imported. CO2 is estimated per kilometre driven (grams; the UK average car).
KITHKIN_DBS_YEARS = float(os.environ.get("KITHKIN_DBS_YEARS", "3"))
KITHKIN_ROAD_FACTOR = float(os.environ.get("KITHKIN_ROAD_FACTOR", "1.3"))
KITHKIN_SPEED_KMH = {"car": float(os.environ.get("KITHKIN_CAR_KMH", "40")), "bicycle": 15.0, "walk": 4.5,
                     "bus": 20.0}
KITHKIN_CO2_G_PER_KM = float(os.environ.get("KITHKIN_CO2_G_PER_KM", "170"))
KITHKIN_TEAM_SIZE = int(os.environ.get("KITHKIN_TEAM_SIZE", "3"))
# Days of a weekly roster searched at once (each day is its own part, on its own thread). 0, the default: all
# seven, the operating system sharing the cores among them (each day gets an equal share of every core).
KITHKIN_ROSTER_THREADS = int(os.environ.get("KITHKIN_ROSTER_THREADS", "0"))

# Map tiles for the directory's maps: a URL template, or empty for markers on a plain background
# (the maps and their tables work without tiles). Tiles come from the visitor's browser, so the host is
# added to the content security policy.
KITHKIN_MAP_TILES = os.environ.get("KITHKIN_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
KITHKIN_MAP_ATTRIBUTION = os.environ.get("KITHKIN_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
_TILE_HOST = urlsplit(KITHKIN_MAP_TILES.replace("{s}", "a")).netloc if KITHKIN_MAP_TILES else ""

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([f"https://{_TILE_HOST}"] if _TILE_HOST else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kithkin@localhost")

# Background work: django-tasks' database backend, run by `kithkin db_worker` in production.
# KITHKIN_TASKS_IMMEDIATE=1 runs tasks inline (tests, the demo).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("KITHKIN_TASKS_IMMEDIATE", default=DEBUG)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Need-to-know: how long handling a contact keeps a person visible, and how long break-glass lasts.
KITHKIN_CONTACT_ACCESS_DAYS = int(os.environ.get("KITHKIN_CONTACT_ACCESS_DAYS", "90"))
KITHKIN_BREAK_GLASS_HOURS = int(os.environ.get("KITHKIN_BREAK_GLASS_HOURS", "8"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
