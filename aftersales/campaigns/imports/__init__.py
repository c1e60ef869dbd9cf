"""The imports of the back office and the management commands: a campaign's VIN list (CSV) and
NHTSA's recall file (FLAT_RCL). Both stream the file line by line and report rejected lines
with their number; `jobs` runs them in the background with a progress bar."""

from .common import ImportResult, Reject, max_upload_bytes
from .nhtsa import nhtsa_import
from .vins import campaign_vins_import

__all__ = ["ImportResult", "Reject", "campaign_vins_import", "max_upload_bytes", "nhtsa_import"]
