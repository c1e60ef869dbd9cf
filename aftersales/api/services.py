"""Writes of the api app: tokens (create, revoke, mark used) and idempotent requests."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from . import codes
from .models import ApiToken, IdempotencyRecord
from .selectors import token_hash

# A token's last use is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# How long the first result of an idempotent request is kept.
IDEMPOTENCY_RETENTION = timedelta(hours=24)
MAX_ACTIVE_TOKENS = 20
# The scopes a user picks for their own tokens (My data); device tokens: device_token_create.
PERSONAL_SCOPES = (ApiToken.Scope.READ, ApiToken.Scope.WRITE)
# An Idempotency-Key: 1 to 255 printable ASCII characters.
IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")


@transaction.atomic
def token_create(
    *, actor: User, name: str, scope: str, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """Creates a token for the actor; returns it with its secret, which is never stored."""
    name = name.strip()
    if not name:
        raise RuleViolation(
            codes.TOKEN_NAME_MISSING, _("Please give the token a name."), field="name"
        )
    if scope not in PERSONAL_SCOPES:
        raise RuleViolation(codes.TOKEN_SCOPE_INVALID, _("Please choose a scope."), field="scope")
    return _token_store(user=actor, name=name, scope=scope, now=now)


def _token_store(
    *,
    user: User,
    name: str,
    scope: str,
    now: datetime | None,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    # Lock the user row so that two parallel creations cannot pass the limit together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).exclude(
        scope=ApiToken.Scope.TOOL
    )
    if scope != ApiToken.Scope.TOOL and active.count() >= MAX_ACTIVE_TOKENS:
        raise RuleViolation(
            codes.TOKEN_LIMIT,
            _("You have %(count)d active tokens. Please revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS},
            field="name",
        )
    prefix = secrets.token_hex(6)
    raw = f"as_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=prefix,
        secret_hash=token_hash(raw),
        created_at=now or clock.now(),
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def tool_token_create(
    *, user: User, name: str, expires_at: datetime, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """A tool session's token for the licence's user (aftersales.tools.services): it may do
    what the user's write token may, expires at `expires_at` (each heartbeat moves it on) and
    is revoked when the session ends. Returns it with its secret, which is never stored."""
    return _token_store(
        user=user, name=name, scope=ApiToken.Scope.TOOL, now=now, expires_at=expires_at
    )


def tool_token_extend(*, token: ApiToken, expires_at: datetime) -> None:
    """A heartbeat keeps a live tool session's token alive until `expires_at` (one UPDATE)."""
    ApiToken.objects.filter(pk=token.pk, scope=ApiToken.Scope.TOOL).update(expires_at=expires_at)
    token.expires_at = expires_at


def tool_token_revoke(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """The session ended: its token is refused from now on."""
    return _revoke(token=token, now=now)


@transaction.atomic
def device_token_create(
    *, actor: User, administrator: User, name: str, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """A key-reader device's token for the administrator's organisation; returns it with its
    secret, which is never stored.

    The device acts for the administrator (the organisation's access rules and tickets apply)
    and may only send key reads. The administrator makes it for their own organisation; the
    operator (staff) may make one for any organisation's administrator.
    """
    name = name.strip()
    if not name:
        raise RuleViolation(
            codes.TOKEN_NAME_MISSING, _("Please give the token a name."), field="name"
        )
    if actor.pk != administrator.pk and not actor.is_staff:
        raise RuleViolation(
            codes.DEVICE_TOKEN_NOT_ALLOWED,
            _("Only the organisation administrator or the operator can create device tokens."),
        )
    if not administrator.is_org_admin or administrator.organisation_id is None:
        raise RuleViolation(
            codes.DEVICE_TOKEN_NOT_ALLOWED,
            _("A device token is made for an administrator of a workshop organisation."),
            field="administrator",
        )
    return _token_store(user=administrator, name=name, scope=ApiToken.Scope.KEY_READER, now=now)


def device_token_revoke(*, actor: User, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """An administrator of the device's organisation (not only its maker) revokes it."""
    same_organisation = (
        actor.organisation_id is not None and actor.organisation_id == token.user.organisation_id
    )
    if not token.is_device or not (actor.is_org_admin and same_organisation):
        raise RuleViolation(codes.NOT_FOUND, _("The token was not found."))
    return _revoke(token=token, now=now)


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """Revokes one of the actor's own tokens; revoking twice changes nothing."""
    if token.user_id != actor.pk:
        raise RuleViolation(codes.NOT_FOUND, _("The token was not found."))
    return _revoke(token=token, now=now)


@transaction.atomic
def _revoke(*, token: ApiToken, now: datetime | None) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = now or clock.now()
        token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def token_revoke_by_operator(*, tokens: QuerySet[ApiToken], now: datetime | None = None) -> int:
    """The back office revokes tokens of any user (e.g. a leaked one); returns how many were
    still active. A token revoked before keeps its first time of revocation."""
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=now or clock.now())


def token_mark_used(*, token: ApiToken, now: datetime | None = None) -> None:
    """Records the last use, at most once a minute (one UPDATE, no read)."""
    now = now or clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def request_fingerprint(*, operation: str, body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{operation}\n{canonical}".encode()).hexdigest()


def idempotent_call(
    *,
    user: User,
    key: str,
    operation: str,
    body: Any,
    call: Callable[[], tuple[int, Any]],
    on_violation: Callable[[RuleViolation], tuple[int, Any]],
    now: datetime | None = None,
) -> tuple[int, Any, bool]:
    """Runs `call` once per (user, key): returns (status, body, replayed).

    The same key with the same operation and body returns the stored first result, also when
    that result was a rule violation (rendered by `on_violation`); another body is refused with
    API-0004. The record is written in the same transaction as the work it guards, so a
    parallel request with the same key waits on the unique index and then sees the result.
    A malformed key is refused with API-0006 before anything is read or written.
    """
    if not IDEMPOTENCY_KEY_RE.match(key):
        raise RuleViolation(
            codes.IDEMPOTENCY_KEY_INVALID,
            _("The Idempotency-Key must have 1 to 255 printable ASCII characters."),
            field="Idempotency-Key",
        )
    now = now or clock.now()
    fingerprint = request_fingerprint(operation=operation, body=body)
    with transaction.atomic():
        # The user's expired records go first, so that an old key may be used afresh.
        IdempotencyRecord.objects.filter(
            user=user, created_at__lt=now - IDEMPOTENCY_RETENTION
        ).delete()
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    user=user,
                    key=key,
                    operation=operation,
                    request_hash=fingerprint,
                    created_at=now,
                )
        except IntegrityError:
            record = IdempotencyRecord.objects.select_for_update().get(user=user, key=key)
            if record.request_hash != fingerprint:
                raise RuleViolation(
                    codes.IDEMPOTENCY_MISMATCH,
                    _(
                        "This Idempotency-Key was already used for another request. Use a new "
                        "key for a new request."
                    ),
                    field="Idempotency-Key",
                ) from None
            if record.response_status is None:  # pragma: no cover - only while a crash rolls back
                raise RuleViolation(
                    codes.IDEMPOTENCY_IN_PROGRESS,
                    _("A request with this Idempotency-Key is still being processed."),
                    field="Idempotency-Key",
                ) from None
            return record.response_status, record.response_body, True
        try:
            with transaction.atomic():
                status, result = call()
        except RuleViolation as violation:
            status, result = on_violation(violation)
        record.response_status = status
        record.response_body = result
        record.save(update_fields=["response_status", "response_body"])
    return status, result, False


def idempotency_records_purge(*, now: datetime | None = None) -> int:
    """Deletes the records past their retention period (api_idempotency_created_idx)."""
    cutoff = (now or clock.now()) - IDEMPOTENCY_RETENTION
    deleted, _details = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
