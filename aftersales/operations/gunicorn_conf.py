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
workers = int(os.environ.get("WEB_CONCURRENCY") or 3)
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
