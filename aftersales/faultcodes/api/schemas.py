"""Request and response bodies of the fault-code routes, each field described."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from aftersales.api.text import IntOrText, Text

from ..models import CodeStatus, MonitorState, ReadinessMonitor

STATUSES = ", ".join(CodeStatus.values)
MONITORS = ", ".join(ReadinessMonitor.values)
STATES = ", ".join(MonitorState.values)


class FaultCodeEntry(Schema):
    brand: str = Field(
        description="Empty: the standard's meaning (ISO/SAE). Else the brand whose meaning this "
        "is, e.g. `bmw` (manufacturer-specific codes always have one)."
    )
    description: str = Field(description="The description in English.")
    description_da: str = Field(description="The description in Danish (may be empty).")
    description_de: str = Field(description="The description in German (may be empty).")
    emission_relevant: bool = Field(description="The fault affects exhaust emissions.")
    mil_relevant: bool = Field(description="A confirmed fault switches the MIL on.")
    possible_causes: list[str] = Field(description="Possible causes, in English.")
    possible_causes_da: list[str] = Field(description="Possible causes, in Danish.")
    possible_causes_de: list[str] = Field(description="Possible causes, in German.")


class FaultCode(Schema):
    code: str = Field(description="The normalised code, e.g. `P0301`.", examples=["P0301"])
    system: Literal["powertrain", "body", "chassis", "network"] = Field(
        description="From the first letter: P powertrain, B body, C chassis, U network."
    )
    scope: Literal["generic", "manufacturer"] = Field(
        description="Generic (ISO/SAE controlled: P0, P2, P34-P3F, B0/B3, C0/C3, U0/U3) or "
        "manufacturer-specific (P1, P30-P33, B1/B2, C1/C2, U1/U2), computed from the code."
    )
    group: str = Field(
        description="For P0 codes the group of the powertrain (third character), e.g. "
        "`Ignition system or misfire`; empty otherwise."
    )
    entries: list[FaultCodeEntry] = Field(description="The standard's entry first, then brands'.")


class FaultCodeHit(Schema):
    code: str
    brand: str
    description: str = Field(description="In the response language (English or Danish).")
    scope: Literal["generic", "manufacturer"]
    emission_relevant: bool
    mil_relevant: bool


class FaultCodeSearch(Schema):
    search: str = Field(description="The words searched for.")
    count: int = Field(description="How many entries are listed (at most `limit`).")
    items: list[FaultCodeHit]


class ReadCodeIn(Schema):
    code: Text = Field(
        description="The code as read; normalised (`p0420`, `0420` → `P0420`), else FC-0001.",
        examples=["P0420"],
    )
    status: Text = Field(description=f"One of: {STATUSES} (else FC-0010).", examples=["confirmed"])


class FaultReportCreate(Schema):
    read_at: Text = Field(
        description="When the fault memory was read: ISO 8601 (`2026-11-20T09:30:00+01:00`); "
        "without a time zone the portal's. Not in the future (FC-0013, FC-0014).",
        examples=["2026-11-20T09:30:00+01:00"],
    )
    mileage: IntOrText = Field(
        description="Mileage in kilometres, only the digits 0-9 (else IPL-0051).",
        examples=["131050"],
    )
    mil_on: bool = Field(description="The malfunction indicator lamp is commanded on.")
    tool_id: Text = Field("", description="The diagnosis tool's id, at most 100 characters.")
    codes: list[ReadCodeIn] = Field(
        default_factory=list,
        description="The codes read, at most 100; a code once per status (FC-0009). Empty: "
        "the fault memory was clean.",
    )
    readiness: dict[Text, Text] = Field(
        default_factory=dict,
        description=f"Readiness monitors: {{monitor: state}}. Monitors: {MONITORS} (else "
        f"FC-0011). States: {STATES} (else FC-0012). Monitors not sent were not read.",
        examples=[{"catalyst": "incomplete", "misfire": "complete", "egr_vvt": "not_supported"}],
    )
    service_entry_id: int | None = Field(
        None,
        description="The service entry of the same visit: a current entry of this vehicle "
        "stored by your workshop (else FC-0020).",
    )


class ReadCodeOut(Schema):
    code: str
    status: str = Field(description=f"One of: {STATUSES}.")
    in_catalogue: bool = Field(description="The catalogue describes the code for this vehicle.")
    description: str = Field(description="In the response language; empty if not in catalogue.")
    emission_relevant: bool | None = Field(description="Null when not in the catalogue.")
    mil_relevant: bool | None = Field(description="Null when not in the catalogue.")


class EmissionsTest(Schema):
    ready: bool = Field(
        description="The read-out allows an emissions test: MIL off and every supported "
        "monitor complete."
    )
    mil_on: bool
    incomplete_monitors: list[str] = Field(description="The monitors that are incomplete.")
    summary: str = Field(
        description="In words, e.g. `not ready: catalyst monitor incomplete`.",
        examples=["not ready: MIL on; catalyst monitor incomplete"],
    )


class FaultReport(Schema):
    id: int
    vin: str
    read_at: datetime
    recorded_at: datetime
    mileage_km: int
    tool_id: str
    mil_on: bool
    source: Literal["api", "form"] = Field(description="Recorded by the diagnosis tool or a form.")
    codes: list[ReadCodeOut]
    emission_relevant_codes: int = Field(description="How many read codes are emission-relevant.")
    readiness: dict[Text, Text] = Field(description="{monitor: state} as read.")
    emissions_test: EmissionsTest
    service_entry_id: int | None
    service_entry_number: str = Field(description="e.g. `SH-000123`; empty when not attached.")
