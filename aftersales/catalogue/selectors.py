from django.shortcuts import get_object_or_404

from .models import Application


def application_list() -> list[Application]:
    return list(Application.objects.all())


def application_get(*, slug: str) -> Application:
    return get_object_or_404(Application, slug=slug)


def application_find(*, slug: str) -> Application | None:
    """The application of this slug, or None (for callers that decide what a missing one means)."""
    if not slug:
        return None
    return Application.objects.filter(slug=slug).first()
