"""Billing fixtures: a price list in force with Diagnosis (incl. Information research) tickets,
and a helper that loads credits the way the operator does (top-up, payment received)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.billing import services
from aftersales.billing.models import CreditAccount, Price, PriceList, TicketProduct
from aftersales.catalogue.models import Application


def make_product(name: str, unit: str, slugs: list[str], count: int = 1) -> TicketProduct:
    product = TicketProduct.objects.create(
        name=name, name_da=f"{name} (da)", validity_unit=unit, validity_count=count
    )
    product.applications.set(Application.objects.filter(slug__in=slugs))
    return product


@pytest.fixture
def diagnosis(applications) -> Application:  # type: ignore[no-untyped-def]
    return Application.objects.get(slug="diagnosis")


@pytest.fixture
def products(applications) -> dict[str, TicketProduct]:  # type: ignore[no-untyped-def]
    both = ["diagnosis", "information-research"]
    return {
        "hour": make_product("Diagnosis, 1 hour", "hour", both),
        "day": make_product("Diagnosis, 1 day", "day", both),
        "month": make_product("Diagnosis, 1 month", "month", both),
        "year": make_product("Diagnosis, 1 year", "year", both),
        "epc": make_product("Parts catalogue, 1 day", "day", ["electronic-parts-catalogue"]),
    }


@pytest.fixture
def price_list(products: dict[str, TicketProduct]) -> PriceList:
    prices = {"hour": 18, "day": 60, "month": 480, "year": 4800, "epc": 15}
    price_list = PriceList.objects.create(
        name="Current", valid_from=clock.today() - timedelta(days=30)
    )
    for key, credits in prices.items():
        Price.objects.create(price_list=price_list, product=products[key], credits=credits)
    return price_list


@pytest.fixture
def future_price_list(products: dict[str, TicketProduct], price_list: PriceList) -> PriceList:
    future = PriceList.objects.create(
        name="Next year", valid_from=date(clock.today().year + 1, 1, 1)
    )
    Price.objects.create(price_list=future, product=products["day"], credits=65)
    return future


@pytest.fixture
def fund(operator: User) -> Callable[[Organisation, int], CreditAccount]:
    def load(organisation: Organisation, credits: int) -> CreditAccount:
        requester = organisation.users.order_by("-is_org_admin").first()
        assert requester is not None
        top_up = services.top_up_request(actor=requester, credits=credits)
        services.top_up_confirm(top_up=top_up, operator=operator)
        return CreditAccount.objects.get(organisation=organisation)

    return load
