"""Which applications of the catalogue are built in this portal: one line each.

A built application is one Django app under `aftersales/<package>/` that follows the pattern of
CONTRIBUTING.md ("Building an application"). Its line here is all the portal needs:

- `settings.INSTALLED_APPS` gets the package (settings.py reads `installed_packages()`),
- the root URLconf mounts the package's `urls.py` under `/<slug>/` (namespace = the app's
  `app_name`),
- the API mounts the package's `api.py` `router` (if it has one) under `/api/v1/` with `api_tag`,
- the catalogue shows the application as built, and Start opens `<namespace>:<start>`.

An application of the catalogue without a line here is shown honestly as "not available in this
portal yet". This module imports nothing from Django: settings.py reads it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuiltApplication:
    slug: str  # the catalogue's identifier (Application.slug) and the URL prefix
    package: str  # the Django app, e.g. "aftersales.servicehistory"
    start: str  # the URL name of its first screen inside its namespace
    api_tag: str = ""  # the API's tag for its routes; empty: the app has no api.py

    @property
    def namespace(self) -> str:
        return self.package.rsplit(".", 1)[-1]

    @property
    def start_url_name(self) -> str:
        return f"{self.namespace}:{self.start}"


BUILT_APPLICATIONS: tuple[BuiltApplication, ...] = (
    BuiltApplication(
        "service-history", "aftersales.servicehistory", "vin_entry", "Service history"
    ),
    BuiltApplication("keyreader", "aftersales.keyreader", "key_reads", "KeyReader"),
    BuiltApplication(
        "emission-relevant-fault-codes",
        "aftersales.faultcodes",
        "lookup",
        "Emission-relevant fault codes",
    ),
    BuiltApplication(
        "technical-campaigns", "aftersales.campaigns", "vin_entry", "Technical campaigns"
    ),
    BuiltApplication(
        "commercial-service-data",
        "aftersales.servicedata",
        "vin_entry",
        "Commercial Service Data",
    ),
    BuiltApplication(
        "electronic-parts-catalogue",
        "aftersales.parts",
        "vin_entry",
        "Electronic Parts Catalogue",
    ),
    BuiltApplication(
        "information-research", "aftersales.documents", "search", "Information research"
    ),
    BuiltApplication(
        "emissions-test-nominal-values",
        "aftersales.emissions",
        "vin_entry",
        "Emissions test nominal values",
    ),
    BuiltApplication("workshop-equipment", "aftersales.equipment", "tools", "Workshop equipment"),
    BuiltApplication("diagnosis", "aftersales.diagnosis", "launch"),
    BuiltApplication("programming", "aftersales.programming", "launch", "Programming"),
    BuiltApplication("state-of-charge", "aftersales.stateofcharge", "vin_entry", "State of charge"),
)


def built_application(slug: str) -> BuiltApplication | None:
    return next((app for app in BUILT_APPLICATIONS if app.slug == slug), None)


def start_url_name(slug: str) -> str | None:
    app = built_application(slug)
    return app.start_url_name if app else None


def installed_packages() -> list[str]:
    return [app.package for app in BUILT_APPLICATIONS]
