"""Headers that only the TLS proxy may set.

Behind the proxy, `X-Forwarded-Proto: https` tells Django that the client used TLS
(settings.SECURE_PROXY_SSL_HEADER): secure cookies, no redirect to https, absolute links.
A client talking to gunicorn directly could send the same header; it is believed only from
the addresses in settings.FORWARDED_ALLOW_IPS (addresses or networks, e.g. 10.0.0.0/8).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Headers a proxy sets; dropped when the request does not come from a trusted proxy.
PROXY_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]) -> tuple[tuple[Network, ...], bool]:
    """The networks of FORWARDED_ALLOW_IPS, and whether it is "*" (every address)."""
    networks: list[Network] = []
    for entry in allowed:
        entry = entry.strip()
        if entry == "*":
            return (), True
        if entry:
            networks.append(ipaddress.ip_network(entry, strict=False))
    return tuple(networks), False


def is_trusted_proxy(address: str | None) -> bool:
    """Whether a request from this address comes from one of the configured TLS proxies."""
    if not address:
        return False
    networks, everyone = _networks(tuple(settings.FORWARDED_ALLOW_IPS))
    if everyone:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class TrustedProxyMiddleware:
    """Drops X-Forwarded-Proto (and -Host, -Port) unless the request comes from a trusted
    proxy; first in MIDDLEWARE, before SecurityMiddleware reads `request.is_secure()`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in PROXY_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
