"""Django settings of the Kurultai platform.

Everything that differs between a laptop demo and a deployment comes from the environment:
DATABASE_URL, KURULTAI_SECRET_KEY, KURULTAI_DEBUG, KURULTAI_ALLOWED_HOSTS, KURULTAI_DATA_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kurultai.web.config.database import data_dir, database_settings

WEB_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("KURULTAI_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("KURULTAI_SECRET_KEY") or "kurultai-demo-only-not-secret-set-KURULTAI_SECRET_KEY"
ALLOWED_HOSTS = os.environ.get("KURULTAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "kurultai.web.core",
    "kurultai.web.audit",
    "kurultai.web.accounts",
    "kurultai.web.committees",
    "kurultai.web.elections",
    "kurultai.web.assembly",
    "kurultai.web.protection",
    "kurultai.web.relief",
    "kurultai.web.economy",
    "kurultai.web.priorities",
    "kurultai.web.plans",
    "kurultai.web.reports",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kurultai.web.config.urls"
WSGI_APPLICATION = "kurultai.web.config.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "kurultai.web.core.context_processors.site",
    ]},
}]

DATABASES = {"default": database_settings()}

# Plan runs are background tasks stored in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ky", _("Kyrgyz")),
    ("uz", _("Uzbek")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kurultai.web.formats"]
TIME_ZONE = "Asia/Bishkek"
LANGUAGE_COOKIE_NAME = "kurultai_language"

STATIC_URL = "/static/"
# Only a deployment that runs collectstatic needs a STATIC_ROOT (docs/deploy-postgresql.md).
STATIC_ROOT = os.environ.get("KURULTAI_STATIC_ROOT") or None
# Every asset is served by the platform itself, straight from the apps' static folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
LOGOUT_REDIRECT_URL = "core:home"

# Sessions live in a signed cookie so that no server-side row ties a browser to anything it did.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_SAMESITE = "Lax"
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if os.environ.get("KURULTAI_HTTPS", "0") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if os.environ.get("KURULTAI_FAST_PASSWORDS", "0") == "1":
    # Tests create hundreds of accounts; a slow hash there buys no security.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Protection and relief: incident photos live beside the database; alert e-mail only when a mail
# server is configured. Other protection settings and their defaults: kurultai/web/protection/conf.py.
MEDIA_ROOT = data_dir() / "media"
EMAIL_HOST = os.environ.get("KURULTAI_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("KURULTAI_EMAIL_FROM", "kurultai@localhost")
PROTECTION_ALERT_EMAILS = bool(os.environ.get("KURULTAI_EMAIL_HOST"))
PROTECTION_MAP_TILE_URL = os.environ.get("KURULTAI_MAP_TILES", "")
