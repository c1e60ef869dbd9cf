"""The ticket rule of `aftersales.catalogue.access.application_access` (the one deciding function).

An application that needs a ticket can be started only while a ticket of the user's organisation
covers it; the rule is evaluated at request time, so a running session loses access when its
ticket expires.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from aftersales.accounts.models import Organisation
from aftersales.catalogue import codes as catalogue_codes
from aftersales.catalogue.decisions import ALLOWED, AccessDecision
from aftersales.catalogue.models import Application

from .selectors import active_ticket_for, had_ticket_for


def book_url_for(application: Application) -> str:
    return f"{reverse('billing:my_tickets')}?{urlencode({'application': application.slug})}"


def ticket_decision(
    organisation: Organisation, application: Application, at: datetime
) -> AccessDecision:
    """Registered with the catalogue in BillingConfig.ready(); only for applications that the
    operator set to need a ticket."""
    if not application.requires_ticket:
        return ALLOWED
    ticket = active_ticket_for(organisation=organisation, application=application, at=at)
    if ticket is not None:
        return AccessDecision(True, valid_until=ticket.ends_at)
    if had_ticket_for(organisation=organisation, application=application, at=at):
        return AccessDecision(
            False,
            catalogue_codes.TICKET_EXPIRED,
            _("Your ticket for %(application)s has expired. Please book a new ticket.")
            % {"application": application.name},
            book_url=book_url_for(application),
        )
    return AccessDecision(
        False,
        catalogue_codes.TICKET_REQUIRED,
        _("%(application)s needs a ticket. Please book a ticket to start it.")
        % {"application": application.name},
        book_url=book_url_for(application),
    )
