"""Reads of the news app: the entries a user sees in the active language, newest first."""

from django.shortcuts import get_object_or_404
from django.utils import translation

from aftersales.catalogue.models import Application

from .models import News, NewsQuerySet


def _visible() -> NewsQuerySet:
    return News.objects.visible(language=translation.get_language() or "en")


def portal_news() -> NewsQuerySet:
    """The Overview's News panel and the News page: entries about no particular application."""
    return _visible().filter(application__isnull=True)


def application_news(application: Application) -> NewsQuerySet:
    """The news of an application's start page."""
    return _visible().filter(application=application)


def news_get(*, news_id: int) -> News:
    """An entry that is not published (yet) or not in the user's language is a 404."""
    return get_object_or_404(_visible(), pk=news_id)
