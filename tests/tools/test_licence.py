"""Licences as JWTs: signed with the first key, every listed key accepted (rotation), nothing
else accepted."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from aftersales import clock
from aftersales.portal.errors import RuleViolation
from aftersales.tools.licence import licence_decode, licence_encode

OLD = "old:" + "o" * 40
NEW = "new:" + "n" * 40
CLAIMS = {
    "sub": "7",
    "org": 3,
    "app": "diagnosis",
    "tool": "ista",
    "ver": "4.41.10",
    "jti": "a" * 32,
}


def encode(settings, keys: str, **overrides):  # type: ignore[no-untyped-def]
    settings.TOOL_LICENCE_KEYS = keys
    now = clock.now()
    token, _kid = licence_encode(
        {**CLAIMS, **overrides}, issued_at=now, expires_at=now + timedelta(minutes=5)
    )
    return token


def test_it_signs_with_the_first_key_and_names_it(settings) -> None:  # type: ignore[no-untyped-def]
    token = encode(settings, f"{NEW},{OLD}")
    assert jwt.get_unverified_header(token)["kid"] == "new"
    assert licence_decode(token, now=clock.now()).version == "4.41.10"


def test_it_accepts_a_licence_of_the_old_key_during_rotation(settings) -> None:  # type: ignore[no-untyped-def]
    token = encode(settings, OLD)
    settings.TOOL_LICENCE_KEYS = f"{NEW},{OLD}"
    assert licence_decode(token, now=clock.now()).jti == "a" * 32


def test_it_refuses_a_licence_of_a_removed_key(settings) -> None:  # type: ignore[no-untyped-def]
    token = encode(settings, OLD)
    settings.TOOL_LICENCE_KEYS = NEW
    with pytest.raises(RuleViolation) as refused:
        licence_decode(token, now=clock.now())
    assert refused.value.code == "TOOL-0001"


def test_it_refuses_an_altered_licence(settings) -> None:  # type: ignore[no-untyped-def]
    token = encode(settings, NEW)
    header, payload, signature = token.split(".")
    forged = jwt.encode({**CLAIMS, "ver": "9.9.9"}, "guess" * 8, algorithm="HS256")
    with pytest.raises(RuleViolation) as refused:
        licence_decode(f"{header}.{forged.split('.')[1]}.{signature}", now=clock.now())
    assert refused.value.code == "TOOL-0001"


def test_it_refuses_an_unsigned_licence(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TOOL_LICENCE_KEYS = NEW
    unsigned = jwt.encode(CLAIMS, None, algorithm="none", headers={"kid": "new"})
    with pytest.raises(RuleViolation) as refused:
        licence_decode(unsigned, now=clock.now())
    assert refused.value.code == "TOOL-0001"


def test_it_refuses_an_expired_licence(settings) -> None:  # type: ignore[no-untyped-def]
    token = encode(settings, NEW)
    with pytest.raises(RuleViolation) as refused:
        licence_decode(token, now=clock.now() + timedelta(minutes=6))
    assert refused.value.code == "TOOL-0002"


def test_it_refuses_a_key_shorter_than_32_characters(settings) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        encode(settings, "short:secret")
