"""Electronic Parts Catalogue: main groups → subgroups → illustrations with numbered hotspots →
parts rows (position, part, quantity, validity), parts with their supersessions, price lists.

The catalogue is the operator's data, the same for every workshop: it is imported (imports/)
and edited in the back office, and read by the workshop's pages and the API (selectors.py).
Part numbers are stored without spaces (numbers.py); every validity column left empty means
"every vehicle" (validity.py).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales.portal.imports import ImportJob
from aftersales.portal.languages import Localized

from . import numbers
from .validity import validity_key


class MainGroup(Localized, models.Model):
    number = models.CharField(_("main group"), max_length=4, unique=True, help_text=_('e.g. "11"'))
    name = models.CharField(_("name"), max_length=120)
    name_da = models.CharField(_("name (Danish)"), max_length=120, blank=True)
    name_de = models.CharField(
        _("name (German)"), max_length=120, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("main group")
        verbose_name_plural = _("main groups")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class SubGroup(Localized, models.Model):
    main_group = models.ForeignKey(
        MainGroup,
        on_delete=models.PROTECT,
        related_name="subgroups",
        verbose_name=_("main group"),
        db_index=False,  # the unique constraint (main_group, number) serves it
    )
    number = models.CharField(_("subgroup"), max_length=10, help_text=_('e.g. "11 42"'))
    name = models.CharField(_("name"), max_length=120)
    name_da = models.CharField(_("name (Danish)"), max_length=120, blank=True)
    name_de = models.CharField(
        _("name (German)"), max_length=120, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("subgroup")
        verbose_name_plural = _("subgroups")
        ordering = ["main_group__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["main_group", "number"], name="parts_subgroup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Illustration(Localized, models.Model):
    """A drawing of a subgroup (SVG or PNG, checked on upload: uploads.py) whose numbered
    hotspots point at the positions of its parts rows."""

    class ImageType(models.TextChoices):
        NONE = "", _("none yet")
        SVG = "svg", "SVG"
        PNG = "png", "PNG"

    subgroup = models.ForeignKey(
        SubGroup,
        on_delete=models.PROTECT,
        related_name="illustrations",
        verbose_name=_("subgroup"),
    )
    number = models.CharField(_("illustration"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=160)
    title_da = models.CharField(_("title (Danish)"), max_length=160, blank=True)
    title_de = models.CharField(
        _("title (German)"), max_length=160, blank=True, default="", db_default=""
    )
    # Private media (never served as a file): the workshop's pages read it through a view.
    image = models.FileField(_("image"), upload_to="parts-illustrations/", blank=True)
    image_type = models.CharField(
        _("image type"), max_length=3, choices=ImageType.choices, blank=True, default=""
    )
    # The coordinate system of the hotspots: the SVG's viewBox or the PNG's pixels.
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)

    class Meta:
        verbose_name = _("illustration")
        verbose_name_plural = _("illustrations")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def has_image(self) -> bool:
        return bool(self.image and self.image_type and self.width and self.height)


class Hotspot(models.Model):
    """A position number drawn on the illustration, at (x, y) of its coordinate system."""

    illustration = models.ForeignKey(
        Illustration,
        on_delete=models.CASCADE,
        related_name="hotspots",
        verbose_name=_("illustration"),
        db_index=False,  # the unique constraint (illustration, position) serves it
    )
    position = models.CharField(_("position"), max_length=6)
    x = models.PositiveIntegerField("x")
    y = models.PositiveIntegerField("y")

    class Meta:
        verbose_name = _("hotspot")
        verbose_name_plural = _("hotspots")
        ordering = ["illustration", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["illustration", "position"], name="parts_hotspot_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.illustration.number} #{self.position}"


class Part(Localized, models.Model):
    class Unit(models.TextChoices):
        PIECE = "pcs", _("pcs")
        LITRE = "l", _("l")

    # unique=True (not a Meta constraint): on PostgreSQL Django then also creates the
    # varchar_pattern_ops index that part_search()'s prefix search (LIKE 'xxx%') uses.
    number = models.CharField(_("Part number"), max_length=20, unique=True)
    description = models.CharField(_("Description"), max_length=200)
    description_da = models.CharField(_("description (Danish)"), max_length=200, blank=True)
    description_de = models.CharField(
        _("description (German)"), max_length=200, blank=True, default="", db_default=""
    )
    unit = models.CharField(_("unit"), max_length=3, choices=Unit.choices, default=Unit.PIECE)
    # Supersession: this number is replaced by `replaced_by` (the next in the chain); the end
    # of the chain is kept in `successor` (services.supersession_set keeps it right), so that
    # reads resolve a chain of any length in one query.
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    replaced_on = models.DateField(_("replaced on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current successor"),
        editable=False,
    )

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(replaced_by=models.F("id")), name="parts_part_not_replaced_by_self"
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True, successor__isnull=True)
                | Q(replaced_by__isnull=False, successor__isnull=False),
                name="parts_part_successor_with_replacement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_number} {self.description}"

    @property
    def display_number(self) -> str:
        return numbers.display(self.number)

    @property
    def is_superseded(self) -> bool:
        return self.replaced_by_id is not None


class PartUsage(Localized, models.Model):
    """A row of an illustration's parts table: position, part, quantity and validity."""

    illustration = models.ForeignKey(
        Illustration,
        on_delete=models.CASCADE,
        related_name="rows",
        verbose_name=_("illustration"),
        db_index=False,  # the unique constraint starts with it (the rows of an illustration)
    )
    position = models.CharField(_("Pos."), max_length=6)
    sort = models.PositiveIntegerField(_("order"), default=0)
    part = models.ForeignKey(
        Part, on_delete=models.PROTECT, related_name="usages", verbose_name=_("part")
    )  # its index: where a part is used (part_get, search)
    quantity = models.DecimalField(_("Quantity"), max_digits=8, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    note_da = models.CharField(_("note (Danish)"), max_length=200, blank=True)
    note_de = models.CharField(
        _("note (German)"), max_length=200, blank=True, default="", db_default=""
    )
    brand = models.CharField(_("brand"), max_length=20, blank=True)
    series = models.CharField(_("Series"), max_length=10, blank=True)
    model_code = models.CharField(_("Model"), max_length=10, blank=True)
    engine = models.CharField(_("Engine type"), max_length=20, blank=True)
    produced_from = models.DateField(_("produced from"), null=True, blank=True)
    produced_until = models.DateField(_("produced until"), null=True, blank=True)
    options = models.CharField(
        _("options"), max_length=100, blank=True, help_text=_('e.g. "S205A", "-S205A"')
    )
    # The whole validity as one text (validity.validity_key): part of the row's identity.
    validity_key = models.CharField(max_length=250, editable=False)

    class Meta:
        verbose_name = _("parts row")
        verbose_name_plural = _("parts rows")
        ordering = ["illustration", "sort", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["illustration", "position", "part", "validity_key"],
                name="parts_usage_unique",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="parts_usage_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(produced_from__isnull=True)
                | Q(produced_until__isnull=True)
                | Q(produced_from__lte=models.F("produced_until")),
                name="parts_usage_dates_in_order",
            ),
        ]
        indexes = [
            # vehicle_tree(), subgroup_for_vehicle(), part_search(): the rows valid for one
            # vehicle (validity.usage_filter), read from the index alone (every column the
            # tree needs is in it).
            models.Index(
                fields=[
                    "series",
                    "engine",
                    "model_code",
                    "brand",
                    "produced_from",
                    "produced_until",
                    "illustration",
                    "options",
                ],
                name="parts_usage_vehicle_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.illustration.number} #{self.position} {self.part.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The identity key follows the validity (the importer sets it for bulk writes)."""
        self.validity_key = validity_key(
            brand=self.brand,
            series=self.series,
            model_code=self.model_code,
            engine=self.engine,
            produced_from=self.produced_from,
            produced_until=self.produced_until,
            options=self.options,
        )
        super().save(*args, **kwargs)


class PriceList(models.Model):
    """Net prices in EUR; the active list of the workshop's country, else the active list for
    every country, prices the order base (VAT by the workshop's country is added)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Empty: every country.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["country", "code"]
        constraints = [
            # price_list_for(): one active list per country (and one for every country).
            models.UniqueConstraint(
                fields=["country"], condition=Q(active=True), name="parts_price_list_active_unique"
            ),
            models.CheckConstraint(condition=Q(currency="EUR"), name="parts_price_list_eur"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PartPrice(models.Model):
    price_list = models.ForeignKey(
        PriceList,
        on_delete=models.CASCADE,
        related_name="prices",
        verbose_name=_("price list"),
        db_index=False,  # the unique constraint starts with it
    )
    part = models.ForeignKey(
        Part, on_delete=models.PROTECT, related_name="prices", verbose_name=_("part")
    )
    valid_from = models.DateField(_("valid from"))
    net_price = models.DecimalField(_("net price (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("part price")
        verbose_name_plural = _("part prices")
        ordering = ["price_list", "part", "-valid_from"]
        constraints = [
            # prices_in_force(): the prices of some parts in one list up to a day, latest first.
            models.UniqueConstraint(
                fields=["price_list", "part", "valid_from"], name="parts_price_unique"
            ),
            models.CheckConstraint(condition=Q(net_price__gte=0), name="parts_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.part.number} {self.net_price} ({self.valid_from})"


class PartsImport(ImportJob):
    """One upload of the back office (catalogue, supersessions or a BMEcat price list), run in
    the background (tasks.py); its page shows the progress and the line-numbered rejects."""

    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", _("Catalogue (CSV or JSON Lines)")
        SUPERSESSIONS = "supersessions", _("Supersessions (CSV)")
        PRICES = "prices", _("Price list (BMEcat XML)")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="parts-imports/", blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("parts import")
        verbose_name_plural = _("parts imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"
