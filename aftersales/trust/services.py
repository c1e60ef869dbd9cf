"""Writes of the trust app: verification runs, daily anchors, their publication, chaining.

Links themselves are appended by the receivers (receivers.py) inside the transaction that
stores a service entry's change (`chain.link_append`); existing data is chained by
`chain_missing` (`manage.py chain_history`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from . import anchors, backfill, chain, codes
from .models import AnchorPublication, ChainAnchor, VerificationRun
from .verification import verify_all

MAX_REPORTED = 1_000

__all__ = [
    "anchor_publish",
    "anchor_record",
    "chain_missing",
    "readings_missing",
    "verification_run",
]


def chain_missing(*, on_progress: Callable[[int], None] | None = None) -> int:
    """Chains every change of an entry that has no link yet (see chain.chain_missing)."""
    return chain.chain_missing(on_progress=on_progress)


def readings_missing() -> int:
    """Keeps the mileage of every entry stored before readings existed (see backfill.py)."""
    return backfill.readings_missing()


def anchor_record(*, day: date | None = None, now: datetime | None = None) -> ChainAnchor:
    """Records the day's anchor (once a day; a second call returns the first)."""
    return anchors.anchor_record(day=day, now=now)


def verification_run(
    *, records: bool = True, on_progress: Callable[[int], None] | None = None
) -> VerificationRun:
    """Checks every chain (and, with `records`, the entries against it) and every published
    anchor plus the latest one; records and returns the run."""
    started = clock.now()
    outcome = verify_all(records=records, on_progress=on_progress)
    breaks = [item.as_dict() for item in outcome.breaks]
    checked = list(ChainAnchor.objects.filter(publication__isnull=False))
    latest = ChainAnchor.objects.order_by("-day").first()
    if latest is not None and latest not in checked:
        checked.append(latest)
    for anchor in checked:
        if not anchors.anchor_check(anchor):
            breaks.append(
                {
                    "vin": "",
                    "sequence": None,
                    "entry": "",
                    "anchor": anchor.day.isoformat(),
                    "reason": "the stored links no longer give this anchor's root",
                }
            )
    return VerificationRun.objects.create(
        started_at=started,
        finished_at=clock.now(),
        vehicles=outcome.vehicles,
        links=outcome.links,
        entries=outcome.entries,
        anchors=len(checked),
        records_checked=records,
        broken=len(breaks),
        breaks=breaks[:MAX_REPORTED],
    )


@transaction.atomic
def anchor_publish(
    *, anchor: ChainAnchor, operator: User, now: datetime | None = None
) -> AnchorPublication:
    """Publishes an anchor on the public page, after checking it still verifies (TRUST-0001).
    Publishing twice keeps the first publication."""
    existing = AnchorPublication.objects.filter(anchor=anchor).first()
    if existing is not None:
        return existing
    if not anchors.anchor_check(anchor):
        raise RuleViolation(
            codes.ANCHOR_BROKEN,
            _("The anchor of %(day)s no longer matches the stored chains; it is not published.")
            % {"day": anchor.day.isoformat()},
        )
    return AnchorPublication.objects.create(
        anchor=anchor, published_at=now or clock.now(), published_by=operator
    )
