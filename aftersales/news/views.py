from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from .models import News


@login_required
def news_list(request: HttpRequest) -> HttpResponse:
    entries = News.objects.visible(language=translation.get_language() or "en").filter(
        application__isnull=True
    )
    page = Paginator(entries, 10).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page})


@login_required
def news_detail(request: HttpRequest, news_id: int) -> HttpResponse:
    entry = get_object_or_404(
        News.objects.visible(language=translation.get_language() or "en"), pk=news_id
    )
    return render(request, "news/detail.html", {"entry": entry})
