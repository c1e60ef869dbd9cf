from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

# The portal's own pages that every page links to (header, menu, footer), by a short name.
_FRAME = {
    "landing": "portal:landing",
    "overview": "portal:overview",
    "news": "news:list",
    "my_data": "accounts:my_data",
    "my_organisation": "accounts:my_organisation",
    "my_tickets": "billing:my_tickets",
    "my_credit": "billing:my_credit",
    "applications": "catalogue:list",
    "switch_language": "accounts:switch_language",
    "logout": "accounts:logout",
    "technical_requirements": "portal:technical-requirements",
    "conditions_of_use": "portal:conditions-of-use",
    "imprint": "portal:imprint",
    "privacy": "portal:privacy",
    "price_list": "billing:price_list",
}


@cache
def _frame_urls(prefix: str, urlconf: str) -> dict[str, str]:
    # They take no arguments, so they change only with the script prefix and the URLconf:
    # reversing them once spares every page fifteen reverse() calls.
    return {name: reverse(view) for name, view in _FRAME.items()}


def portal(request: HttpRequest) -> dict[str, object]:
    return {
        "support_email": settings.SUPPORT_EMAIL,
        "frame": _frame_urls(get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF)),
    }
