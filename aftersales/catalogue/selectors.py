from django.shortcuts import get_object_or_404

from .models import Application


def application_list() -> list[Application]:
    return list(Application.objects.all())


def application_get(*, slug: str) -> Application:
    return get_object_or_404(Application, slug=slug)
