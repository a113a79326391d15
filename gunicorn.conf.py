"""gunicorn settings, read from the environment (README: PORT, BIND, WEB_CONCURRENCY,
FORWARDED_ALLOW_IPS, LOG_LEVEL). `kill -HUP <master pid>` reloads gracefully: new
workers start with the new code and settings, old ones finish their requests."""

import multiprocessing
import os
import sys

from gunicorn.glogging import Logger

# Stop here with one clear line if a setting is missing or malformed.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from glossary_site.serving.startup import load_settings_or_exit  # noqa: E402

load_settings_or_exit()

from glossary_site.serving.logformat import redact  # noqa: E402


def _int_env(name, default):
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) < 1:
        sys.stderr.write(f"Configuration error: {name} must be a positive whole number, not {value!r}.\n")
        raise SystemExit(1)
    return int(value)


class QuietHealthLogger(Logger):
    """Access log without the health probes, which arrive every few seconds, and
    without review links' tokens, in the request line or in a page's Referer."""

    QUIET_PATHS = ("/healthz", "/livez")
    ADDRESS_ATOMS = ("r", "U", "q", "f", "{referer}i", "{raw_uri}e", "{path_info}e", "{http_referer}e")

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in self.ADDRESS_ATOMS:
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in self.QUIET_PATHS and not self.access_log.isEnabledFor(10):
            return
        super().access(resp, req, environ, request_time)


wsgi_app = "glossary_site.wsgi:application"
bind = os.environ.get("BIND") or f"127.0.0.1:{_int_env('PORT', 8000)}"
# Sync workers: a page is a few fast queries, so processes rather than threads.
workers = _int_env("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
timeout = _int_env("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
# X-Forwarded-Proto (and X-Forwarded-For, see glossary_site/serving/middleware.py) are
# believed only from these proxy addresses: none unless the operator names them
# (gunicorn's own default trusts loopback, where `make run`'s clients are).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
# One line per request on stdout, ending with the request time in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logger_class = QuietHealthLogger
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(M)sms'
# gunicorn 27 opens a control socket at one fixed path per user; several servers on
# one machine (tests, multi-node runs) would fight over it, and nothing here uses it.
control_socket_disable = True
