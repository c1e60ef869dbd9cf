"""Refusing an oversized upload while it arrives, not after it was written to disk whole."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitUploadHandler(FileUploadHandler):
    """Put first in `request.upload_handlers`: stops the upload at `limit` bytes of a file (the
    rest of the body is read and thrown away, never kept) and remembers that it did."""

    def __init__(self, request: Any, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
