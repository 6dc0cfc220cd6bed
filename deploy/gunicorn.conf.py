"""Gunicorn settings for Finsam (``gunicorn -c deploy/gunicorn.conf.py finsam.wsgi``).

Every value can be changed through the environment (``/etc/finsam/env``) without editing
this file. Behind nginx on the same host: nginx terminates TLS, logs requests and passes
``X-Forwarded-Proto`` and ``X-Request-ID``; gunicorn logs errors only, as JSON lines.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "sync"
# PDF and DOCX documents are built in the request: allow them time.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (memory held by matplotlib and WeasyPrint).
max_requests = 1000
max_requests_jitter = 100
# Worker heartbeat files go to the default temporary folder: the unit's private /tmp.
# Only nginx on this host may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Requests are logged by nginx (with the request id); an access log here would log
# every URL a second time.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False}
    },
}
# Limits on what a client may send before Django sees it.
limit_request_line = 8190
limit_request_fields = 100
