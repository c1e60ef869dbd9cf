from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from aftersales.catalogue.selectors import application_list
from aftersales.news.models import News


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:overview")
    return render(request, "portal/landing.html")


def legal(request: HttpRequest, page: str) -> HttpResponse:
    return render(request, f"portal/legal_{page.replace('-', '_')}.html")


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    news = News.objects.visible(language=translation.get_language() or "en").filter(
        application__isnull=True
    )
    return render(
        request,
        "portal/overview.html",
        {
            "organisation": user.organisation,  # type: ignore[union-attr]
            "news": news[:5],
            "more_news": news.count() > 5,
            "applications": application_list(),
        },
    )
