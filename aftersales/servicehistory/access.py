"""The one gate of every Service history screen: logged in, and allowed to start the application.

The decision itself is `aftersales.catalogue.access.application_access`; this decorator only
applies it, for pages reached from the catalogue and by URL alike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find

from .selectors import APPLICATION_SLUG

View = Callable[..., HttpResponse]


def service_history_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        application = application_find(slug=APPLICATION_SLUG)
        if application is None:
            raise Http404("The Service history application is not in the catalogue.")
        access = application_access(user=request.user, application=application)  # type: ignore[arg-type]
        if not access.allowed:
            return render(
                request,
                "servicehistory/denied.html",
                {"application": application, "access": access},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
