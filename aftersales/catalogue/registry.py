"""Which applications of the catalogue are built in this portal, and where each one starts.

An application that is not listed here is shown honestly as "not available in this portal yet".
Each built application adds its slug and the URL name of its first screen.
"""

BUILT_APPLICATIONS: dict[str, str] = {
    "service-history": "servicehistory:vin_entry",
}


def start_url_name(slug: str) -> str | None:
    return BUILT_APPLICATIONS.get(slug)
