"""The pages of a desktop tool's application (Diagnosis and Programming mount them with their
slug): the launch page (latest release, Start issues a licence), the session log, and the
download of a release's file.

Each function builds the application's view: `launch_view("diagnosis")` is gated by
`application_required("diagnosis")` like every page of that application.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from aftersales.catalogue.access import application_access
from aftersales.catalogue.decorators import application_required
from aftersales.catalogue.models import Application
from aftersales.catalogue.registry import built_application
from aftersales.catalogue.selectors import application_get
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest

from .forms import LaunchForm
from .models import ToolRelease
from .selectors import (
    latest_release,
    organisation_sessions,
    release_download_url,
    session_state,
    state_label,
    tool_for_application,
    tool_releases,
)
from .services import licence_issue

View = Callable[..., HttpResponseBase]


def _namespace(slug: str) -> str:
    app = built_application(slug)
    assert app is not None, f"{slug} has no line in the registry"
    return app.namespace


def _tabs(slug: str, active: str) -> list[dict[str, object]]:
    namespace = _namespace(slug)
    return [
        {"url": reverse(f"{namespace}:launch"), "label": _("Start"), "active": active == "launch"},
        {
            "url": reverse(f"{namespace}:sessions"),
            "label": _("Sessions"),
            "active": active == "sessions",
        },
    ]


def launch_context(
    request: AuthenticatedHttpRequest, application: Application
) -> dict[str, object]:
    tool = tool_for_application(application)
    releases = tool_releases(tool) if tool else []
    latest = latest_release(tool) if tool else None
    return {
        "application": application,
        "tool": tool,
        "releases": [(release, release_download_url(release)) for release in releases],
        "latest": latest,
        "latest_url": release_download_url(latest) if latest else "",
        "access": application_access(user=request.user, application=application),
    }


def launch_view(slug: str) -> View:
    @application_required(slug)
    def launch(request: AuthenticatedHttpRequest) -> HttpResponse:
        application = application_get(slug=slug)
        context = launch_context(request, application)
        tool = tool_for_application(application)
        versions = [release.version for release in tool_releases(tool)] if tool else []
        form = LaunchForm(request.POST or None, versions=versions)
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                licence, token = licence_issue(
                    actor=request.user,
                    application=application,
                    version=form.cleaned_data["version"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
                status = 422
            else:
                context.update({"licence": licence, "licence_token": token})
        elif request.method == "POST":
            status = 422
        context.update({"form": form, "tabs": _tabs(slug, "launch"), "has_tool": tool is not None})
        return render(request, "tools/launch.html", context, status=status)

    launch.__name__ = f"{slug.replace('-', '_')}_launch"
    return launch


def sessions_view(slug: str) -> View:
    @application_required(slug)
    def sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
        application = application_get(slug=slug)
        rows = [
            (session, state_label(session_state(session)))
            for session in organisation_sessions(actor=request.user, application=application)
        ]
        context = {
            "application": application,
            "rows": rows,
            "tabs": _tabs(slug, "sessions"),
            "whole_organisation": request.user.is_org_admin,
        }
        return render(request, "tools/sessions.html", context)

    sessions.__name__ = f"{slug.replace('-', '_')}_sessions"
    return sessions


def download_view(slug: str) -> View:
    @application_required(slug)
    def download(request: AuthenticatedHttpRequest, release_id: int) -> HttpResponse:
        release = get_object_or_404(
            ToolRelease, pk=release_id, published=True, tool__application__slug=slug
        )
        if not release.download_file:
            raise Http404("This release has no file.")
        name = release.download_file.name.rsplit("/", 1)[-1]
        response = FileResponse(release.download_file.open("rb"), as_attachment=True, filename=name)
        return response  # type: ignore[return-value]  # a streaming response, served as any other

    download.__name__ = f"{slug.replace('-', '_')}_download"
    return download
