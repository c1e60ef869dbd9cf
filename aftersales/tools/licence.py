"""Licences as JSON Web Tokens (RFC 7519, HS256 with PyJWT), with key rotation.

`settings.TOOL_LICENCE_KEYS` lists the keys as "id:secret,id:secret". The first signs (its id
is the token's `kid` header); every listed key is accepted. To rotate without downtime: put
the new key first and keep the old one listed for at least TOOL_LICENCE_SECONDS, then remove
it. Without the setting one key is derived from SECRET_KEY.

A licence's claims: `iss` (SITE_URL), `aud` ("aftersales-tool"), `sub` (the user's id), `org`
(the organisation's id), `app` (the application's slug), `tool` (the tool's slug), `ver` (the
tool version), `iat`, `exp`, `jti` (the Licence row: used once).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jwt
from django.conf import settings
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes

ALGORITHM = "HS256"
AUDIENCE = "aftersales-tool"
REQUIRED = ["iss", "aud", "sub", "org", "app", "tool", "ver", "iat", "exp", "jti"]


def signing_keys() -> dict[str, bytes]:
    """The keys by id, the signing key first."""
    raw = str(getattr(settings, "TOOL_LICENCE_KEYS", "") or "").strip()
    if not raw:
        derived = hmac.new(
            settings.SECRET_KEY.encode(), b"aftersales tool licence", hashlib.sha256
        ).digest()
        return {"k0": derived}
    keys: dict[str, bytes] = {}
    for item in raw.split(","):
        key_id, _sep, secret = item.strip().partition(":")
        if not key_id or len(secret) < 32:
            raise ValueError("TOOL_LICENCE_KEYS: each key is id:secret, the secret 32+ characters")
        keys[key_id] = secret.encode()
    return keys


def issuer() -> str:
    return str(settings.SITE_URL)


@dataclass(frozen=True)
class LicenceClaims:
    jti: str
    user_id: int
    organisation_id: int
    application: str
    tool: str
    version: str
    key_id: str


def licence_encode(
    claims: dict[str, Any], *, issued_at: datetime, expires_at: datetime
) -> tuple[str, str]:
    """The signed token and the id of the key that signed it."""
    key_id, key = next(iter(signing_keys().items()))
    payload = {
        **claims,
        "iss": issuer(),
        "aud": AUDIENCE,
        "iat": int(issued_at.timestamp()),
        "exp": int(expires_at.timestamp()),
    }
    return jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": key_id}), key_id


def licence_decode(token: str, *, now: datetime) -> LicenceClaims:
    """The claims of a licence this portal signed and that has not expired; TOOL-0001 when it
    is not such a licence, TOOL-0002 when it has expired."""
    invalid = RuleViolation(
        codes.LICENCE_INVALID, _("This is not a valid licence of this portal."), field="licence"
    )
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise invalid from None
    key = signing_keys().get(str(header.get("kid", "")))
    if key is None or header.get("alg") != ALGORITHM:
        raise invalid
    try:
        # The clock is ours (tests move it): expiry is checked below, not by PyJWT.
        payload = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=issuer(),
            options={"require": REQUIRED, "verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        raise invalid from None
    if int(payload["exp"]) <= now.timestamp():
        raise RuleViolation(
            codes.LICENCE_EXPIRED,
            _("The licence has expired. Please start the application again."),
            field="licence",
        )
    try:
        return LicenceClaims(
            jti=str(payload["jti"]),
            user_id=int(payload["sub"]),
            organisation_id=int(payload["org"]),
            application=str(payload["app"]),
            tool=str(payload["tool"]),
            version=str(payload["ver"]),
            key_id=str(header["kid"]),
        )
    except (TypeError, ValueError):
        raise invalid from None
