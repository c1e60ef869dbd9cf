"""The size limits of uploads and imports. The defaults suit a portal on one server; a setting of
the same name changes one (tests use small ones)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes

DEFAULTS = {
    # One document's file: a 300-page scanned manual fits.
    "DOCUMENT_MAX_FILE_BYTES": 50 * 1024 * 1024,
    # One ZIP of the bulk import, as uploaded.
    "DOCUMENT_IMPORT_MAX_BYTES": 500 * 1024 * 1024,
    # What a ZIP may unpack to in all, and how many files it may hold.
    "DOCUMENT_IMPORT_MAX_UNPACKED_BYTES": 4 * 1024 * 1024 * 1024,
    "DOCUMENT_IMPORT_MAX_FILES": 20_000,
    # A member that unpacks to more than this many times its packed size is refused as a
    # zip bomb (text compresses some 5-10 times, PDFs hardly at all).
    "DOCUMENT_IMPORT_MAX_RATIO": 200,
    # The manifest itself.
    "DOCUMENT_MANIFEST_MAX_BYTES": 10 * 1024 * 1024,
}


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def file_too_large(size: int) -> RuleViolation:
    return RuleViolation(
        codes.FILE_TOO_LARGE,
        _("The file is %(size)s; a document's file may have at most %(limit)s. Nothing was stored.")
        % {"size": megabytes(size), "limit": megabytes(limit("DOCUMENT_MAX_FILE_BYTES"))},
        field="file",
    )


def import_too_large(size: int) -> RuleViolation:
    return RuleViolation(
        codes.IMPORT_TOO_LARGE,
        _(
            "The file is %(size)s; the back office imports ZIP files of at most %(limit)s. "
            "Nothing was read. Split it, or import it on the server with "
            "“manage.py import_documents”."
        )
        % {"size": megabytes(size), "limit": megabytes(limit("DOCUMENT_IMPORT_MAX_BYTES"))},
        field="file",
    )
