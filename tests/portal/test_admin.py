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
