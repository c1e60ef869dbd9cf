"""The read-only back office shared by the apps (ledger, service entries, audit log)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from aftersales.accounts.models import User
from aftersales.billing.models import LedgerEntry
from aftersales.portal.admin import ReadOnlyAdmin

pytestmark = pytest.mark.django_db


def test_it_lets_an_operator_add_change_or_delete_nothing(operator: User) -> None:
    request = RequestFactory().get("/back-office/")
    request.user = operator
    model_admin = ReadOnlyAdmin(LedgerEntry, admin.site)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_it_is_the_admin_of_the_ledger() -> None:
    assert isinstance(admin.site.get_model_admin(LedgerEntry), ReadOnlyAdmin)


# What the probe of the running portal found (docs/security-probe.md): a list with editable
# columns posted with a row id no row can have (2^63) was a 500 on SQLite.
@pytest.mark.parametrize("row_id", [str(2**63), "abc"])
def test_it_refuses_an_impossible_row_id_of_an_editable_list(client_for, operator, row_id) -> None:  # type: ignore[no-untyped-def]
    from aftersales.billing.models import TicketProduct

    product = TicketProduct.objects.create(name="Diagnosis, 1 day", validity_unit="day")
    response = client_for(operator).post(
        "/back-office/billing/ticketproduct/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": row_id,
            "form-0-position": "3",
            "form-0-active": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    product.refresh_from_db()
    assert product.position != 3
