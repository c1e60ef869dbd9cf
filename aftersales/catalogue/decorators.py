"""The one gate of every page of a built application: logged in, and allowed to start it.

    @application_required("service-history")
    def vin_entry(request: AuthenticatedHttpRequest) -> HttpResponse: ...

The decision is `application_access`; this decorator only applies it, for pages reached from
the catalogue and by URL alike. The API's counterpart is `aftersales.api.auth.require_application`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from aftersales.portal import problems
from aftersales.portal.http import AuthenticatedHttpRequest

from .access import application_access, security_access_record
from .selectors import application_find

View = TypeVar("View", bound=Callable[..., HttpResponse])


def application_required(slug: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            application = application_find(slug=slug)
            if application is None:
                raise Http404("This application is not in the catalogue.")
            access = application_access(user=request.user, application=application)
            if not access.allowed:
                context = {"application": application, "access": access}
                status = (
                    problems.get(access.code).status if access.code in problems.REGISTRY else 403
                )
                response = render(request, "catalogue/denied.html", context, status=status)
                if status == 503:  # under maintenance
                    response["Retry-After"] = "3600"
                return response
            if application.security_related:
                security_access_record(
                    user=request.user,
                    what=application.name,
                    vin=str(kwargs.get("vin", "")),
                    application=application,
                )
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # wraps() keeps the signature; mypy can't see it

    return decorate
