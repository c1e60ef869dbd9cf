from django.shortcuts import get_object_or_404

from aftersales.portal import shared_cache

from .models import Application


def application_list() -> list[Application]:
    return list(Application.objects.all())


def application_get(*, slug: str) -> Application:
    return get_object_or_404(Application, slug=slug)


def application_find(*, slug: str) -> Application | None:
    """The application of this slug, or None (for callers that decide what a missing one means)."""
    if not slug:
        return None
    if not shared_cache.enabled():
        return Application.objects.filter(slug=slug).first()
    # Asked on every request of an application (and for the notices of others): the whole
    # catalogue (a few dozen rows) is one entry of the shared cache, dropped when an
    # application is saved (CatalogueConfig.ready).
    return shared_cache.cached("applications", "all", applications_by_slug).get(slug)


def applications_by_slug() -> dict[str, Application]:
    return {application.slug: application for application in Application.objects.all()}
