"""Technical campaigns: recalls, service campaigns and information campaigns of the manufacturer
or an authority, the vehicles they affect, and when each vehicle had the work done.

- A campaign affects a vehicle when its VIN is on the campaign's list (`CampaignVehicle`) or
  when one of its rules matches the vehicle's central data (`CampaignRule`: series, model code,
  engine, production-date range; NHTSA's make/model/model year). Both may be used at once.
- Workshops see published campaigns only; a withdrawn one shows as "not applicable".
- A campaign is done once per vehicle (`CampaignCompletion`, a partial unique constraint): the
  completion is written when the service entry that carried it out is stored and reopened when
  that entry is cancelled. Reopened completions stay as a trail.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.imports import ImportJob
from aftersales.portal.languages import localized
from aftersales.vehicles.models import Vehicle, VehicleBrand


class Campaign(models.Model):
    class Kind(models.TextChoices):
        RECALL = "recall", _("Recall")
        SERVICE = "service", _("Service campaign")
        INFORMATION = "information", _("Information")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Back office")
        NHTSA = "nhtsa", _("NHTSA recall file (FLAT_RCL)")

    number = models.CharField(
        _("Campaign number"), max_length=20, help_text=_('e.g. "0061270300" or "24V123000"')
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices, default=Kind.RECALL)
    title = models.CharField(_("Title"), max_length=200)
    title_da = models.CharField(_("title (Danish)"), max_length=200, blank=True)
    title_de = models.CharField(
        _("title (German)"), max_length=200, blank=True, default="", db_default=""
    )
    component = models.CharField(_("Component"), max_length=300, blank=True)
    component_da = models.CharField(_("component (Danish)"), max_length=300, blank=True)
    component_de = models.CharField(
        _("component (German)"), max_length=300, blank=True, default="", db_default=""
    )
    defect = models.TextField(_("Defect"), blank=True)
    defect_da = models.TextField(_("defect (Danish)"), blank=True)
    defect_de = models.TextField(_("defect (German)"), blank=True, default="", db_default="")
    risk = models.TextField(_("Risk"), blank=True)
    risk_da = models.TextField(_("risk (Danish)"), blank=True)
    risk_de = models.TextField(_("risk (German)"), blank=True, default="", db_default="")
    remedy = models.TextField(_("Remedy"), blank=True)
    remedy_da = models.TextField(_("remedy (Danish)"), blank=True)
    remedy_de = models.TextField(_("remedy (German)"), blank=True, default="", db_default="")
    do_not_drive = models.BooleanField(
        _("Do not drive"),
        default=False,
        help_text=_("The vehicle must not be driven until the campaign is done."),
    )
    start_date = models.DateField(_("Start date"), default=clock.today)
    end_date = models.DateField(_("End date"), null=True, blank=True)
    state = models.CharField(
        _("State"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    labour_operation_number = models.CharField(
        _("Labour operation"), max_length=20, blank=True, help_text=_('e.g. "61 35 500"')
    )
    labour_allowance_fru = models.PositiveSmallIntegerField(
        _("Labour allowance (FRU)"),
        default=0,
        help_text=_("Flat-rate units (1 FRU = 5 minutes); 0 for no labour."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MANUAL, editable=False
    )
    manufacturer_number = models.CharField(
        _("manufacturer's campaign number"), max_length=20, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("technical campaign")
        verbose_name_plural = _("technical campaigns")
        ordering = ["-start_date", "number"]
        constraints = [
            # campaign_get_published(number=...) and the NHTSA import's upsert by number.
            models.UniqueConstraint(fields=["number"], name="campaign_number_unique"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="campaign_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state="draft", published_at__isnull=True)
                | Q(state="published", published_at__isnull=False)
                | Q(state="withdrawn", withdrawn_at__isnull=False),
                name="campaign_state_has_time",
            ),
        ]
        indexes = [
            # campaigns_for_vehicle(): the published and withdrawn campaigns a vehicle is
            # checked against (drafts never reach a workshop).
            models.Index(fields=["state", "start_date"], name="campaign_state_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def text(self, name: str, language: str | None) -> str:
        """A text field in the language asked for, English when that language's is empty."""
        return localized(self, name, language)

    @property
    def has_work(self) -> bool:
        """Labour or parts to put on an order: an information campaign may have neither."""
        return bool(self.labour_allowance_fru) or bool(self.parts.all())

    def is_running(self, today: date) -> bool:
        return self.start_date <= today and (self.end_date is None or today <= self.end_date)


class CampaignPart(models.Model):
    """A part the remedy needs, with the quantity per vehicle and its net unit price."""

    class Unit(models.TextChoices):
        PIECE = "pcs", _("pcs")
        LITRE = "l", _("l")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="parts", verbose_name=_("campaign")
    )
    number = models.CharField(_("Part number"), max_length=30)
    description = models.CharField(_("Description"), max_length=200)
    description_da = models.CharField(_("description (Danish)"), max_length=200, blank=True)
    description_de = models.CharField(
        _("description (German)"), max_length=200, blank=True, default="", db_default=""
    )
    quantity = models.DecimalField(_("Quantity"), max_digits=8, decimal_places=2, default=1)
    unit = models.CharField(_("unit"), max_length=5, choices=Unit.choices, default=Unit.PIECE)
    unit_price = models.DecimalField(
        _("Unit price (net, EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Without VAT; the order base adds the workshop's VAT."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["campaign", "position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="campaign_part_unique"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="campaign_part_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__isnull=True) | Q(unit_price__gte=0),
                name="campaign_part_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description}"

    def localized_description(self, language: str | None) -> str:
        return localized(self, "description", language)


class CampaignRule(models.Model):
    """Affects every vehicle whose central data match all the criteria given (an empty criterion
    matches everything). Text criteria are stored in capitals and compared with the vehicle's
    data in capitals.

    A model year (NHTSA) is read as the production period from 1 July of the year before to
    31 December of that year: the central data know the production date, not the model year.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="rules", verbose_name=_("campaign")
    )
    series = models.CharField(_("Series"), max_length=10, blank=True)
    model_code = models.CharField(_("Model"), max_length=10, blank=True)
    engine_type = models.CharField(_("Engine type"), max_length=20, blank=True)
    produced_from = models.DateField(_("produced from"), null=True, blank=True)
    produced_to = models.DateField(_("produced until"), null=True, blank=True)
    make = models.CharField(_("make"), max_length=20, choices=VehicleBrand.choices, blank=True)
    model = models.CharField(
        _("Model designation"), max_length=60, blank=True, help_text=_('e.g. "335I"')
    )
    model_year = models.PositiveSmallIntegerField(_("model year"), null=True, blank=True)

    class Meta:
        verbose_name = _("rule (affected vehicles)")
        verbose_name_plural = _("rules (affected vehicles)")
        ordering = ["campaign", "series", "model_code", "model", "model_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(series="", model_code="", engine_type="", make="", model="")
                | Q(produced_from__isnull=False)
                | Q(produced_to__isnull=False)
                | Q(model_year__isnull=False),
                name="campaign_rule_has_criterion",
            ),
            models.CheckConstraint(
                condition=Q(produced_from__isnull=True)
                | Q(produced_to__isnull=True)
                | Q(produced_to__gte=models.F("produced_from")),
                name="campaign_rule_period_ordered",
            ),
        ]
        # No index besides the campaign's foreign key: rules are few (hundreds), and
        # campaigns_for_vehicle() reads the rules of the published campaigns in one query.

    def __str__(self) -> str:
        parts = [
            self.get_make_display() if self.make else "",
            self.series,
            self.model_code,
            self.model,
            self.engine_type,
            str(self.model_year or ""),
        ]
        period = ""
        if self.produced_from or self.produced_to:
            period = f"{self.produced_from or '…'} – {self.produced_to or '…'}"
        return " ".join(p for p in [*parts, period] if p)

    def save(self, *args: object, **kwargs: object) -> None:
        for name in ("series", "model_code", "engine_type", "model"):
            setattr(self, name, getattr(self, name).strip().upper())
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CampaignVehicle(models.Model):
    """A vehicle on the campaign's explicit VIN list."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="listed", verbose_name=_("campaign")
    )
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="+", verbose_name=_("vehicle")
    )
    added_at = models.DateTimeField(_("added at"), default=clock.now)

    class Meta:
        verbose_name = _("listed vehicle")
        verbose_name_plural = _("listed vehicles (VIN list)")
        constraints = [
            # Also serves the counts per campaign (campaign_counts()) and the VIN import's
            # "already listed" check.
            models.UniqueConstraint(fields=["campaign", "vehicle"], name="campaign_vehicle_unique")
        ]
        indexes = [
            # campaigns_for_vehicle(): the campaigns whose VIN list names this vehicle.
            models.Index(fields=["vehicle"], name="campaign_vehicle_vehicle_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.number} {self.vehicle.vin}"


class CampaignCompletion(models.Model):
    """The campaign was carried out on the vehicle, recorded by the stored service entry."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="completions", verbose_name=_("campaign")
    )
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="+", verbose_name=_("vehicle")
    )
    entry = models.ForeignKey(
        "servicehistory.ServiceEntry",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service entry"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("workshop"),
    )
    done_on = models.DateField(_("done on"))
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )

    class Meta:
        verbose_name = _("campaign done")
        verbose_name_plural = _("campaigns done")
        ordering = ["-recorded_at"]
        constraints = [
            # Done once per vehicle: a second workshop's completion fails here even when both
            # store at the same moment. Also serves the done counts per campaign.
            models.UniqueConstraint(
                fields=["campaign", "vehicle"],
                condition=Q(reopened_at__isnull=True),
                name="campaign_completion_once",
            ),
        ]
        indexes = [
            # campaigns_for_vehicle(): the completions of one vehicle.
            models.Index(fields=["vehicle"], name="campaign_done_vehicle_idx"),
            # completion_reopen(): the completions an entry recorded, when it is cancelled.
            models.Index(fields=["entry"], name="campaign_done_entry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.number} {self.vehicle.vin} {self.done_on}"


class CampaignImport(ImportJob):
    """One upload of the back office (a VIN list or an NHTSA recall file), run in the background
    by `tasks.campaign_import_run`; the page shows its progress and line-numbered rejects."""

    class Kind(models.TextChoices):
        VINS = "vins", _("VIN list (CSV)")
        NHTSA = "nhtsa", _("NHTSA recall file (FLAT_RCL)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("campaign"),
    )
    file = models.FileField(_("file"), upload_to="campaign-imports/", blank=True)
    publish = models.BooleanField(_("publish new campaigns"), default=False)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("campaign import")
        verbose_name_plural = _("campaign imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"
