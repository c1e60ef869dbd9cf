"""Read replicas (DATABASE_REPLICA_URLS): the one place that decides which database a query uses.

The rule, in full:
- A request that only reads (GET, HEAD, OPTIONS) reads from one replica, picked per request,
  unless its client wrote within the last REPLICA_PIN_SECONDS (read-your-writes).
- Everything else uses the primary (`default`): every write; every read of an unsafe request
  (POST, PUT, PATCH, DELETE); every read after the request's first write; every read inside
  `transaction.atomic` (services lock and re-read there: `select_for_update`, `get_or_create`
  and `update` are writes anyway); management commands, migrations and the task worker (no
  request); the cache table and the rate-limit counters (they must be read back at once).
- A client that wrote (an unsafe request, or a write during a read-only request) is pinned to
  the primary for REPLICA_PIN_SECONDS: a browser by a signed cookie (nothing to look up), an
  API client, which may not keep cookies, by a cache key derived from its Authorization header
  (CACHE_URL must then be shared by the app servers: Redis).

A replica that cannot be reached is left out for REPLICA_RETRY_SECONDS (in this process) and
its requests read from another replica or the primary: a replica down is slower, not an outage.
A replica whose replay is REPLICA_PIN_SECONDS - 1 s or more behind (checked at most once a second
per process) is left out too, so that a client whose pin has ended never reads from a replica
that has not yet replayed its write (e.g. during a bulk import).

`ReplicaMiddleware` decides per request and sets the pin; `ReplicaRouter` answers Django's
questions from that decision. Without replicas the middleware does nothing and the router
always answers `default`.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PIN_COOKIE = "aftersales_primary"
REPLICA_RETRY_SECONDS = 30
LAG_CHECK_SECONDS = 1.0
# How long ago the last replayed transaction was committed, when the replica has received more
# than it has replayed; 0 when it has replayed all it received.
LAG_SQL = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() "
    "THEN 0 ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)
PIN_SALT = "aftersales.operations.replicas.pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Read back right after they are written, by this or another request: always the primary.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "django_tasks_db"})
PRIMARY_ONLY_MODELS = frozenset({"portal.ratecounter"})


@dataclass
class RequestRouting:
    """What the middleware decided for the current request."""

    replica: str | None  # the alias reads use; None: the primary
    wrote: bool = False


_routing: ContextVar[RequestRouting | None] = ContextVar("aftersales_replica_routing", default=None)


def current_routing() -> RequestRouting | None:
    return _routing.get()


@contextmanager
def read_from_primary() -> Iterator[None]:
    """Reads inside the block use the primary, in a read-only request too. For reads whose
    result outlives the request, e.g. a value put into the shared cache right after a change
    bumped its key: a replica a few milliseconds behind would store the old value for good."""
    routing = _routing.get()
    if routing is None or routing.replica is None:
        yield
        return
    replica, routing.replica = routing.replica, None
    try:
        yield
    finally:
        routing.replica = replica


def _primary_only(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: reads on the request's replica when the middleware chose one
    and nothing forbids it; every write, and everything else, on the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        routing = _routing.get()
        if routing is None or routing.replica is None or routing.wrote:
            return DEFAULT_DB_ALIAS
        if _primary_only(model) or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return routing.replica

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        routing = _routing.get()
        # The rest of the request, and the client's next requests, read what it wrote; a
        # cache entry, a counter or a queued task is not something it reads back.
        if routing is not None and not _primary_only(model):
            routing.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # The replicas hold the primary's rows: an object read from one may point at another.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def _token_pin_key(request: HttpRequest) -> str | None:
    authorization = request.headers.get("Authorization", "")
    if not authorization:
        return None
    digest = hashlib.sha256(authorization.encode()).hexdigest()
    return f"replica-pin:{digest}"


def is_pinned(request: HttpRequest) -> bool:
    """The client wrote within the last REPLICA_PIN_SECONDS."""
    seconds = settings.REPLICA_PIN_SECONDS
    if request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=seconds):
        return True
    key = _token_pin_key(request)
    if key is None:
        return False
    try:
        return cache.get(key) is not None
    except Exception:  # noqa: BLE001 - the cache down: the primary is always right
        logger.warning("The cache cannot be read: this API request reads from the primary")
        return True


def pin(request: HttpRequest, response: HttpResponse) -> None:
    """The client reads from the primary for the next REPLICA_PIN_SECONDS."""
    seconds = settings.REPLICA_PIN_SECONDS
    response.set_signed_cookie(
        PIN_COOKIE,
        "1",
        salt=PIN_SALT,
        max_age=seconds,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    key = _token_pin_key(request)
    if key is not None:
        try:
            cache.set(key, 1, seconds)
        except Exception:  # noqa: BLE001 - the write is done; not pinning must not fail it
            logger.warning(
                "The cache cannot be written: an API client's pin to the primary is lost"
            )


_unreachable_until: dict[str, float] = {}
_lag_checked: dict[str, tuple[float, float]] = {}  # alias: (when checked, lag in seconds)


def replica_lag(alias: str) -> float:
    """Seconds the replica's replay is behind, asked at most once per LAG_CHECK_SECONDS."""
    now = time.monotonic()
    checked = _lag_checked.get(alias)
    if checked is not None and now - checked[0] < LAG_CHECK_SECONDS:
        return checked[1]
    with connections[alias].cursor() as cursor:
        cursor.execute(LAG_SQL)
        (lag,) = cursor.fetchone()
    _lag_checked[alias] = (now, float(lag))
    return float(lag)


def replica_usable(alias: str) -> bool:
    """The replica answers (a kept connection gets the once-a-request health check Django would
    make at its first query anyway) and is not too far behind; one that did not answer is left
    out for REPLICA_RETRY_SECONDS."""
    if _unreachable_until.get(alias, 0.0) > time.monotonic():
        return False
    try:
        connection = connections[alias]
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        lag = replica_lag(alias)
    except DatabaseError as error:
        _unreachable_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning(
            "Read replica %s cannot be reached (%s): reading from the others or the primary "
            "for %s s",
            alias,
            error,
            REPLICA_RETRY_SECONDS,
        )
        return False
    return lag < settings.REPLICA_PIN_SECONDS - LAG_CHECK_SECONDS


def choose_replica(request: HttpRequest) -> str | None:
    """The alias this request reads from, None for the primary."""
    replicas: list[str] = settings.DATABASE_REPLICAS
    if not replicas or request.method not in SAFE_METHODS:
        return None
    if is_pinned(request):
        return None
    for alias in random.sample(replicas, len(replicas)):  # spreading load, not a secret
        if replica_usable(alias):
            return alias
    return None


class ReplicaMiddleware:
    """Chooses the request's database before anything reads (the session, the user), and pins
    the client to the primary after a write. In MIDDLEWARE right after WhiteNoise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.DATABASE_REPLICAS:
            return self.get_response(request)
        routing = RequestRouting(replica=choose_replica(request))
        token = _routing.set(routing)
        try:
            response = self.get_response(request)
        finally:
            _routing.reset(token)
        if routing.wrote or request.method not in SAFE_METHODS:
            pin(request, response)
        return response
