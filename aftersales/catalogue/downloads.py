"""What an application's start page offers under "Download" besides the user's guide.

An app registers a provider in its AppConfig.ready(); a provider returns the downloads of one
application (the tools gateway offers the latest release of the application's desktop tool:
"You can find the latest version on the start page of the application"). The catalogue imports
no such app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Application


@dataclass(frozen=True)
class Download:
    label: str
    url: str
    note: str = ""  # e.g. "Oldest version that still starts: 4.39"


DownloadProvider = Callable[["Application"], list[Download]]
_PROVIDERS: list[DownloadProvider] = []


def start_page_download_register(provider: DownloadProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def start_page_downloads(application: Application) -> list[Download]:
    return [download for provider in _PROVIDERS for download in provider(application)]
