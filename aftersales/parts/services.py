"""Writes of the parts catalogue (the back office, the imports and the demo call them)."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes, numbers
from .images import check_illustration
from .models import Illustration, Part, PriceList


def _part(number: str, *, field: str) -> Part:
    part = Part.objects.filter(number=numbers.normalize(number)).first()
    if part is None:
        raise RuleViolation(
            codes.SUPERSESSION_INVALID,
            _("There is no part with the number %(number)s.") % {"number": number.strip()[:30]},
            field=field,
        )
    return part


def _family_ids(part: Part) -> set[int]:
    """The part and every part whose chain runs through it (its predecessors), read level by
    level: a write path, bounded by the length of the chains."""
    ids, frontier = {part.pk}, {part.pk}
    while frontier:
        frontier = set(
            Part.objects.filter(replaced_by_id__in=frontier).values_list("pk", flat=True)
        )
        frontier -= ids
        ids |= frontier
    return ids


def supersession_check(*, old_number: str, new_number: str) -> tuple[Part, Part]:
    """The two parts of a supersession old → new, or the refusal: unknown numbers or the same
    part (EPC-0011), a cycle (EPC-0010). Writes nothing (the back office's form asks first)."""
    old = _part(old_number, field="old_number")
    new = _part(new_number, field="new_number")
    if old.pk == new.pk:
        raise RuleViolation(
            codes.SUPERSESSION_INVALID,
            _("A part cannot replace itself (%(number)s).") % {"number": old.display_number},
            field="new_number",
        )
    if old.pk in _chain_ids(new):
        raise RuleViolation(
            codes.SUPERSESSION_CYCLE,
            _(
                "%(new)s is already replaced by %(old)s (directly or through a chain): "
                "%(old)s cannot be replaced by %(new)s."
            )
            % {"old": old.display_number, "new": new.display_number},
            field="new_number",
        )
    return old, new


@transaction.atomic
def supersession_set(*, old_number: str, new_number: str, replaced_on: date | None = None) -> Part:
    """Old number → new number. The chain is resolved at once: the old part and every part it
    already replaced now point at the end of the new part's chain (Part.successor). A
    supersession that would close a cycle is refused (EPC-0010); setting it again with the same
    numbers changes nothing."""
    old, new = _part(old_number, field="old_number"), _part(new_number, field="new_number")
    # Lock both rows (in id order) so that two imports cannot build a cycle between them, then
    # check on the locked state.
    list(Part.objects.select_for_update().filter(pk__in=[old.pk, new.pk]).order_by("pk"))
    old, new = supersession_check(old_number=old_number, new_number=new_number)
    if old.replaced_by_id == new.pk and old.replaced_on == replaced_on:
        return old
    end_id = new.successor_id or new.pk
    old.replaced_by, old.replaced_on, old.successor_id = new, replaced_on, end_id
    old.save(update_fields=["replaced_by", "replaced_on", "successor"])
    Part.objects.filter(pk__in=_family_ids(old) - {old.pk}).update(successor_id=end_id)
    return old


def _chain_ids(part: Part) -> set[int]:
    """The parts after this one in its chain (bounded: chains are acyclic)."""
    ids: set[int] = set()
    current = part
    while current.replaced_by_id and current.replaced_by_id not in ids:
        ids.add(current.replaced_by_id)
        nxt = Part.objects.filter(pk=current.replaced_by_id).first()
        if nxt is None:
            break
        current = nxt
    return ids


@transaction.atomic
def supersession_clear(*, number: str) -> Part:
    """The part is no longer replaced: it and its predecessors end with it again."""
    part = _part(number, field="old_number")
    if part.replaced_by_id is None:
        return part
    part.replaced_by, part.replaced_on, part.successor = None, None, None
    part.save(update_fields=["replaced_by", "replaced_on", "successor"])
    Part.objects.filter(pk__in=_family_ids(part) - {part.pk}).update(successor_id=part.pk)
    return part


@transaction.atomic
def illustration_image_set(*, illustration: Illustration, content: bytes, name: str) -> None:
    """Stores an uploaded drawing after its check (EPC-0030 unsafe SVG, EPC-0031 format); the
    hotspots keep their coordinates."""
    checked = check_illustration(content, name=name)
    old_name = illustration.image.name if illustration.image else ""
    filename = f"{illustration.number}.{checked.image_type}".replace("/", "_")
    illustration.image.save(filename, ContentFile(checked.content), save=False)
    illustration.image_type = checked.image_type
    illustration.width, illustration.height = checked.width, checked.height
    illustration.save(update_fields=["image", "image_type", "width", "height"])
    if old_name and old_name != illustration.image.name:
        illustration.image.storage.delete(old_name)


@transaction.atomic
def price_list_activate(*, price_list: PriceList) -> PriceList:
    """Makes the list the one in force for its country (or for every country): the list that
    was active there before is deactivated."""
    PriceList.objects.filter(country=price_list.country, active=True).exclude(
        pk=price_list.pk
    ).update(active=False)
    if not price_list.active:
        price_list.active = True
        price_list.save(update_fields=["active"])
    return price_list
