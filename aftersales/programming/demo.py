"""Demo programming: the operator's minimum state of charge, and the results of the demo
workshop's ISTA/P session on the 330e (the tools demo's past session; loaded first).

Idempotent: results are made once per session.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from aftersales.accounts.models import Organisation
from aftersales.billing import services as billing_services
from aftersales.billing.models import Ticket, TicketProduct
from aftersales.tools import demo as tools_demo
from aftersales.tools.models import ToolSession

from .models import ControlUnitResult, PreconditionCheck, ProgrammingSettings

# control unit, software before, after, success, message
RESULTS = [
    ("DME", "B46-22-07-540", "B46-26-09-510", True, ""),
    ("EME", "G20-PHEV-24-03", "G20-PHEV-26-07", True, ""),
    ("SME", "HVS-23-11-100", "HVS-23-11-100", False, "Voltage dropped below 12.5 V; repeat."),
]


def _ticket() -> None:
    """The demo workshop may use Programming (a month's ticket, granted as the demo)."""
    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    product = (
        TicketProduct.objects.filter(applications__slug="programming", validity_unit="month")
        .order_by("pk")
        .first()
    )
    if workshop is None or product is None:
        return
    if Ticket.objects.filter(
        organisation=workshop, product__applications__slug="programming"
    ).exists():
        return
    billing_services.ticket_grant_free(
        operator=None, organisation=workshop, product=product, reason="Demo: Programming"
    )


def load() -> str:
    ProgrammingSettings.objects.get_or_create(pk=1)
    _ticket()
    tools_demo.load()
    session = (
        ToolSession.objects.filter(application__slug="programming", vehicle__isnull=False)
        .order_by("started_at")
        .first()
    )
    if session is not None and not ControlUnitResult.objects.filter(session=session).exists():
        assert session.vehicle_id is not None
        PreconditionCheck.objects.create(
            session=session,
            charger_connected=True,
            soc_percent=Decimal("78.0"),
            minimum_soc_percent=Decimal("50.0"),
            ignition="on",
            passed=True,
            checked_at=session.started_at + timedelta(minutes=2),
        )
        for unit, before, after, success, message in RESULTS:
            ControlUnitResult.objects.create(
                session=session,
                vehicle_id=session.vehicle_id,
                organisation_id=session.organisation_id,
                control_unit=unit,
                software_before=before,
                software_after=after if success else "",
                success=success,
                message=message,
                recorded_at=session.started_at + timedelta(minutes=40),
            )
    return f"{ControlUnitResult.objects.count()} control unit results"
