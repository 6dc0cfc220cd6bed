"""Django settings for Finsam. Everything that differs between installations comes from
the environment (see docs/deployment.md); ``DJANGO_DEBUG=1`` gives development defaults."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from eid.config import socialaccount_providers
from finsam.caches import cache_settings
from finsam.env import dev_field_encryption_key, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
TESTING = env_bool("FINSAM_TESTING", default=False)

_DEV_SECRET = "django-insecure-development-only-key"  # noqa: S105 - refused outside DEBUG

SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if DEBUG or TESTING else "")
if not DEBUG and not TESTING and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG=0.")

FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY") or (
    dev_field_encryption_key(VAR_DIR) if DEBUG or TESTING else ""
)
if not FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set when DJANGO_DEBUG=0.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "tenancy",
    "interventions",
    "funding",
    "participants",
    "followup",
    "finance",
    "ledger",
    "audit",
    "imports",
    "stats",
    "documents",
    "dashboard",
    "api",
    "ops",
    "demo",
    "meetings",
    "survey",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "eid",
]

MIDDLEWARE = [
    "ops.request_id.RequestIdMiddleware",
    "api.middleware.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "finsam.middleware.SessionLifetimeMiddleware",
    "finsam.middleware.NoStoreMiddleware",
    "tenancy.middleware.MfaRequiredMiddleware",
    "tenancy.middleware.TenantMiddleware",
]

if not DEBUG and not TESTING:
    # Production serves static files itself (compressed, cache-busted); runserver does in DEBUG.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "finsam.urls"
WSGI_APPLICATION = "finsam.wsgi.application"

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
                "tenancy.context_processors.tenancy",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'finsam.sqlite3'}",
        # Persistent connections in production: a new PostgreSQL connection per request
        # costs a backend start and cold catalog caches (docs/performance.md, "Persistent
        # database connections"); health checks drop a connection the server closed.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG or TESTING else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "tenancy.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login (django-allauth). No self-registration: the office or the host creates accounts.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "tenancy.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
# Failed log-ins count per account first (strict); the per-address limit is only against
# guessing across many accounts and is high, since an office signs in from one NAT address.
# The account's limit comes first so that one account's guesser stops before using up the
# address's budget (allauth stops at the first exhausted rate).
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/key,300/h/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_TOLERANCE = 1  # also accept the previous 30-second code
# Behind nginx: the number of proxies whose X-Forwarded-For allauth may trust, so that
# login rate limits apply per client and not to the proxy's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_TOTP_ISSUER = "Finsam"
# Roles that may read personal data must use a second factor; a demo may turn this off.
FINSAM_REQUIRE_MFA_FOR_PERSONAL_DATA = env_bool("FINSAM_REQUIRE_MFA", default=True)
# Sign-in through OpenID Connect and SAML providers (e-ID brokers, the organisations' SITHS
# identity providers): a JSON list in FINSAM_SSO_PROVIDERS (or FINSAM_SSO_PROVIDERS_FILE),
# see docs/e-id.md. No sign-up, no stored social accounts or tokens: eid.adapter links.
SOCIALACCOUNT_ADAPTER = "eid.adapter.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = socialaccount_providers(env_str("FINSAM_SSO_PROVIDERS"))
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# Sign-in starts with a link, not a form: the content security policy's form-action 'self'
# would stop a form whose answer redirects to the provider. The provider's answer is
# bound to the session by allauth's state, so a forged link only starts a sign-in.
SOCIALACCOUNT_LOGIN_ON_GET = True

LANGUAGE_CODE = "sv"  # the product speaks Swedish whatever the browser asks for
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Grouping is explicit (|sek, |num): a global separator would also group ids and years.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["finsam.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "finsam@localhost")
# The address people reach the service at, for links in e-mails (reminders).
FINSAM_BASE_URL = (env_str("FINSAM_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")

# Sessions end after 30 minutes without a request and 12 hours after login, whatever happens.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
FINSAM_SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content security policy: nothing but our own origin; scripts need our nonce; no inline
# JavaScript or CSS anywhere in the templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Console log: one JSON object per line in production (LOG_FORMAT=json, the default
# without DEBUG), plain text in development; both mask personnummer-shaped numbers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"()": "ops.logging.PlainFormatter"},
        "json": {"()": "ops.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": (
                "json"
                if (env_str("LOG_FORMAT") or ("plain" if DEBUG or TESTING else "json")) == "json"
                else "plain"
            ),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # runserver's request log: Django gives it an unmasked handler of its own otherwise.
    # The PDF engine logs every layout step and font subset at INFO.
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Failed variable lookups are logged at DEBUG with the whole template context,
        # which may hold personal data: never below INFO.
        "django.template": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background jobs (django-tasks, the backport of Django 6's task framework): stored in the
# database and run by `manage.py db_worker`; tests run them at once.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# /healthz answers 503 when the background worker's heartbeat is missing or older than this.
FINSAM_REQUIRE_WORKER = env_bool("FINSAM_REQUIRE_WORKER", default=False)
FINSAM_WORKER_STALE_SECONDS = env_int("FINSAM_WORKER_STALE_SECONDS", 15 * 60)

# One cache shared by every application process (login rate limits, used TOTP codes, the
# memo's data version, drawn charts): Redis with CACHE_URL (several servers), else files
# under var/ (one host); process memory in development and tests (finsam/caches.py).
CACHES = cache_settings(
    env_str("CACHE_URL") or "",
    cache_dir=env_str("CACHE_DIR") or str(VAR_DIR / "cache"),
    debug=DEBUG,
    testing=TESTING,
)

# Import upload limit (the workbook); Django's own limit for in-memory files stays.
FINSAM_MAX_UPLOAD_BYTES = env_int("FINSAM_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# `make demo` shows what a user sees: development defaults above (DJANGO_DEBUG=1), but none
# of Django's debug pages (a 404 would list every URL pattern). scripts/demo-server sets it
# and serves the static files itself (runserver --insecure).
if env_bool("FINSAM_DEMO", default=False):
    DEBUG = False

# The sign-in forms with the product's words (tenancy/account_forms.py).
ACCOUNT_FORMS = {
    "login": "tenancy.account_forms.LoginForm",
    "reauthenticate": "tenancy.account_forms.ReauthenticateForm",
    "reset_password": "tenancy.account_forms.ResetPasswordForm",
    "reset_password_from_key": "tenancy.account_forms.ResetPasswordKeyForm",
    "change_password": "tenancy.account_forms.ChangePasswordForm",
}
MFA_FORMS = {
    "authenticate": "tenancy.account_forms.AuthenticateForm",
    "reauthenticate": "tenancy.account_forms.MfaReauthenticateForm",
    "activate_totp": "tenancy.account_forms.ActivateTOTPForm",
}
