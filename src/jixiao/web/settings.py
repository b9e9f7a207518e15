"""Django settings, all from environment variables.

- ``JIXIAO_DATA``: the data folder (default: the user's data directory); SQLite lives there.
- ``JIXIAO_DATABASE_URL``: a database URL (PostgreSQL in production) instead of SQLite.
- ``JIXIAO_SECRET_KEY``: the secret key (default: made once and kept in the data folder).
- ``JIXIAO_DEBUG`` (0/1), ``JIXIAO_ALLOWED_HOSTS`` (comma-separated),
  ``JIXIAO_MAX_UPLOAD_MB`` (largest upload accepted, default 50).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA") or platformdirs.user_data_dir("jixiao"))


def secret_key(data: Path) -> str:
    """The key kept in ``data/secret_key``, made at first start. It is written whole (and
    synced) under another name, then linked into place: two processes starting together
    (the app's workers, the tests') never read a half-written key, and the first one wins.
    The draft is removed whatever happens."""
    path = data / "secret_key"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        fd, draft = tempfile.mkstemp(dir=data, prefix=".secret_key.")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(secrets.token_urlsafe(50))
                f.flush()
                os.fsync(f.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
        finally:
            os.unlink(draft)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY") or secret_key(DATA_DIR)
DEBUG = os.environ.get("JIXIAO_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
MAX_UPLOAD_BYTES = int(os.environ.get("JIXIAO_MAX_UPLOAD_MB", "50")) * 1024 * 1024
UPLOAD_DIR = DATA_DIR / "uploads"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "jixiao.web.accounts",
    "jixiao.web.evaluations",
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
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

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
            ],
        },
    },
]

_database_url = os.environ.get("JIXIAO_DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(_database_url, conn_max_age=60)
    if _database_url
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "jixiao.sqlite3",
        # IMMEDIATE: a writing transaction takes the write lock at its start, so two saves
        # of one form queue up (the second then sees the first's version) instead of
        # failing with "database is locked" when both try to write.
        "OPTIONS": {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        },
        # a file, not shared memory, so that tests of concurrent saves lock as in use
        "TEST": {"NAME": str(DATA_DIR / "test-jixiao.sqlite3")},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the finders; keep it quiet
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Uploads: files go to disk, never wholly into memory; the total is checked by the view.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
