"""gunicorn settings, read from the environment (see README: PORT, WEB_CONCURRENCY)."""

import multiprocessing
import os

wsgi_app = "glossary_site.wsgi:application"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: a page is a few fast queries, so processes rather than threads.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# One line per request on stdout, ending with the request time in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(M)sms'
# gunicorn 27 opens a control socket at one fixed path per user; several servers on
# one machine (tests, multi-node runs) would fight over it, and nothing here uses it.
control_socket_disable = True
