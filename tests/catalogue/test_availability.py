from unittest import mock

import pytest
from django.db import DatabaseError

from aftersales.catalogue import availability
from aftersales.catalogue.availability import application_availability
from aftersales.catalogue.models import Application
from tests.catalogue.registry_helpers import built_as, unbuilt_application

pytestmark = pytest.mark.django_db


def built(slug: str) -> mock._patch:  # type: ignore[type-arg]  # mock's private type
    return built_as(slug, "portal:overview")


def test_it_is_green_for_a_built_application(applications) -> None:  # type: ignore[no-untyped-def]
    with built("diagnosis"):
        assert application_availability(Application.objects.get(slug="diagnosis")).level == "green"


def test_it_is_red_for_an_application_that_is_not_built(applications) -> None:  # type: ignore[no-untyped-def]
    result = application_availability(unbuilt_application())
    assert result.level == "red"
    assert "not available in this portal yet" in result.reasons[0]


def test_it_is_yellow_under_maintenance(applications) -> None:  # type: ignore[no-untyped-def]
    application = Application.objects.get(slug="diagnosis")
    application.maintenance, application.maintenance_message = True, "Back at 14:00."
    with built("diagnosis"):
        result = application_availability(application)
    assert (result.level, result.reasons) == ("yellow", ["Back at 14:00."])


def test_it_is_red_when_the_database_cannot_be_reached(applications) -> None:  # type: ignore[no-untyped-def]
    application = Application.objects.get(slug="diagnosis")
    with (
        built("diagnosis"),
        mock.patch.object(availability.connection, "cursor", side_effect=DatabaseError("down")),
    ):
        result = application_availability(application)
    assert result.level == "red"
    assert "The database cannot be reached." in result.reasons
