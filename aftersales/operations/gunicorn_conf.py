"""gunicorn's settings for `manage.py serve` and the systemd unit (deploy/systemd):
`gunicorn -c python:aftersales.operations.gunicorn_conf`. Read from the environment or .env.

Bound to 127.0.0.1 unless BIND says otherwise: the TLS proxy runs on the same machine; bind
to an address of the machine (BIND=10.0.0.5:8000) only when the proxy runs elsewhere, and list
that proxy in FORWARDED_ALLOW_IPS. SIGHUP reloads the workers one by one without dropping a
request; SIGTERM lets running requests finish (graceful_timeout) before the workers stop.
"""

import os
from pathlib import Path

import environ

environ.Env.read_env(Path(__file__).resolve().parents[2] / ".env", overwrite=False)

wsgi_app = "aftersales.wsgi:application"
bind = [os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT') or '8000'}"]
# A worker per core, four threads each (gunicorn's gthread worker): while one thread waits for
# PostgreSQL (a commit, a lock) another runs, and a client's connection is kept alive. Measured
# with bench/writes_bench.py on 2 cores (bench/README.md, "Writes"): 2 workers x 4 threads
# stored 42-48 entries/s where 3 sync workers stored 20-28 and 2 sync workers 25-37, at the
# same load. Each thread keeps its own database connection (CONN_MAX_AGE), or takes one from
# DATABASE_POOL. WEB_THREADS=1 gives the sync worker (one request at a time a process).
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
threads = int(os.environ.get("WEB_THREADS") or 4)
# Requests taking longer are killed and logged (a PDF of a long history takes a few seconds).
timeout = int(os.environ.get("WEB_TIMEOUT") or 60)
graceful_timeout = 30
# The proxies whose X-Forwarded-* headers gunicorn believes (Django checks it again:
# aftersales/operations/proxy.py).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
# No stale code after an upgrade: each worker imports the application itself.
preload_app = False
# No control socket in the home directory: two instances on one machine would share it.
control_socket_disable = True
