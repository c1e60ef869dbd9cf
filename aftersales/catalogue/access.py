"""The one function that decides whether a user may start an application.

Everything that opens an application (start pages, the application's pages through
`application_required`, its API routes through `aftersales.api.auth.require_application`) asks
`application_access`. Rules beyond the verified organisation (billing's ticket rule) plug in
through `aftersales.catalogue.decisions.access_rule_register`; the catalogue imports none of them.

Security-related applications (`Application.security_related`, e.g. key programming) and
content (a document marked security-related) are reached only by persons the security rules
admit (aftersales.sermi: a valid SERMI authorisation and a second factor); `security_access` is
the helper for content inside an application, and every access it grants is recorded.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal import shared_cache

from . import codes
from .decisions import (
    ALLOWED,
    AccessDecision,
    access_rules,
    access_rules_cacheable,
    security_recorders,
    security_rules,
)
from .membership import verified_member_violation
from .models import Application

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation, User

__all__ = ["AccessDecision", "application_access", "security_access", "security_access_record"]


def application_access(
    *, user: User, application: Application, at: datetime | None = None
) -> AccessDecision:
    explicit_time = at is not None
    at = at or clock.now()
    # The user and their organisation are read with the request (never from the cache): a
    # suspended organisation or a deactivated user is refused at once.
    violation = verified_member_violation(user)
    if violation is not None:
        return AccessDecision(False, violation.code, violation.message)
    organisation = user.organisation
    assert organisation is not None  # checked by verified_member_violation
    if application.maintenance:
        # Pages and API alike: nothing is read or stored while the operator works on it.
        return AccessDecision(
            False,
            codes.UNDER_MAINTENANCE,
            application.maintenance_message or _("The application is under maintenance."),
        )
    if application.security_related:
        decision = security_decision(user=user, at=at)
        if not decision.allowed:
            return decision
    if explicit_time or not access_rules_cacheable():
        return rules_decision(organisation, application, at)
    # Asked on every request of a running application: an allowed answer is kept in the shared
    # cache until a ticket, an application or an organisation changes, and never past the end
    # of the ticket that grants it, so the request after a ticket expires or is cancelled is
    # refused (ACCESS-0005, with a link to book a new one). Refusals are never kept.
    return shared_cache.cached(
        "access",
        str(organisation.pk),
        lambda: rules_decision(organisation, application, at),
        item=str(application.pk),
        keep=lambda decision: decision.allowed,
        until=lambda decision: decision.valid_until,
    )


def rules_decision(
    organisation: Organisation, application: Application, at: datetime
) -> AccessDecision:
    """The registered rules' joint answer: the first refusal, else allowed (with the latest
    `valid_until` a rule named, e.g. the ticket's end)."""
    granted = ALLOWED
    for rule in access_rules():
        decision = rule(organisation, application, at)
        if not decision.allowed:
            return decision
        if decision.valid_until is not None:
            granted = decision  # the page shows until when the ticket runs
    return granted


def security_decision(*, user: User, at: datetime | None = None) -> AccessDecision:
    """Whether the person may reach security-related functions and content (the rules
    registered with `decisions.security_rule_register`); refused when none is registered."""
    at = at or clock.now()
    rules = security_rules()
    if not rules:
        return AccessDecision(
            False,
            codes.SECURITY_AUTHORISATION_REQUIRED,
            _("Security-related information is not available in this portal."),
        )
    for rule in rules:
        decision = rule(user, at)
        if not decision.allowed:
            return decision
    return ALLOWED


def security_access(
    *,
    user: User,
    what: str,
    vin: str = "",
    application: Application | None = None,
    at: datetime | None = None,
) -> AccessDecision:
    """For content marked security-related inside an application (a document of Information
    research): the verified member and the security rules; an allowed access is recorded
    (who, what, when, which VIN)."""
    at = at or clock.now()
    violation = verified_member_violation(user)
    if violation is not None:
        return AccessDecision(False, violation.code, violation.message)
    decision = security_decision(user=user, at=at)
    if decision.allowed:
        security_access_record(user=user, what=what, vin=vin, application=application, at=at)
    return decision


def security_access_record(
    *,
    user: User,
    what: str,
    vin: str = "",
    application: Application | None = None,
    at: datetime | None = None,
) -> None:
    """Records an access to a security-related application or content (every recorder)."""
    for recorder in security_recorders():
        recorder(
            user=user,
            what=what,
            vin=vin,
            application=application.slug if application is not None else "",
            at=at or clock.now(),
        )
