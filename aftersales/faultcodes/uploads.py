"""A size limit on uploads that holds before a byte is stored: Django would otherwise stream a
200 MB upload into a temporary file before the view could refuse it."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest


def declared_too_large(request: HttpRequest, limit: int) -> bool:
    """The request says it is larger than the limit (checked without reading the body)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    # The form fields and multipart boundaries add a little to the file itself.
    return length > limit + 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of the uploaded files; past the limit it stops storing them and lets
    Django read the rest of the request without keeping it. `too_large` tells the view."""

    def __init__(self, request: HttpRequest | None = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None  # the next handlers store the file
