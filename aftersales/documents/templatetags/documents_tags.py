"""The hook other applications show a fault code's, campaign's, labour operation's or part's
documents with; they need nothing else of Information research:

    {% load documents_tags %}
    {% documents_for "fault_code" code %}
    {% documents_for "labour_operation" operation.number vehicle=vehicle %}
    {% documents_for "part" view.rows key_attr="part.number" vehicle=vehicle %}

`key` is one key, or a list of keys, or a list of objects whose `key_attr` (dotted) is the
key (the part numbers of a drawing's rows).
It renders a small panel of links to the documents, and nothing when there are none or when
the user may not start Information research (the catalogue decides, as on its own pages).
Kinds: fault_code, campaign, labour_operation, part, tool.
"""

from __future__ import annotations

from typing import Any

from django import template

from aftersales.documents.selectors import documents_for as linked_documents
from aftersales.documents.selectors import may_use

register = template.Library()


@register.inclusion_tag("documents/_linked.html", takes_context=True)
def documents_for(
    context: dict[str, Any], kind: str, key: Any, vehicle: Any = None, key_attr: str = ""
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not key:
        return {"documents": []}
    # Once per request, however many keys the page shows.
    allowed = getattr(request, "_documents_may_use", None)
    if allowed is None:
        allowed = may_use(user)
        request._documents_may_use = allowed  # type: ignore[union-attr]
    if not allowed:
        return {"documents": []}
    keys = [str(key)] if isinstance(key, str | int) else [_attr(item, key_attr) for item in key]
    return {"documents": linked_documents(kind=kind, key=[k for k in keys if k], vehicle=vehicle)}


def _attr(item: Any, path: str) -> str:
    for name in path.split(".") if path else []:
        item = getattr(item, name, "")
    return str(item or "")
