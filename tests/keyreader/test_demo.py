"""The demo: a key reader of the demo workshop and two reads, one of the walkthrough's car."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from aftersales.keyreader.demo import DEMO_DEVICE_TOKEN, UNKNOWN_VIN
from aftersales.keyreader.models import KeyRead
from tests.api.conftest import ApiClient, assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=StringIO())


def test_it_loads_two_reads_of_the_demo_workshop(demo) -> None:  # type: ignore[no-untyped-def]
    reads = {read.vin: read for read in KeyRead.objects.select_related("organisation")}
    assert set(reads) == {"WBAUV71070A193748", UNKNOWN_VIN}
    walkthrough = reads["WBAUV71070A193748"]
    assert walkthrough.vehicle is not None and not walkthrough.below_central
    assert reads[UNKNOWN_VIN].vehicle is None
    assert {r.organisation.name for r in reads.values()} == {"Motorhjørnet ApS"}


def test_it_loads_nothing_twice(demo) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=StringIO())
    assert KeyRead.objects.count() == 2


def test_it_gives_the_demo_a_working_key_reader_token(demo) -> None:  # type: ignore[no-untyped-def]
    response = ApiClient(DEMO_DEVICE_TOKEN).post("/api/v1/key-reads", {})
    assert_problem(response, 422, "API-0001")  # authenticated and allowed; the body is empty
