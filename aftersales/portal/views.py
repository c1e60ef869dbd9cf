from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from aftersales.catalogue.selectors import application_list
from aftersales.news.selectors import portal_news
from aftersales.portal.http import AuthenticatedHttpRequest


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:overview")
    return render(request, "portal/landing.html")


def legal(request: HttpRequest, page: str) -> HttpResponse:
    return render(request, f"portal/legal_{page.replace('-', '_')}.html")


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "portal/overview.html",
        {
            "organisation": user.organisation,
            "news": portal_news()[:5],
            "applications": application_list(),
        },
    )
