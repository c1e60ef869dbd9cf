"""Emission-relevant fault codes' routes of the API (mounted under /api/v1/ by the registry)."""

from ninja import Router

from . import catalogue, reports

router = Router()
router.add_router("/fault-codes", catalogue.router)
router.add_router("", reports.router)
