from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from aftersales.portal.http import AuthenticatedHttpRequest

from .selectors import news_get, portal_news


@login_required
def news_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(portal_news(), 10).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page})


@login_required
def news_detail(request: AuthenticatedHttpRequest, news_id: int) -> HttpResponse:
    return render(request, "news/detail.html", {"entry": news_get(news_id=news_id)})
