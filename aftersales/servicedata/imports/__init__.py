"""The labour catalogue imports (CSV and XLSX) of the back office and the management command."""

from .common import ImportResult, Reject, max_upload_bytes
from .run import labour_catalogue_import

__all__ = ["ImportResult", "Reject", "labour_catalogue_import", "max_upload_bytes"]
