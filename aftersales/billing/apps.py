from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "aftersales.billing"
    label = "billing"

    def ready(self) -> None:
        from aftersales.catalogue.decisions import access_rule_register

        from .access import ticket_decision

        access_rule_register(ticket_decision)
