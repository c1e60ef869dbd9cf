"""The workshop's desktop tools: their releases, the licences that start them, their sessions.

A tool (ISTA for Diagnosis, ISTA/P for Programming) belongs to one application of the catalogue.
The operator publishes its releases; the newest published release says which version is the
oldest that may still start ("Older versions of ISTA can no longer be started"). Starting the
application issues a licence (a signed JWT, licence.py) for one user, organisation, application
and tool version, valid for minutes and good for one session; the tool starts its session with
it, sends heartbeats and ends it. The sessions are the organisation's log and the operator's
totals.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.languages import localized

from .versions import VERSION_RE, version_key

version_validator = RegexValidator(
    VERSION_RE, _("Use numbers separated by dots, e.g. 4.39.20."), code="version"
)


class Tool(models.Model):
    slug = models.SlugField(_("identifier"), max_length=40)
    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. ISTA"))
    application = models.ForeignKey(
        "catalogue.Application",
        # An application with a tool keeps it; the operator retires the tool first.
        on_delete=models.PROTECT,
        related_name="tools",
        verbose_name=_("application"),
    )

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="tool_slug_unique"),
            # tool_for_application(): one desktop tool per application.
            models.UniqueConstraint(fields=["application"], name="tool_application_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ToolRelease(models.Model):
    tool = models.ForeignKey(
        Tool, on_delete=models.PROTECT, related_name="releases", verbose_name=_("tool")
    )
    version = models.CharField(_("version"), max_length=24, validators=[version_validator])
    released_on = models.DateField(_("release date"))
    download_file = models.FileField(_("download file"), upload_to="tool-releases/", blank=True)
    download_url = models.URLField(_("download link"), blank=True)
    notes = models.TextField(_("release notes (English)"), blank=True)
    notes_da = models.TextField(_("release notes (Danish)"), blank=True)
    notes_de = models.TextField(_("release notes (German)"), blank=True)
    minimum_version = models.CharField(
        _("minimum supported version"),
        max_length=24,
        validators=[version_validator],
        help_text=_(
            "Once this is the newest published release, older versions can no longer be started."
        ),
    )
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("tool release")
        verbose_name_plural = _("tool releases")
        ordering = ["tool", "-released_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "version"], name="tool_release_unique"),
        ]
        indexes = [
            # tool_releases(): a tool's published releases (sorted by version in Python).
            models.Index(fields=["tool", "published"], name="tool_release_tool_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tool} {self.version}"

    @property
    def key(self) -> tuple[int, ...]:
        return version_key(self.version)

    @property
    def localized_notes(self) -> str:
        return localized(self, "notes")


class Licence(models.Model):
    """One issued licence; its `jti` is the JWT's id. Used once: the session it started."""

    jti = models.CharField(_("licence id"), max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="tool_licences",
        verbose_name=_("organisation"),
    )
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="+")
    tool_version = models.CharField(_("tool version"), max_length=24)
    key_id = models.CharField(_("signing key"), max_length=40)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-issued_at"]
        constraints = [
            # tool_session_start(): the licence of a JWT by its id, locked.
            models.UniqueConstraint(fields=["jti"], name="tool_licence_jti_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.tool} {self.tool_version} · {self.jti[:8]}"


class ToolSession(models.Model):
    class Result(models.TextChoices):
        OPEN = "", _("Open")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")
        ABORTED = "aborted", _("Aborted")
        TICKET_EXPIRED = "ticket_expired", _("Ended: ticket expired")
        TIMED_OUT = "timed_out", _("Timed out")

    # One licence starts one session: a replayed licence finds this row taken.
    licence = models.OneToOneField(
        Licence, on_delete=models.PROTECT, related_name="session", verbose_name=_("licence")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="tool_sessions",
        verbose_name=_("organisation"),
    )
    application = models.ForeignKey(
        "catalogue.Application",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("application"),
    )
    tool = models.ForeignKey(
        Tool, on_delete=models.PROTECT, related_name="+", verbose_name=_("tool")
    )
    tool_version = models.CharField(_("tool version"), max_length=24)
    # The session's bearer token (aftersales.api, scope "tool"); revoked when it ends.
    token = models.OneToOneField(
        "api.ApiToken",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tool_session",
    )
    vin = models.CharField(_("VIN worked on"), max_length=17, blank=True)
    vehicle = models.ForeignKey(
        "vehicles.Vehicle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tool_sessions",
        verbose_name=_("vehicle"),
    )
    started_at = models.DateTimeField(_("start"))
    last_heartbeat_at = models.DateTimeField(_("last heartbeat"))
    ended_at = models.DateTimeField(_("end"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, default=Result.OPEN, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tool session")
        verbose_name_plural = _("tool sessions")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True, result="")
                | models.Q(ended_at__isnull=False) & ~models.Q(result=""),
                name="tool_session_ended_with_result",
            ),
        ]
        indexes = [
            # organisation_sessions(): the organisation's log, newest first.
            models.Index(fields=["organisation", "-started_at"], name="tool_session_org_idx"),
            # session_totals(): sessions per application and day for the operator.
            models.Index(fields=["application", "started_at"], name="tool_session_app_idx"),
            # open_session_on_vehicle(): the open sessions working on a vehicle.
            models.Index(
                fields=["vehicle"],
                condition=models.Q(ended_at__isnull=True),
                name="tool_session_open_vehicle_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool} {self.tool_version} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def tool_label(self) -> str:
        return f"{self.tool.name} {self.tool_version}"
