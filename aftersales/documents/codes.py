"""The problem codes of Information research (rules, services, imports, pages and API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

DOCUMENT_NOT_FOUND = register(
    "IR-0001",
    status=404,
    title="Document not found",
    meaning=_("No active document has this id (it does not exist or was withdrawn)."),
)
QUERY_INVALID = register(
    "IR-0002",
    status=422,
    title="Search not understood",
    meaning=_("The search words are too long, or a kind or language filter is unknown."),
)
FILE_UNAVAILABLE = register(
    "IR-0003",
    status=410,
    title="File not available",
    meaning=_("The document's file is missing on the server; the operator has been told."),
)
FIELD_INVALID = register(
    "IR-0010",
    status=422,
    title="Document data invalid",
    meaning=_(
        "A field of the document is missing or malformed (number, kind, title, language, "
        "version, valid-from date, validity or links); `field` names it."
    ),
)
FILE_TOO_LARGE = register(
    "IR-0011",
    status=413,
    title="Document file too large",
    meaning=_("The document's file is larger than the limit; nothing was stored."),
)
FILE_TYPE = register(
    "IR-0012",
    status=415,
    title="Document file type not accepted",
    meaning=_(
        "The file is not a PDF, an HTML page or an image (PNG, JPEG, GIF, WebP), judged by its "
        "content, not its name."
    ),
)
NUMBER_TAKEN = register(
    "IR-0013",
    status=409,
    title="Document number exists",
    meaning=_("A document with this number exists: upload a new version of it instead."),
)
VERSION_EXISTS = register(
    "IR-0014",
    status=409,
    title="Version exists",
    meaning=_("The document already has a version with this name."),
)
STATE_CONFLICT = register(
    "IR-0015",
    status=409,
    title="Document state does not allow this",
    meaning=_(
        "A withdrawn document takes no new version and cannot be withdrawn again; an active "
        "one cannot be reinstated."
    ),
)
IMPORT_TOO_LARGE = register(
    "IR-0020",
    status=413,
    title="Import file too large",
    meaning=_("The ZIP file is larger than the limit; nothing was read."),
)
IMPORT_UNUSABLE = register(
    "IR-0021",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The upload is not a ZIP with a manifest CSV the import can read (not a ZIP, no or "
        "several manifests, missing columns, too many files, or a file that unpacks to far "
        "more than it holds); nothing was imported."
    ),
)
