"""Certificates use Service history's catalogue and the walkthrough's vehicle."""

from tests.servicehistory.conftest import _english, catalogue, vehicle  # noqa: F401
