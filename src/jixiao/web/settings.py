"""Django settings, production-ready from environment variables.

``JIXIAO_SECRET_KEY`` (or ``SECRET_KEY``), ``JIXIAO_ALLOWED_HOSTS`` (comma separated),
``DATABASE_URL`` (default SQLite under ``JIXIAO_DATA_DIR``), ``JIXIAO_DEBUG``,
``JIXIAO_SECURE_COOKIES`` (default on unless debugging) and ``JIXIAO_HTTPS`` (redirect and
HSTS behind a TLS proxy). See docs/deployment.md.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"JIXIAO_{name}", os.environ.get(name, default))


def _flag(name: str, default: bool) -> bool:
    value = _env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(_env("DATA_DIR", str(Path.cwd() / "jixiao-data"))).resolve()


def _secret_key() -> str:
    """The environment's key, else one kept in the data dir (shared by all server workers)."""
    if key := _env("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = _flag("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in _env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in _env("CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the Swagger UI of /api/docs from its own static files (no CDN)
    "jixiao.web.accounts",
    "jixiao.web.declarations",
    "jixiao.web.indicators",
    "jixiao.web.monitoring",
    "jixiao.web.evaluation",
    "django_tasks",
    "django_tasks_db",
    "jixiao.web.jobs",
    "axes",  # login throttling (django-axes); last, as its documentation asks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jixiao.web.apierrors.ApiErrorMiddleware",
    "jixiao.web.limits.LimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jixiao.web.accounts.sessions.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jixiao.web.accounts.required.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before checking it
    "jixiao.web.accounts.backends.Backend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "declarations:list"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["jixiao.web.declarations.templatetags.jixiao_tags"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        _env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}"),
        conn_max_age=int(_env("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue instead of failing: every transaction takes the write lock when it begins
    # (BEGIN IMMEDIATE) and waits up to 20 s for it; store.serialised retries a few times more.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    if not _env("DATABASE_URL"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)  # zero setup: SQLite under the data dir

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts (docs/deployment.md): Django's password rules, idle sessions, login throttling.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(_env("PASSWORD_MIN_LENGTH", "8"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: A session ends after this long without a request (IdleSessionMiddleware renews it).
SESSION_COOKIE_AGE = int(_env("SESSION_IDLE_MINUTES", "480")) * 60
AXES_FAILURE_LIMIT = int(_env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(_env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jixiao.web.accounts.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "jixiao.web.accounts.throttle.client_ip"
AXES_ENABLE_ADMIN = False  # shown in Chinese by accounts.admin (LoginFailures, LoginRecord)
#: Behind a proxy the client is the last X-Forwarded-For address (the proxy appends it).
JIXIAO_FORWARDED_FOR = _flag("FORWARDED_FOR", _flag("HTTPS", False))

LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [BASE_DIR / "locale"]  # Chinese for the libraries that ship none (django-axes)
CSRF_FAILURE_VIEW = "jixiao.web.errors.csrf_failure"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Limits on every input (docs/security.md): an uploaded file, the rest of a request body, the
# forms one import may create, the 预算年度 accepted. Larger requests are answered 413.
JIXIAO_MAX_UPLOAD_BYTES = int(_env("MAX_UPLOAD_MB", "10")) * 1024 * 1024
JIXIAO_MAX_IMPORT_FORMS = int(_env("MAX_IMPORT_FORMS", "500"))
JIXIAO_YEAR_MIN = int(_env("YEAR_MIN", "2000"))
JIXIAO_YEAR_MAX = int(_env("YEAR_MAX", "2100"))
# Background jobs (docs/deployment.md): a bulk upload may be larger than one file, within these.
JIXIAO_MAX_JOB_UPLOAD_BYTES = int(_env("MAX_JOB_UPLOAD_MB", "200")) * 1024 * 1024
JIXIAO_MAX_JOB_FILES = int(_env("MAX_JOB_FILES", "20000"))
JIXIAO_MAX_JOB_UNCOMPRESSED_BYTES = int(_env("MAX_JOB_UNCOMPRESSED_MB", "2000")) * 1024 * 1024
JIXIAO_MAX_ZIP_RATIO = int(_env("MAX_ZIP_RATIO", "100"))
JIXIAO_MAX_JOB_FORMS = int(_env("MAX_JOB_FORMS", "100000"))
#: A bulk import of more files runs as parts of this many files, one queued task each.
JIXIAO_JOB_PART_FILES = int(_env("JOB_PART_FILES", "250"))
#: A part reads this many files, then writes their forms in one transaction (one per file
#: when the database refuses a row); a cancel takes effect between batches.
JIXIAO_JOB_BATCH_FILES = int(_env("JOB_BATCH_FILES", "50"))
#: A 运行中 job whose worker wrote no heartbeat for this long is shown and marked 已中断.
JIXIAO_JOB_HEARTBEAT_SECONDS = int(_env("JOB_HEARTBEAT_SECONDS", "600"))
#: Paths whose multipart body may reach JIXIAO_MAX_JOB_UPLOAD_BYTES (the bulk imports).
JIXIAO_BULK_UPLOAD_PATHS = ("/jobs/import/", "/api/jobs/imports")
DATA_UPLOAD_MAX_NUMBER_FILES = int(_env("MAX_UPLOAD_FILES", "1000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(_env("MAX_BODY_MB", "10")) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads are spooled to a temporary file

# The job queue: django-tasks with its database backend (the jobs wait in the database, any
# number of `jixiao worker` processes on any machine run them; `jixiao serve` starts one).
# JIXIAO_TASKS_IMMEDIATE=1 runs each job inside the request instead (no worker at all).
JIXIAO_TASKS_IMMEDIATE = _flag("TASKS_IMMEDIATE", False)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if JIXIAO_TASKS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Caches: local memory in one process (embedded); JIXIAO_CACHE_URL=redis://host:6379/0 shares
# the review cache between web nodes and workers (Django's built-in Redis backend).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _env("CACHE_URL")}
        if _env("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jixiao"}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # sessions in the database: any node

_SECURE = _flag("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _flag("HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "WARNING")},
}
