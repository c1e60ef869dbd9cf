"""Service history's routes of the API (mounted under /api/v1/ by the registry's line)."""

from ninja import Router

from . import entries, vehicles

router = Router()
router.add_router("/vehicles", vehicles.router)
router.add_router("/service-entries", entries.router)
