"""Price lists in BMEcat (1.2 ARTICLE or 2005 PRODUCT), read with defusedxml's SAX parser:
no document type, no entities, no external references (EPC-0022), streamed.

FORMAT
BMEcat XML. From the header: CATALOG_ID (the price list's code), CATALOG_NAME, CURRENCY (EUR)
and TERRITORY (a country code: a list for that country only; none: every country). Per
ARTICLE (or PRODUCT): SUPPLIER_AID (SUPPLIER_PID) = the part number, DESCRIPTION_SHORT, and
ARTICLE_PRICE_DETAILS (PRODUCT_PRICE_DETAILS) with DATETIME type="valid_start_date" (the
price's valid-from; the day of the import when it is missing) and an ARTICLE_PRICE
(PRODUCT_PRICE) of price_type net_list or net_customer with its PRICE_AMOUNT.

<BMECAT version="1.2"><HEADER><CATALOG><CATALOG_ID>EPC-EUR</CATALOG_ID>
  <CATALOG_NAME>Parts prices</CATALOG_NAME><CURRENCY>EUR</CURRENCY></CATALOG></HEADER>
<T_NEW_CATALOG><ARTICLE><SUPPLIER_AID>11427953129</SUPPLIER_AID>
  <ARTICLE_DETAILS><DESCRIPTION_SHORT>Oil filter element set</DESCRIPTION_SHORT></ARTICLE_DETAILS>
  <ARTICLE_PRICE_DETAILS><DATETIME type="valid_start_date"><DATE>2026-01-01</DATE></DATETIME>
    <ARTICLE_PRICE price_type="net_list"><PRICE_AMOUNT>15.10</PRICE_AMOUNT></ARTICLE_PRICE>
  </ARTICLE_PRICE_DETAILS></ARTICLE></T_NEW_CATALOG></BMECAT>

A part not yet in the catalogue is created with its DESCRIPTION_SHORT. A price already
imported with the same valid-from is updated; the same again is unchanged. A new price list
is active unless its country already has an active one (then activate it in the back office).
Rejects name the line where their ARTICLE starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser
from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation

from .. import codes, numbers
from ..models import Part, PartPrice, PriceList
from .common import BATCH_SIZE, CountingStream, ImportResult, Progress, unusable

ITEMS = {"ARTICLE", "PRODUCT"}
NET_TYPES = ("net_list", "net_customer", "nrp")


@dataclass
class Item:
    line: int
    number: str = ""
    description: str = ""
    valid_from: str = ""
    prices: dict[str, str] = field(default_factory=dict)  # price_type → amount
    currencies: set[str] = field(default_factory=set)


@dataclass
class Header:
    code: str = ""
    name: str = ""
    currency: str = ""
    territory: str = ""


class Handler(ContentHandler):
    """Collects the header and the items; hands each finished item to `on_item`."""

    def __init__(self, on_item: Callable[[Header, Item], None]) -> None:
        super().__init__()
        self.on_item = on_item
        self.header = Header()
        self.path: list[str] = []
        self.text: list[str] = []
        self.item: Item | None = None
        self.price_type = ""
        self.date_type = ""
        self.locator: Any = None
        self.last_line = 0

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 (SAX's name)
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802
        name = name.rsplit(":", 1)[-1]
        self.path.append(name)
        self.text = []
        if name in ITEMS:
            self.item = Item(line=self.locator.getLineNumber() if self.locator else 0)
        elif name in ("ARTICLE_PRICE", "PRODUCT_PRICE"):
            self.price_type = attrs.get("price_type", "")
        elif name == "DATETIME":
            self.date_type = attrs.get("type", "")

    def characters(self, content: str) -> None:
        self.text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802
        self.last_line = self.locator.getLineNumber() if self.locator else self.last_line
        name = name.rsplit(":", 1)[-1]
        value = "".join(self.text).strip()
        self.text = []
        parent = self.path[-2] if len(self.path) > 1 else ""
        item = self.item
        if item is None:
            if parent == "CATALOG":
                if name == "CATALOG_ID":
                    self.header.code = value
                elif name == "CATALOG_NAME":
                    self.header.name = value
                elif name == "CURRENCY":
                    self.header.currency = value
                elif name == "TERRITORY" and not self.header.territory:
                    self.header.territory = value
        elif name in ("SUPPLIER_AID", "SUPPLIER_PID"):
            item.number = value
        elif name == "DESCRIPTION_SHORT" and not item.description:
            item.description = value
        elif name == "DATE" and self.date_type == "valid_start_date":
            item.valid_from = value
        elif name == "PRICE_AMOUNT":
            item.prices.setdefault(self.price_type, value)
        elif name == "PRICE_CURRENCY":
            item.currencies.add(value)
        elif name in ITEMS:
            self.on_item(self.header, item)
            self.item = None
        self.path.pop()


class Prices:
    """Writes the items in batches, creating the price list at the first item."""

    def __init__(self, result: ImportResult, today: date) -> None:
        self.result = result
        self.today = today
        self.price_list: PriceList | None = None
        self.batch: list[tuple[Item, str, Decimal, date]] = []

    def _price_list(self, header: Header) -> PriceList:
        if self.price_list is not None:
            return self.price_list
        if header.currency.upper() != "EUR":
            raise unusable(
                _("The price list is in “%(currency)s”: only EUR price lists are imported.")
                % {"currency": header.currency[:10]}
            )
        if not header.code:
            raise unusable(_("The header has no CATALOG_ID to name the price list."))
        country = header.territory.upper() if len(header.territory) == 2 else ""
        price_list = PriceList.objects.filter(code=header.code[:40]).first()
        if price_list is None:
            active = not PriceList.objects.filter(country=country, active=True).exists()
            price_list = PriceList.objects.create(
                code=header.code[:40],
                name=(header.name or header.code)[:120],
                country=country,
                active=active,
            )
            if not active:
                self.result.notes.append(
                    _(
                        "The price list %(code)s was created inactive: its country already has "
                        "an active price list. Activate it in the back office."
                    )
                    % {"code": price_list.code}
                )
        self.price_list = price_list
        return price_list

    def add(self, header: Header, item: Item) -> None:
        self._price_list(header)
        number = numbers.normalize(item.number)
        if not numbers.is_valid(number):
            self.result.reject(item.line, item.number, _("No part number (SUPPLIER_AID)."))
            return
        net = next((item.prices[t] for t in NET_TYPES if t in item.prices), None)
        if net is None:
            self.result.reject(item.line, number, _("No net price (net_list or net_customer)."))
            return
        if item.currencies - {"EUR"}:
            self.result.reject(item.line, number, _("The price is not in EUR."))
            return
        try:
            amount = Decimal(net)
        except InvalidOperation:
            amount = Decimal(-1)
        if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
            self.result.reject(
                item.line, number, _("“%(value)s” is not a price.") % {"value": net[:20]}
            )
            return
        try:
            valid_from = date.fromisoformat(item.valid_from[:10]) if item.valid_from else self.today
        except ValueError:
            self.result.reject(item.line, number, _("valid_start_date is not a date YYYY-MM-DD."))
            return
        self.batch.append((item, number, amount, valid_from))
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    @transaction.atomic
    def flush(self) -> None:
        if not self.batch or self.price_list is None:
            return
        wanted = {number for _item, number, _a, _d in self.batch}
        parts = dict(Part.objects.filter(number__in=wanted).values_list("number", "id"))
        new_parts = {}
        for item, number, _a, _d in self.batch:
            if number not in parts and number not in new_parts and item.description:
                new_parts[number] = Part(number=number, description=item.description[:200])
        Part.objects.bulk_create(new_parts.values())
        if new_parts:
            parts.update(
                Part.objects.filter(number__in=list(new_parts)).values_list("number", "id")
            )
        existing = {
            (part_id, valid_from): price
            for part_id, valid_from, price in PartPrice.objects.filter(
                price_list=self.price_list, part_id__in=parts.values()
            ).values_list("part_id", "valid_from", "net_price")
        }
        new: dict[tuple[int, date], PartPrice] = {}
        changed: dict[tuple[int, date], Decimal] = {}
        for item, number, amount, valid_from in self.batch:
            part_id = parts.get(number)
            if part_id is None:
                self.result.reject(
                    item.line,
                    number,
                    _("The part is not in the catalogue and the item has no DESCRIPTION_SHORT."),
                )
                continue
            key = (part_id, valid_from)
            if key not in existing:
                new[key] = PartPrice(
                    price_list=self.price_list,
                    part_id=part_id,
                    valid_from=valid_from,
                    net_price=amount,
                )
            elif existing[key] != amount:
                changed[key] = amount
            else:
                self.result.unchanged += 1
        PartPrice.objects.bulk_create(new.values())
        for (part_id, valid_from), amount in changed.items():
            PartPrice.objects.filter(
                price_list=self.price_list, part_id=part_id, valid_from=valid_from
            ).update(net_price=amount)
        self.result.created += len(new)
        self.result.updated += len(changed)
        self.batch = []


def bmecat_import(*, stream: IO[bytes], on_progress: Progress | None = None) -> ImportResult:
    counting = CountingStream(stream)
    result = ImportResult()
    prices = Prices(result, clock.today())
    items = 0

    def on_item(header: Header, item: Item) -> None:
        nonlocal items
        prices.add(header, item)
        items += 1
        result.lines = item.line
        if on_progress is not None and items % BATCH_SIZE == 0:
            on_progress(counting.bytes_read, item.line)

    handler = Handler(on_item)
    parser = make_parser()
    parser.forbid_dtd = True  # defusedxml: a DTD, entities or an external reference raise
    parser.forbid_entities = True
    parser.forbid_external = True
    parser.setFeature(feature_namespaces, False)
    parser.setContentHandler(handler)
    try:
        parser.parse(counting)
    except DefusedXmlException:
        raise RuleViolation(
            codes.XML_FORBIDDEN,
            _(
                "The XML declares a document type, entities or external references, which are "
                "never read. Nothing was imported."
            ),
            field="file",
        ) from None
    except SAXParseException as error:
        prices.flush()
        raise unusable(
            _(
                "The XML cannot be read from line %(line)d: %(reason)s. The items before it were imported."
            )
            % {"line": error.getLineNumber(), "reason": error.getMessage()}
        ) from None
    prices.flush()
    if prices.price_list is None:
        raise unusable(_("The file holds no ARTICLE or PRODUCT: nothing was imported."))
    result.lines = handler.last_line
    return result
