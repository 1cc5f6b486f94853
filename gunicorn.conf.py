"""gunicorn settings (read from the working directory; docker-compose.yml and bench/ use it).

Threaded workers: a request waiting on PostgreSQL or on a slow client holds one thread, not a
whole process, so /healthz and short pages are answered while long ones run. Every knob can be
set from the environment (docs/bounded.md lists them).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# With gthread the timeout is the worker's heartbeat (a frozen process), not one request's length:
# PUBLIC_STATEMENT_TIMEOUT bounds the database work of a public request, EXPORT_MAX_ROWS an export.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true").lower() in {"1", "true", "yes", "on"} else None
