from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile

from aftersales.accounts.models import User
from aftersales.sermi import services
from aftersales.sermi.models import SecurityAuthorisation
from tests.documents.conftest import (  # noqa: F401 (fixtures)
    _english,
    access,
    grant_information_research,
    make_document,
    outsider_access,
)

PDF = b"%PDF-1.4\n% evidence\n"


def authorise(user: User, **fields: object) -> SecurityAuthorisation:
    values: dict[str, object] = {
        "approval_number": "SERMI-DK-0042",
        "issuing_body": "Nordic Conformity CAB",
        "valid_from": datetime.date(2025, 1, 1),
        "valid_until": datetime.date(2030, 12, 31),
    }
    values.update(fields)
    return services.authorisation_record(
        operator=None,
        user=user,
        evidence=ContentFile(PDF, name="approval.pdf"),
        **values,  # type: ignore[arg-type]
    )


@pytest.fixture
def authorised(owner: User) -> SecurityAuthorisation:
    return authorise(owner)


@pytest.fixture
def immobiliser(db):  # type: ignore[no-untyped-def]
    document = make_document(
        "SI B 61 35 100",
        title="Immobiliser: program a new key",
        body="Teach a new key to the electronic immobiliser.",
    )
    document.security_related = True
    document.save(update_fields=["security_related"])
    return document
