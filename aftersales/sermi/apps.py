from django.apps import AppConfig


class SermiConfig(AppConfig):
    """Security-related access (SERMI): the persons' authorisations, the rule that admits them
    to security-related functions and content, and the access log (README.md)."""

    name = "aftersales.sermi"
    label = "sermi"

    def ready(self) -> None:
        from aftersales.catalogue.decisions import (
            security_recorder_register,
            security_rule_register,
        )
        from aftersales.mfa.rules import requirement_register

        from . import rules, services
        from .models import SecurityAuthorisation

        security_rule_register(rules.security_person_decision)
        security_recorder_register(services.security_access_log)
        requirement_register(rules.second_factor_requirement, depends_on=(SecurityAuthorisation,))
