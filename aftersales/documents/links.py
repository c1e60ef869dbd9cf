"""Where a document's link leads: the page of the fault code, the campaign, the labour operation
or the part in its own application, when that application is installed and the user may use it.

The URL names of the applications on main are known here; another application registers its
own in its AppConfig.ready():

    from aftersales.documents.links import link_url_register
    link_url_register("part", lambda key: reverse("parts:number", args=[key]))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .models import DocumentLink

Resolver = Callable[[str], str]
_RESOLVERS: dict[str, Resolver] = {}
# kind: (URL name, its one argument)
_KNOWN = {
    "fault_code": "faultcodes:code",
    "campaign": "campaigns:detail",
}


def link_url_register(kind: str, resolver: Resolver) -> None:
    _RESOLVERS[kind] = resolver


def link_url(link: DocumentLink) -> str:
    resolver = _RESOLVERS.get(link.kind)
    try:
        if resolver is not None:
            return resolver(link.key)
        if link.kind in _KNOWN:
            return reverse(_KNOWN[link.kind], args=[link.key])
    except NoReverseMatch:
        pass
    return ""


@dataclass(frozen=True)
class ShownLink:
    link: DocumentLink
    url: str


def shown_links(links: list[DocumentLink]) -> list[ShownLink]:
    return [ShownLink(link, link_url(link)) for link in links]
