"""Tests that need an application of the catalogue to count as built."""

from __future__ import annotations

from unittest import mock

from aftersales.catalogue import registry
from aftersales.catalogue.registry import BuiltApplication


def built_as(slug: str, start_url_name: str) -> mock._patch:  # type: ignore[type-arg]  # mock's private type
    """Counts `slug` as built, starting at `start_url_name` ("namespace:name")."""
    namespace, start = start_url_name.split(":")
    extra = BuiltApplication(slug, f"aftersales.{namespace}", start)
    return mock.patch.object(registry, "BUILT_APPLICATIONS", (*registry.BUILT_APPLICATIONS, extra))


UNBUILT_SLUG = "wiring-diagrams"


def unbuilt_application():  # type: ignore[no-untyped-def]
    """An application of the catalogue that no package builds: all twelve of the walkthrough
    are built now, so an operator's newly listed one stands in."""
    from aftersales.catalogue.models import Application

    return Application.objects.create(
        slug=UNBUILT_SLUG,
        name="Wiring diagrams",
        description="Listed by the operator, not built yet.",
        position=99,
        requires_ticket=False,
    )
