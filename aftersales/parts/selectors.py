"""Reads of the catalogue for one vehicle, shared by the workshop's pages, the API and the order
lines. Each function runs a fixed number of queries, whatever the size of the catalogue
(tests/parts/test_query_counts.py):

- vehicle_tree: 3 (the vehicle's options, the illustrations with valid rows, their subgroups)
- subgroup_for_vehicle: 4; illustration_for_vehicle: 5 + prices_in_force (1)
- part_search: 3-4; part_get + supersession_family: 2
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from aftersales.accounts.models import Organisation
from aftersales.accounts.vat import vat_rate
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle, VehicleOption

from . import codes, numbers
from .models import Hotspot, Illustration, MainGroup, Part, PartPrice, PartUsage, SubGroup
from .validity import option_rule_matches, usage_filter, vehicle_option_codes

APPLICATION_SLUG = "electronic-parts-catalogue"
MAX_RESULTS = 50
MAX_QUERY = 60


def vehicle_options_of(*, vehicle: Vehicle) -> frozenset[str]:
    """The option codes of the vehicle (factory options and retrofits)."""
    return vehicle_option_codes(
        VehicleOption.objects.filter(vehicle=vehicle).values_list("code", flat=True)
    )


def _not_found() -> RuleViolation:
    return RuleViolation(
        codes.GROUP_NOT_FOUND, _("This group has no parts for this vehicle."), field="group"
    )


# --- prices --------------------------------------------------------------------------------


def prices_in_force(
    *, part_ids: Iterable[int], organisation: Organisation | None, today: date
) -> dict[int, Decimal]:
    """The net price of each part on `today`: from the active price list of the workshop's
    country when it prices the part, else from the active list for every country; the price
    with the latest valid-from up to today. One query (parts_price_unique)."""
    ids = set(part_ids)
    if not ids:
        return {}
    country = organisation.country if organisation is not None else ""
    rows = (
        PartPrice.objects.filter(
            part_id__in=ids,
            valid_from__lte=today,
            price_list__active=True,
            price_list__country__in=sorted({country, ""}),
        )
        .order_by("part_id", "-valid_from")
        .values_list("part_id", "price_list__country", "net_price")
    )
    own: dict[int, Decimal] = {}
    general: dict[int, Decimal] = {}
    for part_id, list_country, net in rows:
        target = own if list_country and list_country == country else general
        target.setdefault(part_id, net)
    return {**general, **own}


def gross_of(net: Decimal | None, organisation: Organisation | None) -> Decimal | None:
    """Net + the VAT of the workshop's country, exact (a line's amount is rounded once)."""
    if net is None or organisation is None:
        return None
    return net * (1 + vat_rate(organisation.country) / 100)


# --- the tree ------------------------------------------------------------------------------


@dataclass
class TreeMainGroup:
    main_group: MainGroup
    subgroups: list[SubGroup] = field(default_factory=list)


def _valid_ids(rows: Iterable[tuple[int, str]], options: frozenset[str]) -> set[int]:
    """The ids whose rows include one whose option rule the vehicle meets."""
    return {key for key, rule in rows if option_rule_matches(rule, options)}


def vehicle_tree(*, vehicle: Vehicle) -> list[TreeMainGroup]:
    """Main groups → subgroups that hold at least one parts row valid for the vehicle."""
    options = vehicle_options_of(vehicle=vehicle)
    # An index-only scan of parts_usage_vehicle_idx; the distinct (illustration, option rule)
    # pairs of one vehicle are a few hundred, however many rows they come from.
    pairs = (
        PartUsage.objects.filter(usage_filter(vehicle))
        .values_list("illustration_id", "options")
        .order_by()  # no default ordering: it would join into the DISTINCT
        .distinct()
    )
    ids = _valid_ids(pairs, options)
    tree: dict[int, TreeMainGroup] = {}
    for subgroup in (
        SubGroup.objects.filter(illustrations__in=ids)
        .select_related("main_group")
        .order_by("main_group__number", "number")
        .distinct()
    ):
        entry = tree.setdefault(subgroup.main_group_id, TreeMainGroup(subgroup.main_group))
        entry.subgroups.append(subgroup)
    return list(tree.values())


@dataclass
class SubgroupView:
    subgroup: SubGroup
    illustrations: list[Illustration]


def subgroup_for_vehicle(*, vehicle: Vehicle, subgroup_id: int) -> SubgroupView:
    """A subgroup with its illustrations that hold rows valid for the vehicle; the scoping
    helper of subgroups: an unknown one, or one without parts for this vehicle, is EPC-0002."""
    subgroup = SubGroup.objects.select_related("main_group").filter(pk=subgroup_id).first()
    if subgroup is None:
        raise _not_found()
    options = vehicle_options_of(vehicle=vehicle)
    pairs = (
        PartUsage.objects.filter(usage_filter(vehicle), illustration__subgroup=subgroup)
        .values_list("illustration_id", "options")
        .order_by()
        .distinct()
    )
    ids = _valid_ids(pairs, options)
    if not ids:
        raise _not_found()
    illustrations = list(Illustration.objects.filter(id__in=ids).order_by("number"))
    return SubgroupView(subgroup=subgroup, illustrations=illustrations)


@dataclass
class RowView:
    usage: PartUsage
    part: Part
    net_price: Decimal | None
    gross_price: Decimal | None

    @property
    def successor(self) -> Part | None:
        return self.part.successor if self.part.is_superseded else None

    @property
    def orderable(self) -> Part:
        """What goes on the order: the end of the supersession chain."""
        return self.successor or self.part


@dataclass
class IllustrationView:
    illustration: Illustration
    rows: list[RowView]
    hotspots: list[Hotspot]

    @property
    def positions(self) -> set[str]:
        return {row.usage.position for row in self.rows}


def _row_views(
    usages: list[PartUsage], *, organisation: Organisation | None, today: date
) -> list[RowView]:
    parts = {u.part_id: u.part for u in usages}
    orderable = {p.successor_id or p.pk for p in parts.values()}
    net = prices_in_force(part_ids=orderable, organisation=organisation, today=today)
    views = []
    for usage in usages:
        part = usage.part
        price = net.get(part.successor_id or part.pk)
        views.append(RowView(usage, part, price, gross_of(price, organisation)))
    return views


def illustration_for_vehicle(
    *,
    vehicle: Vehicle,
    illustration_id: int,
    organisation: Organisation | None,
    today: date,
) -> IllustrationView:
    """An illustration with its hotspots and the rows valid for the vehicle (options too),
    priced for the workshop; the scoping helper of illustrations (EPC-0002)."""
    illustration = (
        Illustration.objects.select_related("subgroup__main_group")
        .filter(pk=illustration_id)
        .first()
    )
    if illustration is None:
        raise _not_found()
    options = vehicle_options_of(vehicle=vehicle)
    usages = [
        usage
        for usage in PartUsage.objects.filter(usage_filter(vehicle), illustration=illustration)
        .select_related("part__successor")
        .order_by("sort", "position", "id")
        if option_rule_matches(usage.options, options)
    ]
    if not usages:
        raise _not_found()
    hotspots = list(Hotspot.objects.filter(illustration=illustration).order_by("position"))
    return IllustrationView(
        illustration=illustration,
        rows=_row_views(usages, organisation=organisation, today=today),
        hotspots=hotspots,
    )


def main_group_for_vehicle(
    *, vehicle: Vehicle, main_group_id: int, organisation: Organisation | None, today: date
) -> tuple[MainGroup, list[tuple[SubGroup, list[IllustrationView]]]]:
    """A main group with every subgroup, illustration and row valid for the vehicle (the API's
    group detail); 5 queries whatever its size (EPC-0002 when it has none)."""
    main_group = MainGroup.objects.filter(pk=main_group_id).first()
    if main_group is None:
        raise _not_found()
    options = vehicle_options_of(vehicle=vehicle)
    usages = [
        usage
        for usage in PartUsage.objects.filter(
            usage_filter(vehicle), illustration__subgroup__main_group=main_group
        )
        .select_related("part__successor", "illustration__subgroup")
        .order_by("illustration__subgroup__number", "illustration__number", "sort", "id")
        if option_rule_matches(usage.options, options)
    ]
    if not usages:
        raise _not_found()
    views = _row_views(usages, organisation=organisation, today=today)
    hotspots: dict[int, list[Hotspot]] = {}
    for hotspot in Hotspot.objects.filter(
        illustration_id__in={u.illustration_id for u in usages}
    ).order_by("position"):
        hotspots.setdefault(hotspot.illustration_id, []).append(hotspot)
    grouped: dict[int, tuple[SubGroup, dict[int, IllustrationView]]] = {}
    for view in views:
        illustration = view.usage.illustration
        subgroup = illustration.subgroup
        _sg, by_illustration = grouped.setdefault(subgroup.pk, (subgroup, {}))
        by_illustration.setdefault(
            illustration.pk,
            IllustrationView(illustration, [], hotspots.get(illustration.pk, [])),
        ).rows.append(view)
    return main_group, [(sg, list(ills.values())) for sg, ills in grouped.values()]


# --- parts and search ------------------------------------------------------------------------


def part_get(*, number: str) -> Part:
    """The part with this number (spaces do not matter), or EPC-0001: the scoping helper of
    parts (the catalogue is the same for every workshop)."""
    part = Part.objects.select_related("successor").filter(number=numbers.normalize(number)).first()
    if part is None:
        raise RuleViolation(
            codes.PART_NOT_FOUND,
            _("There is no part with the number %(number)s.") % {"number": number.strip()[:30]},
            field="number",
        )
    return part


@dataclass
class SupersessionFamily:
    chain: list[Part]  # the part, what replaced it, ..., the current part (the last)
    replaces: list[Part]  # earlier numbers that this part replaces (directly or not)


def supersession_family(*, part: Part) -> SupersessionFamily:
    """The part's chain to its current successor and the numbers it replaced: one query, the
    whole family shares the same end (Part.successor)."""
    end_id = part.successor_id or part.pk
    family = {
        p.pk: p for p in Part.objects.filter(Q(pk=end_id) | Q(successor_id=end_id)).order_by("pk")
    }
    family[part.pk] = part
    chain = [part]
    seen = {part.pk}
    current = part
    while current.replaced_by_id and current.replaced_by_id in family:
        current = family[current.replaced_by_id]
        if current.pk in seen:  # cannot happen (services refuse cycles); never loop
            break
        seen.add(current.pk)
        chain.append(current)

    def leads_to_part(candidate: Part) -> bool:
        steps = 0
        while candidate.replaced_by_id and steps <= len(family):
            if candidate.replaced_by_id == part.pk:
                return True
            candidate = family.get(candidate.replaced_by_id, candidate)
            steps += 1
        return False

    replaces = [p for p in family.values() if p.pk != part.pk and leads_to_part(p)]
    return SupersessionFamily(chain=chain, replaces=sorted(replaces, key=lambda p: p.number))


@dataclass
class SearchHit:
    part: Part
    net_price: Decimal | None
    gross_price: Decimal | None
    usages: list[PartUsage]  # where it is used on this vehicle

    @property
    def orderable(self) -> Part:
        return self.part.successor if self.part.is_superseded and self.part.successor else self.part


@dataclass
class SearchResult:
    query: str
    by_number: bool
    hits: list[SearchHit]
    more: bool = False


def search_words(query: str) -> list[str]:
    words = [word for word in query.split() if word]
    if (
        not words
        or len(query) > MAX_QUERY
        or any(len(word) < 2 for word in words)
        or len(words) > 5
    ):
        raise RuleViolation(
            codes.SEARCH_INVALID,
            _(
                "Enter a part number (spaces do not matter) or words of at least 2 letters, "
                "at most 60 characters."
            ),
            field="q",
        )
    return words


def part_search(
    *, vehicle: Vehicle, query: str, organisation: Organisation | None, today: date
) -> SearchResult:
    """A part number (with or without spaces; the start of one finds every number starting
    so; an old number shows its successor) or words of the description (English or Danish)
    among the parts valid for the vehicle. At most MAX_RESULTS parts."""
    query = " ".join(query.split())
    by_number = numbers.looks_like_number(query) and len(query) <= MAX_QUERY
    words = [] if by_number else search_words(query)
    options = vehicle_options_of(vehicle=vehicle)
    if by_number:
        compact = numbers.normalize(query)
        # Uses the unique index on number (and, on PostgreSQL, its varchar_pattern_ops twin).
        parts = list(
            Part.objects.filter(number__startswith=compact)
            .select_related("successor")
            .order_by("number")[: MAX_RESULTS + 1]
        )
        usage_rows = (
            PartUsage.objects.filter(usage_filter(vehicle))
            .filter(
                Q(part__in=parts) | Q(part_id__in=[p.successor_id for p in parts if p.successor_id])
            )
            .select_related("illustration")
        )
    else:
        text = Q()
        for word in words:
            text &= (
                Q(part__description__icontains=word)
                | Q(part__description_da__icontains=word)
                | Q(part__description_de__icontains=word)
            )
        usage_rows = (
            PartUsage.objects.filter(usage_filter(vehicle))
            .filter(text)
            .select_related("illustration", "part__successor")
            .order_by("part__number", "illustration__number")
        )
        parts = []
    usages: dict[int, list[PartUsage]] = {}
    found: dict[int, Part] = {}
    for usage in usage_rows[: MAX_RESULTS * 20]:
        if not option_rule_matches(usage.options, options):
            continue
        usages.setdefault(usage.part_id, []).append(usage)
        if not by_number:
            found.setdefault(usage.part_id, usage.part)
    if not by_number:
        parts = list(found.values())[: MAX_RESULTS + 1]
    more = len(parts) > MAX_RESULTS
    parts = parts[:MAX_RESULTS]
    net = prices_in_force(
        part_ids={p.successor_id or p.pk for p in parts}, organisation=organisation, today=today
    )
    hits = []
    for part in parts:
        price = net.get(part.successor_id or part.pk)
        where = usages.get(part.pk, []) + (
            usages.get(part.successor_id, []) if part.successor_id else []
        )
        hits.append(SearchHit(part, price, gross_of(price, organisation), where))
    return SearchResult(query=query, by_number=by_number, hits=hits, more=more)


def parts_by_number(numbers_: Iterable[str]) -> dict[str, Part]:
    """Parts by their (normalised) numbers, with their current successor: one query."""
    wanted = {numbers.normalize(n) for n in numbers_}
    return {p.number: p for p in Part.objects.filter(number__in=wanted).select_related("successor")}
