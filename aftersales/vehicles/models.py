"""Central vehicle data: the vehicle, its options/retrofits, its CBS status, the WMI table.

It is what a workshop reads after the VIN entry and what a stored service entry moves on
(central mileage, CBS status); the operator loads it with `manage.py import_vehicles`. Other
applications read it through `selectors.py`; the central mileage has one rule,
`Vehicle.mileage_record` (it never goes down), used by the import and by service entries. Every mileage that reaches the portal is also kept
as a `MileageReading` with its source and time (evidence; a lower one is flagged, never dropped).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock

# No road vehicle gets there: a larger reading is a typo, in the import and in service entries.
MAX_MILEAGE_KM = 2_000_000


class VehicleBrand(models.TextChoices):
    BMW = "bmw", "BMW"
    BMW_M = "bmw_m", "BMW M"
    BMW_I = "bmw_i", "BMW i"
    BMW_MOTORRAD = "bmw_motorrad", "BMW Motorrad"
    MINI = "mini", "MINI"
    ROLLS_ROYCE = "rolls_royce", "Rolls-Royce"


class WorldManufacturerIdentifier(models.Model):
    """The first three VIN characters name the maker; the brand follows from them (data, not code)."""

    wmi = models.CharField(_("WMI"), max_length=3)
    brand = models.CharField(_("brand"), max_length=20, choices=VehicleBrand.choices)
    description = models.CharField(_("description"), max_length=120, blank=True)
    # North American vehicles must carry a correct check digit (VIN position 9).
    north_american = models.BooleanField(_("North American"), default=False)

    class Meta:
        verbose_name = _("world manufacturer identifier")
        verbose_name_plural = _("world manufacturer identifiers")
        constraints = [models.UniqueConstraint(fields=["wmi"], name="wmi_unique")]

    def __str__(self) -> str:
        return f"{self.wmi} {self.get_brand_display()}"


# The central data of a vehicle besides its VIN, in the model's order: what the import writes,
# the back office edits, the API returns and the benchmark loads.
CENTRAL_DATA_FIELDS = (
    "brand",
    "model_designation",
    "lead_model",
    "model_code",
    "series",
    "engine_type",
    "color_code",
    "color_name",
    "upholstery_code",
    "upholstery_name",
    "gearbox_number",
    "engine_number",
    "production_date",
    "first_registration_date",
    "plant_integration_level",
    "mileage_km",
    "mileage_recorded_on",
    "number_of_keys",
    "key_system",
)


class Vehicle(models.Model):
    vin = models.CharField(_("Vehicle identification number"), max_length=17)
    # The last 7 characters (plant + serial); the VIN entry accepts them alone.
    vin7 = models.CharField(_("last 7 characters"), max_length=7, editable=False)
    brand = models.CharField(_("brand"), max_length=20, choices=VehicleBrand.choices, blank=True)
    model_designation = models.CharField(_("Model designation"), max_length=60)
    lead_model = models.CharField(_("Lead model"), max_length=10)
    model_code = models.CharField(_("Model"), max_length=10)
    series = models.CharField(_("Series"), max_length=10)
    engine_type = models.CharField(_("Engine type"), max_length=20)
    color_code = models.CharField(_("colour code"), max_length=10, blank=True)
    color_name = models.CharField(_("colour name"), max_length=80, blank=True)
    upholstery_code = models.CharField(_("upholstery code"), max_length=10, blank=True)
    upholstery_name = models.CharField(_("upholstery name"), max_length=80, blank=True)
    gearbox_number = models.CharField(_("Gearbox no."), max_length=20, blank=True)
    engine_number = models.CharField(_("Engine no."), max_length=20, blank=True)
    production_date = models.DateField(_("Production date"))
    first_registration_date = models.DateField(
        _("Date of first registration"), null=True, blank=True
    )
    plant_integration_level = models.CharField(
        _("Plant integration level"), max_length=30, blank=True
    )
    mileage_km = models.PositiveIntegerField(_("Mileage (central data)"), default=0)
    mileage_recorded_on = models.DateField(_("mileage recorded on"), null=True, blank=True)
    number_of_keys = models.PositiveSmallIntegerField(_("Number of keys"), default=2)
    key_system = models.CharField(_("Key system"), max_length=20, blank=True)
    updated_at = models.DateTimeField(default=clock.now)
    # What the last import left, as a hash of the CSV line it applied (import_copy.py): the next
    # import skips a line with the same hash without parsing or merging it. PostgreSQL triggers
    # (migration 0006) set it back to NULL when anything else writes the vehicle, its options,
    # CBS status or mileage readings, so a hash stands only for a vehicle exactly as that line
    # left it. No index: the import reads all of them in one sequential scan.
    import_fingerprint = models.BinaryField(null=True, editable=False)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        constraints = [
            models.UniqueConstraint(fields=["vin"], name="vehicle_vin_unique"),
            models.CheckConstraint(
                condition=models.Q(vin__regex=r"^[A-HJ-NPR-Z0-9]{17}$"), name="vehicle_vin_format"
            ),
        ]
        indexes = [
            # VIN entry with the last 7 characters: vehicle_find(vin7=...).
            models.Index(fields=["vin7"], name="vehicle_vin7_idx"),
        ]

    def __str__(self) -> str:
        return self.vin

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.vin = self.vin.strip().upper()
        self.vin7 = self.vin[-7:]
        super().save(*args, **kwargs)

    def mileage_record(self, km: int, on: date | None) -> bool:
        """The one rule of the central mileage: it never goes down. A higher reading replaces
        it (with its date); an equal one keeps the date it was first reached, a lower one changes
        nothing. True when it changed; the caller saves. The import's copy method applies the
        same rule in SQL (import_copy.py; its tests compare it with the batches method)."""
        if km <= self.mileage_km:
            return False
        self.mileage_km, self.mileage_recorded_on = km, on
        return True

    @property
    def color(self) -> str:
        return f"{self.color_code} {self.color_name}".strip()

    @property
    def upholstery(self) -> str:
        return f"{self.upholstery_code} {self.upholstery_name}".strip()


class VehicleOption(models.Model):
    class Kind(models.TextChoices):
        FACTORY = "factory", _("factory")
        RETROFIT = "retrofit", _("retrofit")

    # No index of its own: vehicle_option_unique (vehicle, code, kind) serves every lookup by
    # vehicle, and each index more costs every imported row.
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.CASCADE,
        related_name="options",
        verbose_name=_("vehicle"),
        db_index=False,
    )
    code = models.CharField(_("code"), max_length=10)
    description = models.CharField(_("description"), max_length=200)
    kind = models.CharField(
        _("factory or retrofit"), max_length=10, choices=Kind.choices, default=Kind.FACTORY
    )
    installed_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("option / retrofit")
        verbose_name_plural = _("options / retrofits")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["vehicle", "code", "kind"], name="vehicle_option_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class CbsPosition(models.Model):
    """A Condition Based Service position (Engine oil, Front Brake, ...), operator data."""

    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("Description"), max_length=120)
    name_da = models.CharField(_("description (Danish)"), max_length=120, blank=True)
    name_de = models.CharField(_("description (German)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # After the service, the position is due again after this many months and/or kilometres.
    interval_months = models.PositiveSmallIntegerField(
        _("interval (months)"), null=True, blank=True
    )
    interval_km = models.PositiveIntegerField(_("interval (km)"), null=True, blank=True)

    class Meta:
        verbose_name = _("CBS position")
        verbose_name_plural = _("CBS positions")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["code"], name="cbs_position_code_unique")]

    def __str__(self) -> str:
        return self.name


class CbsApplicability(models.Model):
    """Which CBS positions exist for a series / engine type; an empty engine type means all."""

    cbs_position = models.ForeignKey(
        CbsPosition, on_delete=models.CASCADE, related_name="applicability"
    )
    series = models.CharField(_("Series"), max_length=10)
    engine_type = models.CharField(_("Engine type"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("CBS applicability")
        verbose_name_plural = _("CBS applicability")
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_position", "series", "engine_type"], name="cbs_applicability_unique"
            )
        ]
        indexes = [
            # Service data: the positions of one series (and engine type).
            models.Index(fields=["series", "engine_type"], name="cbs_app_series_engine_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.cbs_position} {self.series} {self.engine_type or '*'}"


class VehicleCbsStatus(models.Model):
    """When a position of one vehicle is due: a date and/or a remaining distance."""

    # No index of its own: vehicle_cbs_unique (vehicle, cbs_position) serves it.
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.CASCADE, related_name="cbs_status", db_index=False
    )
    cbs_position = models.ForeignKey(CbsPosition, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(_("due date"), null=True, blank=True)
    remaining_km = models.IntegerField(_("remaining (km)"), null=True, blank=True)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("CBS status")
        verbose_name_plural = _("CBS status")
        constraints = [
            models.UniqueConstraint(fields=["vehicle", "cbs_position"], name="vehicle_cbs_unique")
        ]

    def __str__(self) -> str:
        return f"{self.vehicle} {self.cbs_position}"


class MileageReading(models.Model):
    """One odometer reading that reached the portal: what, when, from where (evidence).

    Readings are kept whatever they say; the central mileage (`Vehicle.mileage_record`) still
    never goes down. A reading lower than one read earlier is flagged (`lower_than` names the
    earlier, higher one); the operator may explain the flag (e.g. a replaced instrument
    cluster), and the explanation stays visible with it. A reading whose source no longer counts
    (a cancelled service entry) is withdrawn: kept, shown struck through, ignored by the flags.
    Writes: `services.mileage_reading_record` and friends.
    """

    class Source(models.TextChoices):
        SERVICE_ENTRY = "service_entry", _("service entry")
        CENTRAL_DATA = "central_data", _("central data import")
        KEY_READ = "key_read", _("key read")
        TOOL_SESSION = "tool_session", _("diagnosis tool session")
        BATTERY = "battery", _("battery reading")
        EMISSIONS_TEST = "emissions_test", _("emissions test")

    # No index of its own: mileage_reading_vehicle_idx (vehicle, read_at) serves it.
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        related_name="mileage_readings",
        verbose_name=_("vehicle"),
        db_index=False,
    )
    mileage_km = models.PositiveIntegerField(_("mileage (km)"))
    read_at = models.DateTimeField(_("read at"))
    # Sources that know only the day (service entries, the import) are read at local midnight.
    date_only = models.BooleanField(_("date only"), default=False)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)
    lower_than = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lower than the earlier reading"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    explained_at = models.DateTimeField(_("explained at"), null=True, blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("explained by"),
    )

    class Meta:
        verbose_name = _("mileage reading")
        verbose_name_plural = _("mileage readings")
        ordering = ["vehicle", "read_at", "id"]
        constraints = [
            # The same reading told twice (an import run again, a key read twice) is one reading.
            models.UniqueConstraint(
                fields=["vehicle", "source", "reference", "read_at", "mileage_km"],
                name="mileage_reading_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(mileage_km__lte=MAX_MILEAGE_KM),
                name="mileage_reading_possible",
            ),
            models.CheckConstraint(
                condition=models.Q(explained_at__isnull=True, explanation="")
                | models.Q(explained_at__isnull=False) & ~models.Q(explanation=""),
                name="mileage_reading_explained_with_reason",
            ),
        ]
        indexes = [
            # mileage_readings_of(vehicle) and the flags: one vehicle's readings in time order.
            models.Index(fields=["vehicle", "read_at"], name="mileage_reading_vehicle_idx"),
            # The back office's list of open flags.
            models.Index(
                fields=["recorded_at"],
                condition=models.Q(lower_than__isnull=False, explained_at__isnull=True),
                name="mileage_reading_open_flag_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vehicle_id} {self.mileage_km} km {self.read_at:%Y-%m-%d}"

    @property
    def is_flagged(self) -> bool:
        return self.lower_than_id is not None and self.withdrawn_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class WorkshopRecord(models.Model):
    """What a workshop records about a vehicle once and never changes (a fault-memory report, an
    emissions test): the vehicle, the recording workshop — the only one that sees it — and who
    recorded it when. Vehicles, organisations and users with records are never deleted."""

    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="%(class)ss", verbose_name=_("vehicle")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("workshop"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        abstract = True
