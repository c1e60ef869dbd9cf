"""Public pages of the trust app: the published anchors (no login)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import published_anchors


def anchors(request: HttpRequest) -> HttpResponse:
    """Every anchor the operator published: day, root, chains, links."""
    return render(request, "trust/anchors.html", {"anchors": published_anchors()[:400]})
