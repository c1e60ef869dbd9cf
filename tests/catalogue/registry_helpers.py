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
