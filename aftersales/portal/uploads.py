"""A size limit on uploads that holds before a byte is stored: Django would otherwise stream a
500 MB upload into a temporary file before the view could refuse it. The view is csrf_exempt
only so that the limit comes before the body is read (Django's pattern for upload handlers);
the upload itself is then checked under csrf_protect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_protect

# The form fields and multipart boundaries add a little to the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Counts the uploaded bytes; past the limit it stops storing them and lets Django read the
    rest of the request without keeping it. `too_large` tells the view."""

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


View = Callable[..., HttpResponse]


def size_limited(limit: Callable[[], int]) -> Callable[[View], View]:
    """The view gets `too_large=<bytes>` (0 when the upload is within the limit). A request that
    declares more than the limit is not read at all; it changes nothing, so that answer needs no
    CSRF check; every other POST gets one."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                return view(request, *args, too_large=0, **kwargs)
            maximum = limit()
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > maximum + FORM_OVERHEAD_BYTES:
                return view(request, *args, too_large=declared, **kwargs)
            handler = LimitedUploadHandler(request, limit=maximum)
            request.upload_handlers = [handler, *request.upload_handlers]

            def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                _ = request.POST  # the body, read through the handler (if the check has not yet)
                too_large = handler.received if handler.too_large else 0
                return view(request, *args, too_large=too_large, **kwargs)

            return csrf_protect(checked)(request, *args, **kwargs)

        wrapper.csrf_exempt = True  # type: ignore[attr-defined]  # admin_view: no second check
        return wrapper

    return decorate
