"""SH-0070: storing needs a workshop organisation (SH-0050 is the entering organisation's)."""

from __future__ import annotations

import pytest

from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db


def test_it_refuses_storing_for_a_user_without_workshop_with_sh_0070(
    operator: User, vehicle: Vehicle
) -> None:
    with pytest.raises(RuleViolation) as error:
        entry_create(
            actor=operator,
            vehicle=vehicle,
            mileage="130000",
            maintenance_date="2026-11-20",
            position_codes=["engine_oil"],
        )
    assert (error.value.code, error.value.status) == ("SH-0070", 403)
