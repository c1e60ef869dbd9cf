"""The demo: the generic pack and a read-out of the walkthrough's car with the MIL on."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from aftersales.faultcodes import demo
from aftersales.faultcodes.models import FaultCode, FaultReport
from aftersales.faultcodes.selectors import report_views

pytestmark = pytest.mark.django_db


def test_it_loads_a_read_out_of_the_walkthroughs_car_once() -> None:
    call_command("load_demo_data", stdout=io.StringIO())
    demo.load()
    report = FaultReport.objects.select_related("vehicle", "organisation").get()
    view = report_views([report], vehicle=report.vehicle)[0]
    assert report.vehicle.vin == "WBAUV71070A193748"
    assert report.organisation.name == "Motorhjørnet ApS"
    assert report.mil_on and view.emission_relevant_count == 1
    assert view.readiness.summary() == "not ready: MIL on; catalyst monitor incomplete"
    assert FaultCode.objects.filter(code="P0420").exists()
