import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db

INVITE = reverse("accounts:user_invite")


def invite(client: Client, email: str = "new@example.com", **extra: object):  # type: ignore[no-untyped-def]
    data = {"email": email, "full_name": "Nils New", "language": "da", **extra}
    return client.post(INVITE, data)


def test_it_lists_the_users_of_the_own_organisation_only(
    client_for, owner: User, teammate: User, outsider: User
) -> None:
    page = client_for(owner).get(reverse("accounts:my_organisation")).content.decode()
    assert teammate.email in page
    assert outsider.email not in page


def test_it_invites_a_user_by_email(
    client_for, owner: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(owner))
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.organisation == owner.organisation and not user.has_usable_password()
    assert mail.outbox[0].to == ["new@example.com"]
    assert "/accounts/invitation/" in mail.outbox[0].body


def test_it_lets_the_invited_user_choose_a_password(
    client_for, owner: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(owner))
    path = re.search(r"(/accounts/invitation/\S+)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    anonymous = Client()
    form_url = anonymous.get(path, follow=True).redirect_chain[-1][0]
    anonymous.post(form_url, {"new_password1": "Tandrem-2026-x", "new_password2": "Tandrem-2026-x"})
    user = User.objects.get(email="new@example.com")
    assert user.check_password("Tandrem-2026-x")
    assert user.email_confirmed


def test_it_refuses_an_invitation_to_an_existing_address(
    client_for, owner: User, outsider: User
) -> None:
    response = invite(client_for(owner), email=outsider.email)
    assert response.status_code == 400
    assert "A user with this e-mail address already exists." in response.content.decode()


def test_it_refuses_invitations_by_a_teammate(client_for, teammate: User) -> None:
    assert invite(client_for(teammate)).status_code == 403
    assert not User.objects.filter(email="new@example.com").exists()


def test_it_deactivates_a_user(client_for, owner: User, teammate: User) -> None:
    client_for(owner).post(
        reverse("accounts:user_change", args=[teammate.pk]), {"action": "deactivate"}
    )
    teammate.refresh_from_db()
    assert not teammate.is_active


def test_it_makes_a_user_administrator(client_for, owner: User, teammate: User) -> None:
    client_for(owner).post(
        reverse("accounts:user_change", args=[teammate.pk]), {"action": "make_admin"}
    )
    teammate.refresh_from_db()
    assert teammate.is_org_admin


def test_it_refuses_to_deactivate_oneself(client_for, owner: User) -> None:
    response = client_for(owner).post(
        reverse("accounts:user_change", args=[owner.pk]), {"action": "deactivate"}, follow=True
    )
    assert "You cannot deactivate yourself." in response.content.decode()
    owner.refresh_from_db()
    assert owner.is_active


def test_it_refuses_changes_by_a_teammate(client_for, owner: User, teammate: User) -> None:
    response = client_for(teammate).post(
        reverse("accounts:user_change", args=[owner.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 403
    owner.refresh_from_db()
    assert owner.is_active


def test_it_hides_another_organisations_user(client_for, owner: User, outsider: User) -> None:
    response = client_for(owner).post(
        reverse("accounts:user_change", args=[outsider.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active


def organisation_form_data(organisation: Organisation, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": organisation.name,
        "street": organisation.street,
        "postcode": "7100",
        "city": "Vejle",
        "country": "DK",
        "vat_number": organisation.vat_number,
        "phone": organisation.phone,
        "contact_email": organisation.contact_email,
        "brands": ["bmw"],
        "labour_rate_per_hour": "840.00",
    }
    data.update(overrides)
    return data


def test_it_lets_an_administrator_edit_the_organisation(client_for, owner: User) -> None:
    organisation = owner.organisation
    assert organisation is not None
    data = organisation_form_data(organisation, street="Havnevej 2", phone="+45 70 00 00 00")
    response = client_for(owner).post(reverse("accounts:my_organisation"), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.street, organisation.phone) == ("Havnevej 2", "+45 70 00 00 00")
    assert str(organisation.labour_rate_per_hour) == "840.00"


def test_it_keeps_the_verified_name_and_vat_number(client_for, owner: User) -> None:
    organisation = owner.organisation
    assert organisation is not None
    data = organisation_form_data(organisation, name="Andet Navn ApS", vat_number="DK10150817")
    client_for(owner).post(reverse("accounts:my_organisation"), data)
    organisation.refresh_from_db()
    assert (organisation.name, organisation.vat_number) == ("Motorhjørnet ApS", "DK13585628")


def test_it_refuses_to_change_verified_data_through_the_service(owner: User) -> None:
    from aftersales.accounts.services import organisation_update
    from aftersales.portal.errors import RuleViolation

    assert owner.organisation is not None
    with pytest.raises(RuleViolation) as error:
        organisation_update(actor=owner, organisation=owner.organisation, data={"name": "X ApS"})
    assert (error.value.code, error.value.field) == ("ACC-0011", "name")
    assert "contact support" in error.value.message


def test_it_lets_a_pending_organisation_correct_its_name(client_for, owner: User) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    organisation = Organisation.objects.get(pk=owner.organisation_id)
    client_for(owner).post(
        reverse("accounts:my_organisation"), organisation_form_data(organisation, name="Rettet ApS")
    )
    organisation.refresh_from_db()
    assert organisation.name == "Rettet ApS"


def test_it_keeps_a_teammate_from_editing_the_organisation(client_for, teammate: User) -> None:
    response = client_for(teammate).post(reverse("accounts:my_organisation"), {"name": "X"})
    assert response.status_code == 403
    assert Organisation.objects.get(pk=teammate.organisation_id).name == "Motorhjørnet ApS"


def test_it_saves_my_data_and_the_language(client_for, teammate: User) -> None:
    client = client_for(teammate)
    client.post(reverse("accounts:my_data"), {"full_name": "Tom T.", "language": "da"})
    teammate.refresh_from_db()
    assert (teammate.full_name, teammate.language) == ("Tom T.", "da")
    assert "Mine data" in client.get(reverse("accounts:my_data")).content.decode()
