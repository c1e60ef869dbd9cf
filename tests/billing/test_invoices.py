"""Invoices are fixed when issued: numbers per year without gaps, the seller from the settings,
the buyer as at issue; nothing changes them afterwards. With outsider cases."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from aftersales.accounts.models import Organisation, User
from aftersales.billing import services
from aftersales.billing.checks import invoice_seller_check
from aftersales.billing.models import ImmutableError, Invoice

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User], Client]


@pytest.fixture(autouse=True)
def seller(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INVOICE_SELLER_NAME = "Portal Operator ApS"
    settings.INVOICE_SELLER_ADDRESS = "Havnegade 3 | 5000 Odense | Denmark"
    settings.INVOICE_SELLER_VAT_NUMBER = "DK87654321"
    settings.INVOICE_SELLER_BANK = "Nordbank | IBAN DK11 2222 3333 4444 55"


def pdf_text(client: Client, top_up_id: int) -> str:
    response = client.get(reverse("billing:invoice", args=[top_up_id]))
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_it_numbers_the_invoices_of_a_year_in_sequence(owner: User) -> None:
    january = datetime(2026, 1, 5, 10, tzinfo=UTC)
    numbers = [
        services.top_up_request(actor=owner, credits=10, now=january).invoice.number
        for _ in range(3)
    ]
    assert numbers == ["2026-000001", "2026-000002", "2026-000003"]


def test_it_starts_the_numbers_again_in_a_new_year(owner: User) -> None:
    services.top_up_request(actor=owner, credits=10, now=datetime(2026, 12, 30, tzinfo=UTC))
    top_up = services.top_up_request(actor=owner, credits=10, now=datetime(2027, 1, 2, tzinfo=UTC))
    assert top_up.invoice.number == "2027-000001"


def test_it_prints_the_seller_from_the_settings(client_for: ClientFor, owner: User) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    text = pdf_text(client_for(owner), top_up.pk)
    for expected in [
        "Portal Operator ApS",
        "Havnegade 3",
        "DK87654321",
        "IBAN DK11 2222 3333 4444 55",
    ]:
        assert expected in text
    assert top_up.invoice.number in text and "125.00" in text


def test_it_keeps_an_issued_invoice_when_the_workshop_moves(
    client_for: ClientFor,
    owner: User,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    before = pdf_text(client_for(owner), top_up.pk)
    Organisation.objects.filter(pk=owner.organisation_id).update(
        name="Motorhjørnet Holding ApS", street="Nyvej 99", city="Kolding"
    )
    settings.INVOICE_SELLER_NAME = "Someone Else A/S"
    after = pdf_text(client_for(owner), top_up.pk)
    assert "Industrivej 1" in after and "Vejle" in after and "Nyvej 99" not in after
    assert "Portal Operator ApS" in after and "Someone Else" not in after
    assert before.split("Printed")[0] == after.split("Printed")[0]


def test_it_refuses_to_edit_or_delete_an_issued_invoice(owner: User) -> None:
    invoice = services.top_up_request(actor=owner, credits=10).invoice
    invoice.buyer_name = "Changed"
    with pytest.raises(ImmutableError):
        invoice.save()
    with pytest.raises(ImmutableError):
        Invoice.objects.filter(pk=invoice.pk).update(buyer_name="Changed")
    with pytest.raises(ImmutableError):
        invoice.delete()


@pytest.mark.postgres_only
def test_it_has_the_database_refuse_a_changed_invoice(owner: User) -> None:
    from django.db import DatabaseError, transaction

    invoice = services.top_up_request(actor=owner, credits=10).invoice
    with (
        pytest.raises(DatabaseError, match="never changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE billing_invoice SET buyer_name = 'x' WHERE id = %s", [invoice.pk])


def test_it_hides_an_invoice_from_an_outsider(
    client_for: ClientFor, owner: User, outsider: User
) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    response = client_for(outsider).get(reverse("billing:invoice", args=[top_up.pk]))
    assert response.status_code == 404
    assert top_up.invoice.number.encode() not in response.content


def test_it_requires_the_seller_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INVOICE_SELLER_BANK = ""
    errors = invoice_seller_check()
    assert [error.id for error in errors] == ["billing.E001"]
    assert "INVOICE_SELLER_BANK" in errors[0].msg


def test_it_lists_the_invoice_number_on_my_credit(client_for: ClientFor, owner: User) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    page = client_for(owner).get(reverse("billing:my_credit")).content.decode()
    assert top_up.invoice.number in page


def test_it_lists_no_invoice_of_another_organisation(
    client_for: ClientFor, owner: User, outsider: User
) -> None:
    top_up = services.top_up_request(actor=owner, credits=100)
    page = client_for(outsider).get(reverse("billing:my_credit")).content.decode()
    assert top_up.invoice.number not in page
