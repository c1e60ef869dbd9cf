from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from aftersales.news.selectors import application_news
from aftersales.portal.pdf import pdf_response

from .access import application_access
from .availability import application_availability
from .downloads import start_page_downloads
from .registry import start_url_name
from .selectors import application_get, application_list


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/list.html", {"applications": application_list()})


@login_required
def start_page(request: HttpRequest, slug: str) -> HttpResponse:
    application = application_get(slug=slug)
    return render(
        request,
        "catalogue/start_page.html",
        {
            "application": application,
            "news": application_news(application)[:5],
            "downloads": start_page_downloads(application),
            "access": application_access(user=request.user, application=application),  # type: ignore[arg-type]
        },
    )


@login_required
def status(request: HttpRequest, slug: str) -> HttpResponse:
    """The status light of a start page; htmx loads it after the page, as the check takes a moment."""
    application = application_get(slug=slug)
    return render(
        request,
        "catalogue/_status.html",
        {
            "application": application,
            "availability": application_availability(application),
            "access": application_access(user=request.user, application=application),  # type: ignore[arg-type]
        },
    )


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    application = application_get(slug=slug)
    access = application_access(user=request.user, application=application)  # type: ignore[arg-type]
    availability = application_availability(application)
    target = start_url_name(application.slug)
    if not access.allowed:
        messages.error(request, access.reason)
    elif not availability.is_green or target is None:
        messages.error(request, " ".join(availability.reasons))
    else:
        return redirect(target)
    return redirect("catalogue:start_page", slug=application.slug)


@login_required
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    application = application_get(slug=slug)
    html = render_to_string("catalogue/guide_pdf.html", {"application": application}, request)
    return pdf_response(html, filename=f"users-guide-{application.slug}.pdf", request=request)
