"""My data → API tokens: create (shown once), list and revoke; and the list of problem codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aftersales.mfa.decorators import recent_second_factor_required
from aftersales.portal import problems
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest

from . import services
from .forms import TokenCreateForm
from .selectors import user_token_get, user_tokens

NEW_TOKEN_SESSION_KEY = "api_new_token"


@login_required
@recent_second_factor_required(methods=("POST",))
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.token_create(
                actor=user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except RuleViolation as violation:
            add_violation(form, violation)
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
    """Every registered problem code: the API's own and those of the rules of every app."""
    return render(request, "api/problems.html", {"problems": list(problems.REGISTRY)})
