"""The back office's upload handling for the tool imports: an upload over the size limit is
refused before Django reads its body (the Content-Length is checked first, and an upload
handler stops reading a body that grows past the limit anyway). Refusing changes nothing, so
that answer needs no CSRF check; a real upload gets one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_protect

from .imports.common import max_upload_bytes

# Room for the other fields of the multipart body besides the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload once it is larger than the limit; the view answers EQ-0040."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = self.received  # type: ignore[union-attr]
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


View = Callable[..., HttpResponse]


def upload_view(view: View) -> View:
    """Wraps an upload view: a body over the limit reaches the view as `too_large=<bytes>`
    without being read; any other POST goes through the CSRF check first."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = max_upload_bytes()
        request.upload_handlers = [SizeLimitUploadHandler(request, limit), *request.upload_handlers]
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.method == "POST" and length > limit + FORM_OVERHEAD_BYTES:
            return view(request, *args, too_large=length, **kwargs)
        return protected(request, *args, **kwargs)

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]  # admin_view: no second check
    return wrapper
