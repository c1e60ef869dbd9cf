"""My data → API tokens: create (shown once), list and revoke; and the list of problem codes."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aftersales.portal.errors import RuleViolation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.selectors import VIN_MALFORMED, VIN_NOT_FOUND

from . import codes, services
from .forms import TokenCreateForm
from .selectors import user_token_get, user_tokens

NEW_TOKEN_SESSION_KEY = "api_new_token"


@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.token_create(
                actor=user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except RuleViolation as violation:
            form.add_error(
                violation.field if violation.field in form.fields else None, violation.message
            )
        else:
            # Shown once, on the next page view; only the hash is stored.
            request.session[NEW_TOKEN_SESSION_KEY] = {"id": token.pk, "secret": raw}
            return redirect("api:tokens")
    new_token = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": user_tokens(actor=user), "new_token": new_token},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    user = request.user
    token = user_token_get(actor=user, token_id=token_id)
    services.token_revoke(actor=user, token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("api:tokens")


RULE_LINE = re.compile(r"^(?P<code>[A-Z]{2,4}-[0-9]{4})\s{2,}(?P<text>.+)$")


def _service_rule_codes() -> list[tuple[str, str, str]]:
    """The rule codes as the servicehistory app documents them in its rules module."""
    from aftersales.servicehistory import rules

    found = (RULE_LINE.match(line.strip()) for line in (rules.__doc__ or "").splitlines())
    return [(m["code"], "", m["text"]) for m in found if m]


@csrf_exempt
@require_GET
def api_index(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/: where the document, the docs and the token page are."""
    base = settings.SITE_URL
    return JsonResponse(
        {
            "name": "Aftersales API",
            "version": "1.0.0",
            "openapi": f"{base}{reverse('api:v1:openapi-json')}",
            "docs": f"{base}{reverse('api:v1:openapi-view')}",
            "problems": f"{base}{reverse('api:problems')}",
            "tokens": f"{base}{reverse('api:tokens')}",
        }
    )


def problem_codes(request: HttpRequest) -> HttpResponse:
    rows = [(code, str(status), title) for code, (status, title) in codes.CATALOGUE.items()]
    rows += [
        (VIN_MALFORMED, "422", _("The VIN is malformed (length or characters).")),
        (VIN_NOT_FOUND, "404", _("No vehicle has this VIN.")),
        (f"{codes.ACCESS_PREFIX}…", "403", _("The user may not use the application (reason).")),
    ]
    rows += _service_rule_codes()
    return render(request, "api/problems.html", {"rows": rows})
