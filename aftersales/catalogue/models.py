from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales.portal.languages import localized


class Application(models.Model):
    """An application of the catalogue; operators maintain these rows in the back office."""

    slug = models.SlugField(_("identifier"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description (English)"))
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    guide = models.TextField(
        _("user's guide (English)"), blank=True, help_text=_("Paragraphs separated by empty lines.")
    )
    guide_da = models.TextField(_("user's guide (Danish)"), blank=True)
    guide_de = models.TextField(_("user's guide (German)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position in the catalogue"), default=0)
    maintenance = models.BooleanField(
        _("under maintenance"),
        default=False,
        help_text=_("While set, the application shows a yellow status and cannot be started."),
    )
    maintenance_message = models.CharField(_("maintenance message"), max_length=300, blank=True)
    requires_ticket = models.BooleanField(
        _("needs a ticket"),
        default=True,
        help_text=_("Storing service history entries is free by law: that application needs none."),
    )
    security_related = models.BooleanField(
        _("security-related"),
        default=False,
        help_text=_(
            "Security-related repair information (SERMI), e.g. key programming: only users "
            "with a valid security-related authorisation and a second factor may start it, "
            "and every access is logged."
        ),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="application_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def _localized(self, field: str) -> str:
        """The Danish or German text in that language when the operator wrote one; else English."""
        return localized(self, field)

    @property
    def localized_description(self) -> str:
        return self._localized("description")

    @property
    def localized_guide(self) -> str:
        return self._localized("guide")
