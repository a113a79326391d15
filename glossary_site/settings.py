"""Settings for the glossary site, read from the environment.

Every deployment-specific value comes from an environment variable with a safe
default, so the same module serves a laptop (SQLite, local-memory cache) and
production (DATABASE_URL, DJANGO_ALLOWED_HOSTS, ...). The README lists them all.
"""

import hashlib
import ipaddress
import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_number(name, default, kind, described):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {described}, not {value!r}.") from None


def env_int(name, default):
    return _env_number(name, default, int, "a whole number")


def env_float(name, default):
    return _env_number(name, default, float, "a number")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # `make run` and `make test` create or set one; a deployment must set it.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: set it in the environment "
            "(or DJANGO_DEBUG=1 for a throwaway development key)."
        )
    SECRET_KEY = "django-insecure-development-only-key"

# Addresses or networks (10.0.0.0/24) of the proxies in front (nginx); only they may
# set X-Forwarded-For and X-Forwarded-Proto. None unless the operator names them:
# `make run` serves clients directly, and a local client could otherwise claim any
# address, to the rate limit and the login throttle alike. gunicorn reads the same
# variable for the scheme header.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", [])
for _proxy in FORWARDED_ALLOW_IPS:
    try:
        ipaddress.ip_network(_proxy)
    except ValueError:
        raise ImproperlyConfigured(
            f"FORWARDED_ALLOW_IPS must list the proxies' addresses or networks, not {_proxy[:40]!r}."
        ) from None

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = os.environ.get("SITE_NAME", "DevTerms")
SITE_DESCRIPTION = (
    "Short, plain explanations of backend, web and fintech terms, and a blog about building software."
)
# The public address: canonical URLs, feeds, sitemaps and structured data use it.
# Empty means each request's own origin (a local run on any PORT); production sets
# it (`check --deploy` warns without it), so addresses never follow the Host header.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL[:30]!r}.")

INSTALLED_APPS = [
    "glossary_site.editorial.admin_site.EditorsAdminConfig",  # django.contrib.admin, named for this site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # intcomma: counts grouped as the page's language writes them
    # Full-text search, ranking and trigram suggestions when running on PostgreSQL.
    "django.contrib.postgres",
    "markdownx",
    # Revisions of terms and articles: the admin's history, restore and recovery.
    "simple_history",
    "glossary_site",
    "terms",
    "articles",
    # Security (issue 8): failed admin logins throttled per account and per address.
    "axes",
    # The queue of background work (relinking after a term changes), in the database.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security (issue 8): CSP and Permissions-Policy headers on every page; bodies
    # over MAX_REQUEST_BYTES refused with 413 before anything reads them.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "glossary_site.serving.security.PermissionsPolicyMiddleware",
    "glossary_site.serving.security.RequestSizeLimitMiddleware",
    "glossary_site.serving.middleware.ForwardedForMiddleware",
    # The public API (issue 17): CORS and the per-address rate limit, before the page
    # cache and conditional GET so that cached answers and 304s get both.
    "glossary_site.api.middleware.ApiMiddleware",
    # Issue 26: a NUL in the address or a parameter is a 400 before anything looks it up.
    "glossary_site.serving.security.NulCharacterMiddleware",
    # Absolute addresses on the request's origin when SITE_URL is unset: outside the
    # page cache, whose one copy of a page serves every host.
    "glossary_site.serving.middleware.PublicOriginMiddleware",
    # Issue 28: the page's language from its address only (/de/...), before the page
    # cache, whose fragments are joined in the page's language.
    "glossary_site.serving.middleware.PathLanguageMiddleware",
    # Issue 29: search's per-client limit (429) and its slots (503), on search's
    # addresses only, before the rest so that a refusal costs little; its pages are
    # written in the language chosen above.
    "glossary_site.serving.searchguard.SearchGuardMiddleware",
    # Issue 29: a results page kept for readers without cookies, handed out once the
    # guard has counted the search, before the session, CSRF and auth middleware.
    "glossary_site.search_pages.KeptSearchPageMiddleware",
    # Anonymous pages rendered ahead or cached (issues 7 and 15); it answers 304 to
    # its own pages itself, with no header parsed back.
    "glossary_site.serving.pagecache.PageCacheMiddleware",
    # 304 Not Modified for a matching If-None-Match / If-Modified-Since on rendered pages.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Security (issue 8): turns an axes lockout into the lockout page (after authentication).
    "axes.middleware.AxesMiddleware",
    # Lets each revision record the editor who made it (after authentication).
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "glossary_site.urls"
WSGI_APPLICATION = "glossary_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # {{ LANGUAGE_CODE }}: the page's language, for <html lang> (issue 28).
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "glossary_site.context_processors.site",
                # {{ csp_nonce }} for the admin's {% csp_nonce_attr %} (Security, issue 8).
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# sqlite:///path (the default) or postgres://user:pass@host:port/name (psycopg 3).
# Persistent connections with a health check at the start of each request: a
# connection broken by a database restart is replaced instead of failing pages.
try:
    DATABASES = {
        "default": dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=env_int("CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a usable database URL ({error}).") from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SQLite with several gunicorn workers (issue 8): WAL lets readers run beside the
# one writer, and IMMEDIATE transactions take the write lock at BEGIN, where the
# busy timeout can wait for it, instead of failing mid-transaction with
# "database is locked" when a read lock cannot be upgraded.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

# --- Cache and sessions -----------------------------------------------------
# With REDIS_URL every worker on every node shares one cache; sessions live in the
# cache with the database behind it, so a session made on one node works on all.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL[:20]!r}."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "glossary"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Room for kept search answers and pages (search/kept.py: two entries a popular
    # query) beside the page cache's: at Django's default of 300 entries, a few
    # hundred popular queries pushed each other out and were searched again.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }

# --- Page cache (glossary_site/serving/pagecache.py) -----------------------
# Entries are keyed by the content counter, so they are never stale; the timeout
# only bounds how long unused versions occupy the cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# Pages rendered ahead by the worker (serving/pages.py) carry a digest of the
# templates and code that rendered them; PAGES_BUILD adds to it, so an operator can
# have every page rendered again after a change the digest cannot see.
PAGES_BUILD = os.environ.get("PAGES_BUILD", "")
# /review/: drafts shown by review links (editorial/review.py), never stored.
PAGE_CACHE_SKIP_PREFIXES = (
    "/search/",
    "/review/",
    "/admin/",
    "/markdownx/",
    "/healthz",
    "/livez",
    "/static/",
    "/media/",
)

# --- Public API (glossary_site/api/, terms/api.py) ---------------------------
API_PREFIX = "/api/"
# Answers any site's scripts may read (Access-Control-Allow-Origin: *, no credentials).
CORS_PREFIXES = (API_PREFIX, "/embed/glossary.js")
# Requests one client address may make per window, across every worker and node
# (counted in the cache); 0 turns the limit off.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 300)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
if API_RATE_WINDOW < 1:
    raise ImproperlyConfigured("API_RATE_WINDOW must be at least 1 (seconds).")
API_PAGE_SIZE = 20
# Search results the API ranks for one query: the site's search pages go no deeper.
API_SEARCH_MAX_RESULTS = 200

# --- Search limits (glossary_site/serving/searchguard.py, README "How search is bounded")
# Search requests (results and suggestions) one client address may make per window,
# across every worker and node (counted in the cache); 0 turns the limit off.
SEARCH_RATE_LIMIT = env_int("SEARCH_RATE_LIMIT", 120)
SEARCH_RATE_WINDOW = env_int("SEARCH_RATE_WINDOW", 60)
if SEARCH_RATE_WINDOW < 1:
    raise ImproperlyConfigured("SEARCH_RATE_WINDOW must be at least 1 (seconds).")
# Searches one node (a machine's gunicorn workers) runs at once (searchslots.py); the
# next is answered 503. Below the node's workers, so that some always answer pages:
# half of them by default.
SEARCH_CONCURRENCY = env_int(
    "SEARCH_CONCURRENCY", max(1, env_int("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1) // 2)
)
if SEARCH_CONCURRENCY < 1:
    raise ImproperlyConfigured("SEARCH_CONCURRENCY must be at least 1 (searches at once).")
# The share of a search slot's time searches may take (searchslots.py): each search
# makes its slot owe the rest that keeps to this share. 1 turns rests off.
SEARCH_SHARE = env_float("SEARCH_SHARE", 0.25)
if not 0 < SEARCH_SHARE <= 1:
    raise ImproperlyConfigured("SEARCH_SHARE must be more than 0 and at most 1 (a share of a slot's time).")
# Where the node's workers keep their search slots (lock files): one folder per site
# on the machine, named after its code and database unless set.
_site = f"{BASE_DIR}|{DATABASES['default'].get('HOST', '')}|{DATABASES['default'].get('NAME', '')}"
SEARCH_SLOTS_DIR = os.environ.get("SEARCH_SLOTS_DIR", "").strip() or str(
    Path(tempfile.gettempdir()) / f"glossary-search-slots-{hashlib.sha256(_site.encode()).hexdigest()[:12]}"
)

# --- Auth -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Only the test suite's own servers set this (glossary_site/testing/servers.py): the
# default hasher is slow on purpose, and browser tests log editors in many times.
# Never set it for a real site; it is refused beside DJANGO_SECURE.
if env_bool("DJANGO_TEST_FAST_PASSWORDS"):
    if env_bool("DJANGO_SECURE"):
        raise ImproperlyConfigured(
            "DJANGO_TEST_FAST_PASSWORDS is for test servers, never with DJANGO_SECURE."
        )
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]

# --- Internationalisation ---------------------------------------------------
# The languages content is published in (content/languages.py), e.g. "en,de,ja":
# the first is the source language, whose addresses carry no language prefix.
SITE_LANGUAGES = [code.lower() for code in env_list("SITE_LANGUAGES", ["en"])]
_unknown = [code for code in SITE_LANGUAGES if code not in LANG_INFO or "fallback" in LANG_INFO[code]]
if _unknown or len(set(SITE_LANGUAGES)) != len(SITE_LANGUAGES):
    raise ImproperlyConfigured(
        f"SITE_LANGUAGES: {', '.join(_unknown) or 'a code given twice'}: give each language once, "
        "as a code Django knows (en, de, ja, zh-hans...)."
    )
LANGUAGES = [(code, LANG_INFO[code]["name"]) for code in SITE_LANGUAGES]
LANGUAGE_CODE = SITE_LANGUAGES[0]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
# Addresses per language (i18n_patterns) and the interface's strings (issue 28).
USE_I18N = True
# The site's own catalogs (make messages); the .mo files are committed, so serving
# needs no gettext tools.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The site's English dates keep the month written out ("January 5, 2026"); the other
# languages use Django's own formats for them.
FORMAT_MODULE_PATH = ["glossary_site.formats"]
USE_TZ = True

# --- Static files and media -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Django serves uploaded media itself unless a proxy (nginx) does it in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names (cached forever) plus gzip and brotli copies; each address
        # worked out once a process.
        "BACKEND": "glossary_site.serving.staticfiles.StaticFilesStorage",
    },
}

# Optional: uploaded media on S3-compatible storage (docs/deploy.md). Credentials
# come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "").strip()
if MEDIA_S3_BUCKET:
    try:
        import storages  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            "MEDIA_S3_BUCKET is set but django-storages is not installed "
            "(pip install -r requirements-s3.txt)."
        ) from None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    SERVE_MEDIA = False

# --- Uploads ----------------------------------------------------------------
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
# WebP versions the worker makes of every upload and cover (markup/images.py): a phone,
# a laptop's column, a wide screen at 2x. Never wider than the original.
RESPONSIVE_IMAGE_WIDTHS = (480, 960, 1600)

# --- Markdown editor (django-markdownx) --------------------------------------
# The admin's live preview uses the very renderer that stores page HTML.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "glossary_site.markup.markdown.render"
# These paths are served by our own staff-only views (see glossary_site/editorial/editor.py),
# never by markdownx's unsafe built-in ones.
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"

# --- Content ----------------------------------------------------------------
WORDS_PER_MINUTE = 230
RECENT_ARTICLES_COUNT = 3
# A term page lists the newest articles that mention it, this many at most.
MENTIONING_ARTICLES_SHOWN = 10
ARTICLES_PER_PAGE = 10
INDEX_TERMS_PER_LETTER = 6

# Phrases in which no glossary term is linked, whatever the term (each term adds its
# own in the admin): common words that are also term titles ("Instance", "Number",
# "Type", "Key"), used as ordinary English. Compared word by word, case and accents
# ignored; keep the list short, since each phrase hides its words on every page.
TERM_LINKS_NEVER_IN = [
    "in the event of",
    "in the event that",
    "a cluster of",
    "no secret",
    "for instance",
    "for example",
    "the number of",
    "a number of",
    "any number of",
    "type of",
    "types of",
    "kind of",
    "kinds of",
    "key difference",
    "key differences",
    "in turn",
    "log in",
    "logs in",
    "log out",
    "logs out",
    "on the other hand",
]
RELATED_TERMS_SHOWN = 12  # a term page lists this many related terms, then "and N more"
# How long a review link (/review/<token>/, editorial/review.py) shows its draft.
REVIEW_LINK_DAYS = env_int("REVIEW_LINK_DAYS", 7)

# --- Logging: one line per event on stdout -----------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "glossary_site.serving.logformat.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "line"}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}


# --- Security -----------------------------------------------------------------
# What the site promises and how it is tested: README, "Security".
# DJANGO_SECURE=1 is required in production (served over HTTPS): http redirects to
# https, cookies are Secure, HSTS is sent. Off by default so `make run` works on
# plain http://127.0.0.1; `manage.py check --deploy` warns until it is on.
SECURE = env_bool("DJANGO_SECURE")
SECURE_SSL_REDIRECT = SECURE
# Load balancers probe over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000 if SECURE else 0)
# Every subdomain must then serve HTTPS too; turn off if one cannot.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", SECURE)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the token, and markdownx falls back
# to the form's csrfmiddlewaretoken input.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, turned off (glossary_site.serving.security). Only
# names browsers know: Chromium logs an "Unrecognized feature" warning on every page
# for any other (it did for "bluetooth").
PERMISSIONS_POLICY = [
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation",
    "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
]  # fmt: skip

# Content Security Policy: only our own scripts (plus any inline one carrying the
# request's nonce), our own styles, no plugins, no framing, no <base>, forms to us.
# Markdown bodies can link images only from our own media (uploads); with media on
# S3 its origin is allowed too.
_MEDIA_ORIGINS = []
if MEDIA_S3_BUCKET:
    _domain = os.environ.get("MEDIA_S3_CUSTOM_DOMAIN", "").strip()
    _MEDIA_ORIGINS = [f"https://{_domain}" if _domain else "https:"]
# Where page images may come from besides the site itself, in CSP's terms; the
# renderer turns images from anywhere else into links (glossary_site/markup/markdown.py).
IMAGE_SOURCES = _MEDIA_ORIGINS
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, *IMAGE_SOURCES],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Input limits: form fields (Django refuses more with 400), and the whole body
# (glossary_site.serving.security.RequestSizeLimitMiddleware answers 413): an image upload
# plus the form around it. gunicorn answers 414 for a request line over 4094 bytes
# and 400 for more than 100 headers or one over 8190 bytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of form fields; a 50,000-character body is far less
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file
MAX_REQUEST_BYTES = UPLOAD_MAX_BYTES + 1024 * 1024

# The admin's address (default admin/): a path of its own keeps it out of the way
# of scanners that try /admin/. Checked here so a typo stops start-up with one line.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/")
if not re.fullmatch(r"(?:[A-Za-z0-9._~-]*[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)+", ADMIN_PATH):
    raise ImproperlyConfigured(
        f"DJANGO_ADMIN_PATH must be a path like admin/ or staff/desk/ "
        f"(letters, digits, -._~, ending with / and not starting with one), not {ADMIN_PATH!r}."
    )
if ADMIN_PATH.split("/")[0] in {"glossary", "blog", "search", "markdownx", "media", "static"}:
    raise ImproperlyConfigured(f"DJANGO_ADMIN_PATH {ADMIN_PATH!r} would hide the site's own pages.")

# Failed logins (django-axes): 5 failures for one username from one address lock
# that pair out for 15 minutes, never the account, so nobody can lock an editor out
# by guessing from elsewhere; a username guessed at from many addresses slows those
# addresses down (glossary_site/editorial/login_throttle.py). Staff unlock in the
# admin (Axes > Access attempts: delete) or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address ForwardedForMiddleware settled on (a proxy's header is believed only
# from FORWARDED_ALLOW_IPS).
AXES_CLIENT_IP_CALLABLE = "glossary_site.serving.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False

# --- Background work (Django's tasks framework) ------------------------------
# Queued in the database, in the same transaction as the change that needs it, and
# run by `manage.py run_worker` (make run starts one beside gunicorn). TASKS_BACKEND
# may name another backend, e.g. django.tasks.backends.immediate.ImmediateBackend
# to run the work at once in the process that asked for it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Relinking: bodies per transaction, and how long a worker's claim on a request holds
# without renewal before another worker may take it over (it renews after each chunk).
RELINK_CHUNK = env_int("RELINK_CHUNK", 200)
RELINK_LEASE_SECONDS = env_int("RELINK_LEASE_SECONDS", 60)
