"""Writes: the operator records and withdraws authorisations; accesses are logged."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from . import codes
from .models import SecurityAccess, SecurityAuthorisation
from .selectors import valid_authorisation


@transaction.atomic
def authorisation_record(
    *,
    operator: User | None,
    user: User,
    approval_number: str,
    issuing_body: str,
    valid_from: date,
    valid_until: date,
    evidence: Any,
    now: datetime | None = None,
) -> SecurityAuthorisation:
    if valid_until < valid_from:
        raise RuleViolation(
            codes.PERIOD_INVALID,
            _("The end of the validity lies before its start."),
            field="valid_until",
        )
    if not evidence:
        raise RuleViolation(
            codes.EVIDENCE_REQUIRED, _("Upload the approval you checked."), field="evidence"
        )
    return SecurityAuthorisation.objects.create(
        user=user,
        approval_number=approval_number.strip(),
        issuing_body=issuing_body.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        evidence=evidence,
        recorded_by=operator,
        recorded_at=now or clock.now(),
    )


@transaction.atomic
def authorisation_withdraw(
    *,
    operator: User | None,
    authorisation: SecurityAuthorisation,
    reason: str,
    now: datetime | None = None,
) -> SecurityAuthorisation:
    """Withdrawn means no access from the next request on."""
    if not reason.strip():
        raise RuleViolation(
            codes.WITHDRAWAL_REASON_REQUIRED, _("Please give a reason."), field="reason"
        )
    locked = SecurityAuthorisation.objects.select_for_update().get(pk=authorisation.pk)
    if locked.withdrawn_at is not None:
        raise RuleViolation(codes.ALREADY_WITHDRAWN, _("The authorisation is withdrawn already."))
    locked.withdrawn_at = now or clock.now()
    locked.withdrawn_by = operator
    locked.withdrawal_reason = reason.strip()
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return locked


def security_access_log(
    *, user: User, what: str, vin: str = "", application: str = "", at: datetime | None = None
) -> None:
    """Logs one access (registered with the catalogue's access function)."""
    at = at or clock.now()
    SecurityAccess.objects.create(
        at=at,
        user=user,
        organisation_id=user.organisation_id,
        authorisation=valid_authorisation(user=user, day=timezone.localdate(at)),
        application=application[:60],
        what=what[:300],
        vin=vin.upper()[:17],
    )
