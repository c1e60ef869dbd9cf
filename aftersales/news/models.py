from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales import clock


class NewsQuerySet(models.QuerySet["News"]):
    def visible(self, *, language: str) -> "NewsQuerySet":
        """Published entries for everyone or for this language, newest first."""
        return (
            self.filter(published_on__lte=clock.today())
            .filter(models.Q(language="") | models.Q(language=language))
            .order_by("-published_on", "-pk")
        )


class News(models.Model):
    title = models.CharField(_("title"), max_length=200)
    teaser = models.TextField(_("teaser"), help_text=_("Shown in the News panel of the Overview."))
    body = models.TextField(
        _("text"), blank=True, help_text=_("Paragraphs separated by empty lines.")
    )
    published_on = models.DateField(_("date"), default=clock.today)
    language = models.CharField(
        _("language"),
        max_length=5,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: shown in every language."),
    )
    application = models.ForeignKey(
        "catalogue.Application",
        # News about an application go with it.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("application"),
        help_text=_("Empty: portal news. Otherwise shown on the application's start page."),
    )

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news entry")
        verbose_name_plural = _("news")
        indexes = [
            # NewsQuerySet.visible(): portal or one application's news, newest first.
            models.Index(fields=["application", "-published_on"], name="news_app_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title
