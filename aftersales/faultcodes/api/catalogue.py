"""The fault-code catalogue: one code, or a search of the descriptions."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from aftersales.api.auth import require_application
from aftersales.api.common import errors
from aftersales.api.text import Text

from .. import dtc
from ..models import FaultCode
from ..selectors import (
    APPLICATION_SLUG,
    MAX_SEARCH_RESULTS,
    fault_code_lookup,
    fault_code_search,
)
from . import schemas

router = Router()

SYSTEM_NAMES = {"P": "powertrain", "B": "body", "C": "chassis", "U": "network"}


def entry_out(entry: FaultCode) -> dict:
    return {
        "brand": entry.brand,
        "description": entry.description,
        "description_da": entry.description_da,
        "description_de": entry.description_de,
        "emission_relevant": entry.emission_relevant,
        "mil_relevant": entry.mil_relevant,
        "possible_causes": entry.localized_causes("en"),
        "possible_causes_da": [c for c in entry.possible_causes_da.splitlines() if c.strip()],
        "possible_causes_de": [c for c in entry.possible_causes_de.splitlines() if c.strip()],
    }


@router.get(
    "/{code}",
    response={200: schemas.FaultCode, **errors(403, 404, 503)},
    summary="Look up a fault code",
    description="The catalogue's entries of one code: the standard's meaning and brands' "
    "meanings. The code is normalised first (`p0301`, `0301` → `P0301`); a malformed code is "
    "422 FC-0001 with the rule it breaks; a well-formed code the catalogue does not describe "
    "is 404 FC-0002.",
    operation_id="fault_code_get",
)
def fault_code_get(request: HttpRequest, code: str) -> dict:
    require_application(request, APPLICATION_SLUG)
    normalised, entries = fault_code_lookup(raw=code)
    return {
        "code": normalised,
        "system": SYSTEM_NAMES[normalised[0]],
        "scope": dtc.scope_of(normalised).value,
        "group": dtc.powertrain_group(normalised),
        "entries": [entry_out(entry) for entry in entries],
    }


class SearchQuery(Schema):
    search: Text = Field(
        "",
        description="Words of the description (English or Danish) or part of a code; every "
        "word must appear. At least one word of two characters (else FC-0008).",
        examples=["catalyst bank 1"],
    )
    limit: int = Field(50, ge=1, le=MAX_SEARCH_RESULTS, description="At most this many entries.")


@router.get(
    "",
    response={200: schemas.FaultCodeSearch, **errors(403, 503)},
    summary="Search the fault-code catalogue",
    description="Entries whose code or description holds every word, ordered by code.",
    operation_id="fault_code_search",
)
def fault_code_search_route(request: HttpRequest, query: Query[SearchQuery]) -> dict:
    require_application(request, APPLICATION_SLUG)
    language = get_language()
    entries = fault_code_search(query=query.search, limit=query.limit)
    return {
        "search": query.search,
        "count": len(entries),
        "items": [
            {
                "code": entry.code,
                "brand": entry.brand,
                "description": entry.localized_description(language),
                "scope": entry.scope,
                "emission_relevant": entry.emission_relevant,
                "mil_relevant": entry.mil_relevant,
            }
            for entry in entries
        ],
    }
