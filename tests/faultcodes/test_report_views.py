"""The vehicle's fault memory reports: listed per workshop, recorded by a form that keeps what
was typed, attached to the service entry of the visit; another workshop's report is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales.faultcodes.models import FaultReport
from tests.servicehistory.factories import ServiceEntryFactory

from .conftest import VIN

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"faultcodes:{name}", kwargs=kwargs)


@pytest.fixture
def client(owner, client_for, access, pack, vehicle):  # type: ignore[no-untyped-def]
    return client_for(owner)


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "read_at": "2026-11-20 09:30",
        "mileage": "131050",
        "tool_id": "ISTA 4.39.20",
        "mil_on": "on",
        "code_1": "p0420",
        "status_1": "confirmed",
        "code_2": "",
        "status_2": "confirmed",
        "code_3": "0301",
        "status_3": "pending",
        "monitor_catalyst": "incomplete",
        "monitor_misfire": "complete",
    }
    data.update(overrides)
    return data


def test_it_lists_the_workshops_reports_with_what_matters(client, owner, vehicle, make_report):  # type: ignore[no-untyped-def]
    make_report(owner, vehicle)
    page = client.get(url("vehicle", vin=VIN)).content.decode()
    assert "MIL on" in page
    assert "not ready: MIL on; catalyst monitor incomplete" in page
    assert "Catalytic converter efficiency below the threshold (bank 1)" in page
    assert "1 emission-relevant code" in page  # P0420 is, P0562 (voltage) is not


def test_it_hides_other_workshops_reports(client, outsider, vehicle, make_report):  # type: ignore[no-untyped-def]
    make_report(outsider, vehicle, tool_id="OTHER-TOOL")
    page = client.get(url("vehicle", vin=VIN)).content.decode()
    assert "OTHER-TOOL" not in page
    assert "has not recorded a fault memory report of this vehicle yet" in page


def test_it_answers_404_for_another_workshops_report(client, outsider, vehicle, make_report):  # type: ignore[no-untyped-def]
    report = make_report(outsider, vehicle)
    assert client.get(url("report", report_id=report.pk)).status_code == 404


def test_it_records_a_report_typed_in_the_form(client, owner) -> None:
    response = client.post(url("report_create", vin=VIN), form_data())
    report = FaultReport.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "report", report_id=report.pk
    )
    assert [c.code for c in report.codes.all()] == ["P0420", "P0301"]
    assert report.readiness == {"misfire": "complete", "catalyst": "incomplete"}
    assert (report.source, report.created_by) == ("form", owner)


def test_it_shows_ipl_0051_and_keeps_everything_typed(client) -> None:
    page = client.post(url("report_create", vin=VIN), form_data(mileage="131.050")).content.decode()
    assert "IPL-0051 The kilometre entered is invalid." in page
    assert 'value="131.050"' in page and 'value="p0420"' in page
    assert '<option value="incomplete" selected>' in page
    assert not FaultReport.objects.exists()


def test_it_puts_a_malformed_code_next_to_its_row(client) -> None:
    page = client.post(url("report_create", vin=VIN), form_data(code_3="P03G1")).content.decode()
    row = page.split('name="code_3"')[1].split("</tr>")[0]
    assert "FC-0001 The last three characters must be hexadecimal" in row


def test_it_refuses_a_time_in_the_future(client) -> None:
    page = client.post(
        url("report_create", vin=VIN), form_data(read_at="2999-01-01 10:00")
    ).content.decode()
    assert "FC-0014 The time of the read-out (2999-01-01 10:00) lies in the future." in page


def test_it_escapes_html_typed_as_tool_id(client) -> None:
    client.post(url("report_create", vin=VIN), form_data(tool_id="<script>x</script>"))
    page = client.get(url("vehicle", vin=VIN)).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page


def test_it_attaches_a_report_to_the_service_entry_of_the_visit(
    client, owner, vehicle, make_report
):  # type: ignore[no-untyped-def]
    report = make_report(owner, vehicle)
    entry = ServiceEntryFactory(vehicle=vehicle, organisation=owner.organisation, created_by=owner)
    page = client.get(url("report", report_id=report.pk)).content.decode()
    assert entry.number in page
    response = client.post(url("report", report_id=report.pk), {"service_entry": str(entry.pk)})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.service_entry == entry
    page = client.get(url("report", report_id=report.pk)).content.decode()
    assert "The report is attached to the service entry." in page


def test_it_offers_only_the_workshops_own_entries(client, owner, outsider, vehicle, make_report):  # type: ignore[no-untyped-def]
    report = make_report(owner, vehicle)
    foreign = ServiceEntryFactory(
        vehicle=vehicle, organisation=outsider.organisation, created_by=outsider
    )
    page = client.get(url("report", report_id=report.pk)).content.decode()
    assert foreign.number not in page
    response = client.post(url("report", report_id=report.pk), {"service_entry": str(foreign.pk)})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.service_entry is None


def test_it_shows_the_readiness_monitors_of_a_report(client, owner, vehicle, make_report):  # type: ignore[no-untyped-def]
    report = make_report(owner, vehicle)
    page = client.get(url("report", report_id=report.pk)).content.decode()
    assert '<td class="fc-state-incomplete">incomplete</td>' in page
    assert '<td class="fc-state-not_supported">not supported</td>' in page


def test_it_warns_at_the_service_history_vin_entry_when_the_mil_was_on(
    client, owner, vehicle, make_report
) -> None:
    make_report(owner, vehicle)
    page = client.get(reverse("servicehistory:central_data", kwargs={"vin": VIN})).content.decode()
    assert "MIL on." in page and "The fault memory read on" in page


def test_it_tells_no_one_else_about_the_mil(
    client_for, outsider, owner, vehicle, make_report, applications
):  # type: ignore[no-untyped-def]
    make_report(owner, vehicle)
    page = (
        client_for(outsider)
        .get(reverse("servicehistory:central_data", kwargs={"vin": VIN}))
        .content.decode()
    )
    assert "The fault memory read on" not in page


def test_it_lets_no_outsider_attach_a_workshops_report(
    client_for, owner, outsider, outsider_access, vehicle, make_report
) -> None:
    report = make_report(owner, vehicle)
    entry = ServiceEntryFactory(
        vehicle=vehicle, organisation=outsider.organisation, created_by=outsider
    )
    response = client_for(outsider).post(
        url("report", report_id=report.pk), {"service_entry": str(entry.pk)}
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.service_entry is None
