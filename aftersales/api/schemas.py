"""Request and response bodies of API v1, each field described for the OpenAPI document."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from .text import IntOrText, MultilineText, Text


class FieldError(Schema):
    field: str = Field(description="The field to blame, e.g. `mileage` or `positions.0`.")
    location: str = Field(description="Where the field is: body, query, path or header.")
    message: str = Field(description="What is wrong with it.")
    type: str = Field(description="A machine-readable error type (pydantic's), e.g. `missing`.")


class Problem(Schema):
    """RFC 9457 problem details, sent as `application/problem+json` for every error."""

    type: str = Field(description="A URI that identifies the problem type (its documentation).")
    title: str = Field(description="A short, stable, English summary of the problem type.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(
        description="What went wrong this time, in the language of Accept-Language or the "
        "user's preferred language."
    )
    instance: str = Field(description="The path of the request that failed.")
    code: str = Field(
        description="A stable code: the rule code of the service (e.g. IPL-0051, SH-0004, "
        "VIN-0002), API-xxxx for the API's own errors, ACCESS-xxxx when the user may not use "
        "the application (e.g. ACCESS-0004: a ticket is needed). Listed at /api/problems/."
    )
    field: str | None = Field(None, description="The request field to blame, when there is one.")
    errors: list[FieldError] | None = Field(
        None, description="Validation errors (API-0001): one item per field."
    )
    retry_after: int | None = Field(None, description="429 only: seconds until a retry may pass.")


# --- vehicles -----------------------------------------------------------------------------------


class VehicleOption(Schema):
    code: str = Field(description="Option code, e.g. `S2VB`.")
    description: str
    kind: Literal["factory", "retrofit"] = Field(description="Factory option or retrofit.")
    installed_on: date | None = Field(None, description="Date of the retrofit, when known.")


class CbsStatus(Schema):
    code: str = Field(description="Stable code of the CBS position, e.g. `engine_oil`.")
    name: str = Field(description="Name of the position in the response language.")
    due_date: date | None = Field(None, description="The date on which the position is due.")
    remaining_km: int | None = Field(
        None, description="Kilometres until the position is due (negative: overdue)."
    )
    level: Literal["green", "yellow", "red", ""] = Field(
        description="Traffic light: green OK, yellow due soon, red overdue, empty unknown."
    )
    service_status: str = Field(description="The status as the pages show it (translated).")


class VehicleSummary(Schema):
    vin: str = Field(description="The full vehicle identification number (17 characters).")
    model_designation: str
    series: str
    engine_type: str
    production_date: date


class Vehicle(Schema):
    vin: str = Field(description="Vehicle identification number (17 characters).")
    vin7: str = Field(description="The last 7 characters of the VIN.")
    brand: str = Field(description="Brand key from the WMI table, e.g. `bmw`, `mini`.")
    model_designation: str = Field(description="e.g. `335i`.")
    lead_model: str
    model_code: str = Field(description="Model (type key), e.g. `UV81`.")
    series: str = Field(description="e.g. `E91`.")
    engine_type: str = Field(description="e.g. `N54`.")
    color: str = Field(description="Colour code and name, e.g. `475 black-sapphire metallic`.")
    upholstery: str
    gearbox_number: str
    engine_number: str
    production_date: date
    first_registration_date: date | None
    plant_integration_level: str
    mileage_km: int = Field(description="Mileage of the central data, in km.")
    mileage_recorded_on: date | None
    number_of_keys: int
    key_system: str
    options: list[VehicleOption] = Field(description="Factory options, then retrofits.")
    cbs_status: list[CbsStatus] = Field(
        description="The CBS positions of this vehicle type with their status, in catalogue order."
    )


class VehicleLookup(Schema):
    vehicle: Vehicle | None = Field(
        description="The vehicle, when the VIN (or its unique last 7 characters) identifies one."
    )
    candidates: list[VehicleSummary] = Field(
        description="When several vehicles end in the 7 characters: the candidates (then "
        "`vehicle` is null); ask again with the full VIN."
    )
    warnings: list[str] = Field(
        description="Warnings that do not refuse, e.g. a wrong check digit on a North American VIN."
    )


class CbsPosition(Schema):
    code: str = Field(description="Stable code, used in `positions` of a service entry.")
    name: str = Field(description="Name in the response language.")
    interval_months: int | None = Field(None, description="Due again after this many months.")
    interval_km: int | None = Field(None, description="Due again after this many kilometres.")
    status: CbsStatus


class LineAmounts(Schema):
    """An order line: kind, number, quantity with unit, unit price and gross amount."""

    kind: str = Field(
        description="`SRP` standard repair package, `LAB` labour operation, `PART` part, "
        "`CAMP` technical campaign work."
    )
    type: str = Field(description="Same as `kind` (the name of API 1.0).")
    number: str = Field(description="Operation, part or campaign number, e.g. `00 00 610`.")
    description: str
    quantity: Decimal = Field(description="Quantity in `unit`. Decimal string.")
    unit: str = Field(description="`FRU` (flat-rate unit, 5 minutes), `pcs` or `l`.")
    quantity_fru: int | None = Field(
        None, description="The quantity of an FRU line (the name of API 1.0); null otherwise."
    )
    unit_price_gross: Decimal | None = Field(
        None,
        description="Price of one unit incl. VAT, rounded to the cent; null when unknown (no "
        "labour rate) or when the entry is another organisation's.",
    )
    gross_amount: Decimal | None = Field(
        None,
        description="quantity × unit price incl. VAT, rounded half up to the cent once; null "
        "when unknown or another organisation's. Decimal string.",
    )
    package_price_gross: Decimal | None = Field(
        None, description="Same as `gross_amount` (the name of API 1.0)."
    )
    reference: str = Field("", description="What the line carries out, e.g. a campaign number.")


class OrderLine(LineAmounts):
    service_status: str = Field(description="The CBS status the line belongs to (may be empty).")
    remaining: str = Field(description="Remaining time/distance as the pages show it.")
    position_code: str | None = Field(None, description="The CBS position of the line, if one.")


class OrderBase(Schema):
    vin: str
    positions: list[str] = Field(description="The position codes the order base was built for.")
    lines: list[OrderLine]
    total_fru: int = Field(description="Sum of the FRU lines' quantities (whole units).")
    total_price_gross: Decimal | None = Field(
        None, description="Sum of the lines' gross amounts; null when one is unknown."
    )


# --- service entries ----------------------------------------------------------------------------


class Workshop(Schema):
    name: str
    city: str
    country: str


class EntryPosition(Schema):
    code: str
    name: str


class EntryLine(LineAmounts):
    """A line as stored with the entry; prices only for your own organisation's entries."""

    line_no: int


class ServiceEntry(Schema):
    id: int = Field(description="Id of this version of the entry.")
    number: str = Field(description="Entry number, e.g. `SH-000123` or `SH-000123/2`.")
    vin: str
    version: int = Field(description="1 for the original; corrections count up.")
    maintenance_date: date
    mileage_km: int
    positions: list[EntryPosition]
    comment: str
    workshop: Workshop = Field(description="The organisation that stored the entry.")
    own: bool = Field(description="True when your organisation stored it (it may cancel it).")
    entered_at: datetime
    entered_by: str | None = Field(
        None, description="E-mail of the user who stored it; only for your own organisation."
    )
    status: Literal["active", "cancelled", "superseded"]
    cancelled_at: datetime | None = None
    cancellation_reason: str = Field("", description="Why it was cancelled, when it was.")
    transferred_at: datetime | None = Field(
        None, description="When the diagnosis tool wrote it into the vehicle; null: not yet."
    )
    transfer_tool_id: str = Field(
        "", description="The tool session that transferred it: tool, version and session id."
    )
    transfer_pending: bool = Field(
        description="True while an active entry has not been transferred to the vehicle."
    )


class EntryControlUnit(Schema):
    """A control unit programmed at the entry's visit (Programming)."""

    control_unit: str
    software_before: str
    software_after: str = Field(description="Empty when programming failed before writing.")
    success: bool
    message: str
    recorded_at: datetime
    tool: str = Field(description="The programming tool and its version, e.g. `ISTA/P 3.73.2`.")


class ServiceEntryDetail(ServiceEntry):
    lines: list[EntryLine] = Field(description="The order base as stored with the entry.")
    control_units: list[EntryControlUnit] = Field(
        default_factory=list,
        description="The control units programmed at the same visit (same workshop and "
        "vehicle, on the maintenance date or the day the entry was stored); on the entry's "
        "current version only, empty without Programming.",
    )


class ServiceHistoryPage(Schema):
    vin: str
    count: int = Field(description="Number of entries (all pages).")
    page: int
    page_size: int
    pages: int
    items: list[ServiceEntry] = Field(description="Newest first; corrections follow each other.")


class OrderItem(Schema):
    """A line of another application carried out with the entry."""

    kind: Literal["CAMP", "PART", "LAB"] = Field(
        description="`CAMP`: a technical campaign (its labour and parts lines are added); "
        "`PART`: a part of the Electronic Parts Catalogue (a replaced number is stored as its "
        "current successor, priced from the price list in force); `LAB`: a labour operation "
        "valid for the vehicle, or a service package of Commercial Service Data (its "
        "operations, parts and fluids; see GET /vehicles/{vin}/labour-operations and "
        "/vehicles/{vin}/service-packages)."
    )
    number: Text = Field(
        max_length=30,
        description="The campaign number (see GET /vehicles/{vin}/campaigns), the part "
        "number (see GET /parts/{number}; spaces do not matter), or the operation or package "
        "number.",
        examples=["0061270300", "11 42 7 953 129", "11 00 050", "SP-OIL-N54"],
    )
    quantity: Decimal | None = Field(
        None,
        gt=0,
        le=999,
        decimal_places=2,
        description="For parts: how many (pieces or litres); for labour operations: how many "
        "times it is done. Default 1. Decimal string.",
        examples=["2"],
    )


class ServiceEntryCreate(Schema):
    mileage: IntOrText = Field(
        description="Mileage in kilometres, only the digits 0-9 (else IPL-0051).",
        examples=["129500"],
    )
    maintenance_date: Text = Field(
        description="Date of the service, ISO format YYYY-MM-DD (SH-0010/11/12).",
        examples=["2026-01-15"],
    )
    positions: list[Text] = Field(
        description="Codes of the CBS positions done (see /cbs-positions); at least one "
        "unless `items` names work of another application (SH-0020).",
        examples=[["engine_oil", "vehicle_check"]],
    )
    items: list[OrderItem] = Field(
        default_factory=list,
        max_length=20,
        description="Work of other applications carried out with this entry, e.g. "
        '`{"kind": "CAMP", "number": "0061270300"}` for an open technical campaign: its '
        "labour and parts lines are stored with the entry and the campaign is marked done "
        "for the vehicle (TC-0002 already done, TC-0003 not applicable, SH-0080 unknown); "
        '`{"kind": "LAB", "number": "11 00 050", "quantity": "1.5"}` for a labour operation '
        "or a service package valid for the vehicle, priced at your labour rate (SH-0080 "
        "when the number is unknown or not valid for the vehicle).",
    )
    comment: MultilineText = Field("", description="Free text, at most 2,000 characters.")
    consent: bool = Field(
        description="The workshop confirms the vehicle owner's or driver's declaration of "
        "consent to data storage. Must be true; nothing is stored otherwise (SH-0030)."
    )
    confirm_mileage_jump: bool = Field(
        False,
        description="Set true to store a mileage the plausibility check refused (SH-0004) "
        "when you know it is right.",
    )


class ServiceEntryCorrect(Schema):
    positions: list[Text] = Field(
        description="The corrected set of CBS position codes (at least one); mileage and date "
        "cannot be corrected.",
        examples=[["engine_oil", "microfilter"]],
    )
    comment: MultilineText = Field(
        "", description="The corrected comment, at most 2,000 characters."
    )


class ServiceEntryCancel(Schema):
    reason: MultilineText = Field(description="Why the entry is cancelled (required, SH-0054).")


class TransferConfirm(Schema):
    transferred_at: datetime = Field(
        description="When the tool wrote the entry into the vehicle (ISO 8601 with time zone)."
    )
    tool_id: Text = Field(
        "",
        description="Ignored: the tool session of the token names the tool, its version and "
        "the session (kept for older tools).",
        max_length=100,
    )


# --- the caller ---------------------------------------------------------------------------------


class Me(Schema):
    email: str
    full_name: str
    language: str
    organisation: Workshop | None
    token_name: str = Field(description="The name of the token used for this request.")
    token_scope: Literal["read", "write"]


class Ticket(Schema):
    id: int
    product: str = Field(description="The ticket product's name in the response language.")
    applications: list[str] = Field(description="Slugs of the applications the ticket opens.")
    starts_at: datetime
    ends_at: datetime
    price_credits: int
    status: Literal["active", "upcoming", "expired"]


class Tickets(Schema):
    active: list[Ticket]
    upcoming: list[Ticket]
    expired: list[Ticket] = Field(description="The latest expired or cancelled tickets.")


class Credit(Schema):
    balance: int = Field(description="The organisation's balance in credits (1 credit = 1 EUR).")
    currency: Literal["credits"] = "credits"
