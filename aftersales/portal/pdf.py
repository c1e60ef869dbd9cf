"""PDF printouts with WeasyPrint: HTML templates in, A4 PDF out."""

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from weasyprint import HTML


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(
    html: str, *, filename: str, request: HttpRequest | None = None, inline: bool = False
) -> HttpResponse:
    base_url = finders.find("portal/") if request is None else request.build_absolute_uri("/")
    response = HttpResponse(
        render_pdf(html, base_url=str(base_url)), content_type="application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
