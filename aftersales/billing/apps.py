from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "aftersales.billing"
    label = "billing"

    def ready(self) -> None:
        from aftersales.catalogue.decisions import access_rule_register

        from . import checks  # noqa: F401 (registers the invoice seller's deploy check)
        from .access import ticket_decision
        from .models import Ticket, TicketProduct

        access_rule_register(
            ticket_decision,
            depends_on=(Ticket, TicketProduct, TicketProduct.applications.through),
        )
