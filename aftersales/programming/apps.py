from django.apps import AppConfig


class ProgrammingConfig(AppConfig):
    """Programming: the programming tool (ISTA/P) on the tools gateway. Before it programs a
    vehicle it reports the preconditions (charger, state of charge, ignition), which the portal
    checks; the result per control unit is kept and shown with the vehicle's central data and,
    in the Service history, with the service entry of the same visit."""

    name = "aftersales.programming"
    label = "programming"

    def ready(self) -> None:
        from aftersales.vehicles.sections import vehicle_section_register

        from .selectors import programming_section

        vehicle_section_register(programming_section)

        from aftersales.servicehistory.annexes import entry_annex_register
        from aftersales.servicehistory.signals import entry_stored

        from .receivers import on_entry_stored
        from .selectors import visit_results

        entry_annex_register(visit_results)
        entry_stored.connect(on_entry_stored, dispatch_uid="programming.entry_stored")
