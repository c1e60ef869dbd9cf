"""WebAuthn ceremonies with py_webauthn: options for the browser, verification of its answer.

The relying party is the host the browser sees (or settings.WEBAUTHN_RP_ID), the expected
origin the request's scheme and host: ALLOWED_HOSTS has vetted the host already. A challenge
lives in the session until it is answered once.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from . import codes, services
from .models import WebAuthnDevice
from .selectors import passkey_for_credential, user_passkeys

REGISTRATION_KEY = "mfa_passkey_registration"
AUTHENTICATION_KEY = "mfa_passkey_authentication"


def rp_id(request: HttpRequest) -> str:
    return str(getattr(settings, "WEBAUTHN_RP_ID", "") or request.get_host().rsplit(":", 1)[0])


def expected_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _user_handle(user: User) -> bytes:
    """A stable, opaque WebAuthn user id (never the e-mail address or the row id)."""
    return salted_hmac("aftersales.mfa.user-handle", str(user.pk)).digest()


def _transports(names: list[str]) -> list[AuthenticatorTransport]:
    known = {t.value for t in AuthenticatorTransport}
    return [AuthenticatorTransport(n) for n in names if n in known]


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(device.credential_id), transports=_transports(device.transports)
        )
        for device in user_passkeys(user=user)
    ]


def _failed(message: str | None = None) -> RuleViolation:
    return RuleViolation(
        codes.PASSKEY_FAILED,
        message or _("The passkey or security key was not accepted. Please try again."),
    )


def registration_options(request: HttpRequest, user: User) -> str:
    options = generate_registration_options(
        rp_id=rp_id(request),
        rp_name="Aftersales",
        user_id=_user_handle(user),
        user_name=user.email,
        user_display_name=user.get_full_name(),
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    request.session[REGISTRATION_KEY] = bytes_to_base64url(options.challenge)
    return options_to_json(options)


def _parsed(credential: str) -> dict[str, Any]:
    try:
        data = json.loads(credential)
    except ValueError:
        raise _failed() from None
    if not isinstance(data, dict):
        raise _failed()
    return data


def registration_verify(
    request: HttpRequest, user: User, *, credential: str, name: str
) -> WebAuthnDevice:
    challenge = request.session.pop(REGISTRATION_KEY, None)
    data = _parsed(credential)
    if not challenge:
        raise _failed()
    try:
        verified = verify_registration_response(
            credential=data,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id(request),
            expected_origin=expected_origin(request),
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise _failed() from None
    response = data.get("response") or {}
    extensions = data.get("clientExtensionResults") or {}
    transports = response.get("transports") if isinstance(response, dict) else None
    cred_props = extensions.get("credProps") if isinstance(extensions, dict) else None
    return services.passkey_add(
        user=user,
        name=name,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(t) for t in transports] if isinstance(transports, list) else [],
        discoverable=bool(isinstance(cred_props, dict) and cred_props.get("rk")),
    )


def authentication_options(request: HttpRequest, user: User | None) -> str:
    """For the second step (the user's passkeys) or, without a user, for logging on with a
    passkey alone (any discoverable passkey, with user verification)."""
    options = generate_authentication_options(
        rp_id=rp_id(request),
        allow_credentials=_descriptors(user) if user is not None else [],
        user_verification=UserVerificationRequirement.PREFERRED
        if user is not None
        else UserVerificationRequirement.REQUIRED,
    )
    request.session[AUTHENTICATION_KEY] = bytes_to_base64url(options.challenge)
    return options_to_json(options)


def authentication_verify(
    request: HttpRequest, *, credential: str, user: User | None
) -> WebAuthnDevice:
    """The passkey that signed the challenge; it must be `user`'s when one is given, and must
    have verified its user (PIN, fingerprint) when there is none."""
    challenge = request.session.pop(AUTHENTICATION_KEY, None)
    data = _parsed(credential)
    device = passkey_for_credential(credential_id=str(data.get("id", "")))
    if not challenge or device is None or (user is not None and device.user_id != user.pk):
        raise _failed()
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id(request),
            expected_origin=expected_origin(request),
            credential_public_key=bytes(device.public_key),
            credential_current_sign_count=device.sign_count,
            require_user_verification=user is None,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise _failed() from None
    services.passkey_used(device=device, sign_count=verified.new_sign_count)
    return device
