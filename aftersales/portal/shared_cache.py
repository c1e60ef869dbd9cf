"""Reads that every request makes and that rarely change, kept in the shared cache.

Every page asks who may start the application, whether the user must confirm a second factor,
and each vehicle screen asks the same for the applications whose notices it shows: a handful of
queries a request whose answers change a few times a day (a ticket booked, a factor enrolled).
`cached(topic, key, compute)` keeps such an answer in the default cache, and
`invalidate_on(topic, *models)` drops every answer of the topic the moment one of those models
changes:

- Each topic has a generation token in the cache; an answer is stored with the token it was
  computed under and used only while that token is current.
- Saving or deleting a model of the topic (or changing a many-to-many relation through one)
  replaces the token once the transaction commits, so the next request computes afresh. A
  request that read the old token before the commit and computed from the old rows stores its
  answer under the old token, which is never current again.
- An answer is computed from the primary database (operations.replicas.read_from_primary): a
  replica a moment behind would store the old answer under the new token.
- Nothing lives longer than SHARED_CACHE_SECONDS, nor past a time the caller names (a ticket's
  end): time alone changes some answers.

It is on only when the default cache is shared by every process of the portal (Redis or
Memcached, `CACHE_URL`; settings.SHARED_CACHE): a local-memory cache cannot see another
process's invalidation, and the database cache would cost the query it saves.
SHARED_CACHE_SECONDS=0 turns it off.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from contextvars import ContextVar, Token
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from aftersales import clock

T = TypeVar("T")
logger = logging.getLogger(__name__)


def seconds() -> int:
    """How long an answer may live; 0 when the shared cache is off."""
    return int(getattr(settings, "SHARED_CACHE_SECONDS", 0) or 0)


def enabled() -> bool:
    return seconds() > 0


def _generation_key(topic: str) -> str:
    return f"shared-cache:{topic}:generation"


def _entry_key(topic: str, key: str) -> str:
    return f"shared-cache:{topic}:{key}"


# What this request has read from the cache already (SharedCacheMiddleware): the access check,
# the second-factor state and the notices of other applications ask several times, and one
# round trip for all of it is the point. None outside a request: every call reads the cache.
_memo: ContextVar[dict[str, Any] | None] = ContextVar("shared_cache_memo", default=None)


def request_started() -> Token[dict[str, Any] | None]:
    return _memo.set({})


def request_finished(token: Token[dict[str, Any] | None]) -> None:
    _memo.reset(token)


def _get_many(keys: list[str]) -> dict[str, Any]:
    memo = _memo.get()
    if memo is None:
        return cache.get_many(keys)
    missing = [key for key in keys if key not in memo]
    if missing:
        found = cache.get_many(missing)
        for key in missing:
            memo[key] = found.get(key)
    return {key: memo[key] for key in keys if memo[key] is not None}


def _remember(key: str, value: Any) -> None:
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def prefetch(*entries: tuple[str, str]) -> None:
    """Reads these (topic, key) entries and their topics' generations in one round trip; the
    rest of the request takes them from memory."""
    if seconds() > 0 and _memo.get() is not None:
        topics = {topic for topic, _ in entries}
        keys = [_generation_key(t) for t in sorted(topics)] + [_entry_key(*e) for e in entries]
        try:
            _get_many(keys)
        except Exception:  # the cache unreachable: each answer is computed (cached() says so)
            return


def _generation(topic: str, found: dict[str, Any]) -> str:
    generation = found.get(_generation_key(topic))
    if generation is None:
        generation = secrets.token_hex(8)
        if not cache.add(_generation_key(topic), generation, timeout=None):
            generation = cache.get(_generation_key(topic)) or generation
        _remember(_generation_key(topic), generation)
    return str(generation)


def cached(
    topic: str,
    key: str,
    compute: Callable[[], T],
    *,
    item: str | None = None,
    keep: Callable[[T], bool] | None = None,
    until: Callable[[T], datetime | None] | None = None,
) -> T:
    """`compute()`, or its answer from the cache while no model of the topic changed since.

    `item`: the answer is one of several kept together under `key` (one organisation's
    access to each application: one entry to read). `keep(answer)` False: the answer is not
    stored (e.g. a refusal, which must end as soon as a ticket starts); `until(answer)`: a
    time after which it must not be used (a ticket's end).
    """
    lifetime = seconds()
    if lifetime <= 0:
        return compute()
    entry_key = _entry_key(topic, key)
    try:
        found = _get_many([_generation_key(topic), entry_key])
        generation = _generation(topic, found)
    except Exception:
        # The cache cannot be reached: the answer is computed, as without it (a page must not
        # fail because of the cache; /health/ names the cache that is down).
        logger.warning("shared cache unreachable; computing %s:%s", topic, key, exc_info=True)
        from aftersales.operations.replicas import read_from_primary

        with read_from_primary():
            return compute()
    entry = found.get(entry_key)
    items: dict[str | None, tuple[Any, datetime | None]] = {}
    if entry is not None and entry[0] == generation:
        items = entry[1]
        if item in items:
            answer, ends = items[item]
            if ends is None or clock.now() < ends:
                return answer
    from aftersales.operations.replicas import read_from_primary

    # From the primary: a replica a moment behind would store the answer from before the
    # change under the generation the change made.
    with read_from_primary():
        answer = compute()
    if keep is not None and not keep(answer):
        return answer
    ends = until(answer) if until is not None else None
    if ends is not None and ends <= clock.now():
        return answer
    items = {**items, item: (answer, ends)}
    # The entry's own life: the shortest of its items' (each is checked when read, too).
    timeout = float(lifetime)
    for _, item_ends in items.values():
        if item_ends is not None:
            timeout = min(timeout, (item_ends - clock.now()).total_seconds())
    value = (generation, items)
    _remember(entry_key, value)
    if timeout >= 1:
        try:
            cache.set(entry_key, value, timeout=int(timeout))
        except Exception:
            logger.warning("shared cache unreachable; %s:%s not kept", topic, key, exc_info=True)
    return answer


def invalidate(topic: str) -> None:
    """Every answer of the topic is recomputed, from the moment the transaction commits (at
    once outside one)."""
    if seconds() <= 0:
        return

    def replace() -> None:
        generation = secrets.token_hex(8)
        _remember(_generation_key(topic), generation)
        try:
            cache.set(_generation_key(topic), generation, timeout=None)
        except Exception:
            # Answers of the topic kept before the change may be used until they expire
            # (SHARED_CACHE_SECONDS) if the cache comes back with them: say so loudly.
            logger.error(
                "shared cache unreachable: %s not invalidated; its answers may be stale for "
                "up to SHARED_CACHE_SECONDS",
                topic,
                exc_info=True,
            )

    transaction.on_commit(replace)


def invalidate_on(topic: str, *senders: type[models.Model]) -> None:
    """Invalidates the topic whenever one of these models is saved or deleted, or (for a
    many-to-many table) one of its relations changes."""
    for sender in senders:
        receiver = _receiver(topic)
        _RECEIVERS.append(receiver)  # signals keep weak references
        if sender._meta.auto_created:  # a many-to-many table: m2m_changed names it the sender
            m2m_changed.connect(receiver, sender=sender, weak=False)
        post_save.connect(receiver, sender=sender, weak=False)
        post_delete.connect(receiver, sender=sender, weak=False)


_RECEIVERS: list[Callable[..., None]] = []


# Saves that change nothing a cached answer reads (a log-in stamps last_login).
IGNORED_UPDATES = frozenset({"last_login"})


def _receiver(topic: str) -> Callable[..., None]:
    def receiver(**kwargs: Any) -> None:
        action = kwargs.get("action")
        if action is not None and not action.startswith("post_"):
            return  # m2m_changed: once, after the change
        update_fields = kwargs.get("update_fields")
        if update_fields and IGNORED_UPDATES.issuperset(update_fields):
            return
        invalidate(topic)

    return receiver
