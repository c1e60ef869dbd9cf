"""The rules of a document's data, its links and the numbers a search or a text names; one place
for the back office, the manifest import, the services and the search alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleBrand

from . import codes
from .models import DocumentKind, DocumentLanguage, LinkKind

NUMBER_RE = re.compile(r"^[A-Z0-9][A-Z0-9 ./\-]{1,29}$")
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,19}$")
CODE_RE = re.compile(r"^[A-Z0-9]{1,10}$")  # series, model code, engine type, option code
MAX_TITLE = 300
MAX_QUERY = 200

# The forms numbers are written in. A text must write them as printed (groups with spaces,
# a fault code in capitals); a search may type them without spaces or in lower case.
FAULT_CODE_TEXT = re.compile(r"\b([PBCU][0-3][0-9A-F]{3})\b")
# Not after a letter and a space: "RA 11 42 050" is a document's own number.
PART_TEXT = re.compile(r"(?<![\d.])(?<![A-Z] )(\d{2} \d{2} \d \d{3} \d{3})(?!\d|[.,]\d)")
OPERATION_TEXT = re.compile(r"(?<![\d.])(?<![A-Z] )(\d{2} \d{2} \d{3})(?!\d|[.,]\d| \d)")
FAULT_CODE_TYPED = re.compile(r"(?<![\w])([PBCU][0-3][0-9A-F]{3})(?![\w])", re.IGNORECASE)
PART_TYPED = re.compile(r"(?<![\d])(\d{2}[ .]?\d{2}[ .]?\d[ .]?\d{3}[ .]?\d{3})(?![\d])")
OPERATION_TYPED = re.compile(r"(?<![\d])(\d{2}[ .]?\d{2}[ .]?\d{3})(?![\d])")
CAMPAIGN_TYPED = re.compile(r"(?<![\w])(\d{10}|\d{2}V\d{6})(?![\w])", re.IGNORECASE)


def invalid(message: str, field: str) -> RuleViolation:
    return RuleViolation(codes.FIELD_INVALID, message, field=field)


def key_of(raw: str) -> str:
    """The compared form of a number or code: "11 42 7 953 129", "11427953129" and
    "11.42-7953129" are one (the same as Commercial Service Data and the parts catalogue)."""
    return re.sub(r"[\s\-./]", "", raw or "").upper()


def number_clean(raw: str) -> str:
    number = " ".join((raw or "").split()).upper()
    if not NUMBER_RE.match(number):
        raise invalid(
            _(
                "The document number must have 2 to 30 characters: letters, digits, spaces and "
                ". / - (e.g. “RA 11 42 050”)."
            ),
            "number",
        )
    return number


def title_clean(raw: str) -> str:
    title = " ".join((raw or "").split())
    if not title:
        raise invalid(_("Please enter the title."), "title")
    if len(title) > MAX_TITLE:
        raise invalid(
            _("The title may have at most %(max)d characters.") % {"max": MAX_TITLE}, "title"
        )
    return title


def kind_clean(raw: str) -> str:
    value = (raw or "").strip().lower()
    if value not in DocumentKind.values:
        raise invalid(
            _("The kind must be one of: %(kinds)s.") % {"kinds": ", ".join(DocumentKind.values)},
            "kind",
        )
    return value


def language_clean(raw: str) -> str:
    value = (raw or "").strip().lower()
    if value not in DocumentLanguage.values:
        raise invalid(
            _("The language must be one of: %(languages)s.")
            % {"languages": ", ".join(DocumentLanguage.values)},
            "language",
        )
    return value


def version_clean(raw: str) -> str:
    version = (raw or "").strip()
    if not VERSION_RE.match(version):
        raise invalid(
            _(
                "The version must have 1 to 20 characters: letters, digits, dots and dashes "
                "(e.g. “3” or “2024-02”)."
            ),
            "version",
        )
    return version


def date_clean(raw: str | date | None, field: str, *, required: bool = False) -> date | None:
    if isinstance(raw, date):
        return raw
    text = (raw or "").strip()
    if not text:
        if required:
            raise invalid(_("Please enter the date (YYYY-MM-DD)."), field)
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise invalid(
            _("“%(value)s” is not a date in the ISO format YYYY-MM-DD.") % {"value": text[:20]},
            field,
        ) from None


def codes_clean(raw: str | list[str], field: str) -> list[str]:
    """A list of series, model codes, engines or options: "E90|E91" or "E90 E91" or a list."""
    items = raw if isinstance(raw, list) else re.split(r"[|,;\s]+", raw or "")
    values = []
    for item in items:
        value = item.strip().upper()
        if not value:
            continue
        if not CODE_RE.match(value):
            raise invalid(
                _("“%(value)s” is not a code (letters and digits, at most 10).")
                % {"value": value[:20]},
                field,
            )
        if value not in values:
            values.append(value)
    return values


def brand_clean(raw: str) -> str:
    value = (raw or "").strip().lower().replace(" ", "_").replace("-", "_")
    if value and value not in VehicleBrand.values:
        raise invalid(
            _("The brand must be one of: %(brands)s.") % {"brands": ", ".join(VehicleBrand.values)},
            "brand",
        )
    return value


@dataclass(frozen=True)
class Validity:
    """One row of validity (see DocumentValidity); empty criteria match every vehicle."""

    brand: str = ""
    series: str = ""
    model_code: str = ""
    engine_type: str = ""
    produced_from: date | None = None
    produced_to: date | None = None
    option_code: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Validity()


# A manifest line or a form that lists 5 series x 6 engines x 4 options gives 120 rows.
MAX_VALIDITY_ROWS = 200


def validity_rows(
    *,
    brand: str = "",
    series: list[str] | None = None,
    model_codes: list[str] | None = None,
    engines: list[str] | None = None,
    options: list[str] | None = None,
    produced_from: date | None = None,
    produced_to: date | None = None,
) -> list[Validity]:
    """Lists of criteria as rows: every listed series with every listed engine (and model code
    and option). Nothing given: no rows, the document is valid for every vehicle."""
    if produced_from and produced_to and produced_to < produced_from:
        raise invalid(_("“Produced until” lies before “produced from”."), "produced_to")
    rows = [
        Validity(brand, s, m, e, produced_from, produced_to, o)
        for s in series or [""]
        for m in model_codes or [""]
        for e in engines or [""]
        for o in options or [""]
    ]
    if len(rows) > MAX_VALIDITY_ROWS:
        raise invalid(
            _(
                "These lists make %(count)d validity rows; at most %(max)d. Split the document's "
                "validity in the back office."
            )
            % {"count": len(rows), "max": MAX_VALIDITY_ROWS},
            "series",
        )
    return [row for row in rows if not row.is_empty]


@dataclass(frozen=True)
class Link:
    kind: str
    key: str
    label: str


_LINK_FORMATS = {
    LinkKind.FAULT_CODE: re.compile(r"^[PBCU][0-3][0-9A-F]{3}$"),
    LinkKind.CAMPAIGN: re.compile(r"^[A-Z0-9]{4,20}$"),
    LinkKind.LABOUR_OPERATION: re.compile(r"^[A-Z0-9]{5,20}$"),
    LinkKind.PART: re.compile(r"^[A-Z0-9]{5,20}$"),
    LinkKind.TOOL: re.compile(r"^[A-Z0-9]{2,30}$"),
}


def link_clean(kind: str, raw: str, field: str = "links") -> Link:
    """A link as stored: its key (compared form) and its label (as written, tidied)."""
    if kind not in LinkKind.values:
        raise invalid(_("Unknown link kind “%(kind)s”.") % {"kind": kind[:20]}, "links")
    label = " ".join((raw or "").split()).upper()
    key = key_of(label)
    if not _LINK_FORMATS[LinkKind(kind)].match(key):
        raise invalid(
            _("“%(value)s” is not a valid %(kind)s.")
            % {"value": label[:40], "kind": LinkKind(kind).label.lower()},
            field,
        )
    return Link(kind, key, label[:40])


def links_clean(kind: str, raw: str | list[str], field: str = "links") -> list[Link]:
    """A list of one kind's numbers: "P0420|P0430" (a `|` or `;` between them; spaces belong
    to a number such as "11 42 7 953 129")."""
    items = raw if isinstance(raw, list) else re.split(r"[|;,]", raw or "")
    links: dict[str, Link] = {}
    for item in items:
        if item.strip():
            link = link_clean(kind, item, field)
            links.setdefault(link.key, link)
    return list(links.values())


def links_in_text(text: str) -> list[Link]:
    """The fault codes, part numbers and labour operations a document's text names as printed
    (fault codes in capitals, part numbers 2-2-1-3-3, operations 2-2-3 with spaces)."""
    found: dict[tuple[str, str], Link] = {}
    parts_spans: list[tuple[int, int]] = []
    for match in PART_TEXT.finditer(text):
        parts_spans.append(match.span())
        link = Link(LinkKind.PART, key_of(match.group(1)), match.group(1))
        found.setdefault((link.kind, link.key), link)
    for match in OPERATION_TEXT.finditer(text):
        if any(start <= match.start() < end for start, end in parts_spans):
            continue
        link = Link(LinkKind.LABOUR_OPERATION, key_of(match.group(1)), match.group(1))
        found.setdefault((link.kind, link.key), link)
    for match in FAULT_CODE_TEXT.finditer(text):
        link = Link(LinkKind.FAULT_CODE, match.group(1), match.group(1))
        found.setdefault((link.kind, link.key), link)
    return list(found.values())


def duplicate_line(line: int) -> RuleViolation:
    return invalid(_("The same number and version as line %(line)d.") % {"line": line}, "version")


@dataclass(frozen=True)
class ParsedQuery:
    words: str  # what is left for the full-text search
    keys: list[str]  # typed numbers and codes, compared form
    labels: list[str]  # the same, as typed (tidied), to show


def query_parse(raw: str) -> ParsedQuery:
    """Splits a search into the numbers and codes it names (part numbers, labour operations,
    fault codes, campaign numbers) and the words around them. IR-0002 if it is too long."""
    text = " ".join((raw or "").split())
    if len(text) > MAX_QUERY:
        raise RuleViolation(
            codes.QUERY_INVALID,
            _("Please search with at most %(max)d characters.") % {"max": MAX_QUERY},
            field="search",
        )
    keys: list[str] = []
    labels: list[str] = []
    for pattern in (PART_TYPED, CAMPAIGN_TYPED, OPERATION_TYPED, FAULT_CODE_TYPED):

        def take(match: re.Match[str]) -> str:
            key = key_of(match.group(1))
            if key not in keys:
                keys.append(key)
                labels.append(match.group(1).upper())
            return " "

        text = pattern.sub(take, text)
    return ParsedQuery(words=" ".join(text.split()), keys=keys, labels=labels)
