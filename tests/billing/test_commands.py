"""convert_balances and the demo data: both idempotent."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aftersales.accounts.models import Organisation, User
from aftersales.billing.models import CreditAccount, LedgerEntry, PriceList, Ticket

pytestmark = pytest.mark.django_db


def test_it_converts_old_balances_rounding_up_once(
    tmp_path: Path, owner: User, outsider: User
) -> None:
    csv = tmp_path / "balances.csv"
    csv.write_text('vat_number,balance_eur\nDK13585628,5.34\nDK 29403473,"12,00"\n')
    call_command("convert_balances", str(csv), stdout=StringIO())
    call_command("convert_balances", str(csv), stdout=StringIO())
    balances = {a.organisation.vat_number: a.balance for a in CreditAccount.objects.all()}
    assert balances == {"DK13585628": 6, "DK29403473": 12}
    assert LedgerEntry.objects.filter(kind="conversion").count() == 2


def test_it_reports_unknown_organisations(tmp_path: Path, owner: User) -> None:
    csv = tmp_path / "balances.csv"
    csv.write_text("vat_number,balance_eur\nDK99999999,5\nDK13585628,1.2\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("convert_balances", str(csv), stdout=StringIO(), stderr=err)
    assert "DK99999999" in err.getvalue()
    assert CreditAccount.objects.get(organisation=owner.organisation).balance == 2


def _state() -> tuple[int, ...]:
    return (
        LedgerEntry.objects.count(),
        Ticket.objects.count(),
        PriceList.objects.count(),
        sum(a.balance for a in CreditAccount.objects.all()),
    )


def test_it_loads_the_demo_credits_and_tickets_idempotently(db: None) -> None:
    call_command("load_demo_data", stdout=StringIO())
    first = _state()
    call_command("load_demo_data", stdout=StringIO())
    assert _state() == first
    workshop = Organisation.objects.get(vat_number="DK13585628")
    from aftersales.billing.selectors import price_list_coming, price_list_in_force, ticket_overview

    overview = ticket_overview(actor=User.objects.get(email="mekaniker@mail.dk"))
    assert sorted(t.product.name for t in overview.active) == [
        "Diagnosis incl. Information research, 1 month",
        "Electronic Parts Catalogue, 1 month",  # booked by the parts demo
        "Programming, 1 month",  # booked by the programming demo
        "Service information package, 1 month",
    ]
    assert len(overview.expired) == 1
    assert CreditAccount.objects.get(organisation=workshop).balance > 0
    assert price_list_in_force() is not None and price_list_coming() is not None
