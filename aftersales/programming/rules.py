"""The preconditions of programming a vehicle: one rule for the API (and any later page)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _


def failed_preconditions(
    *, charger_connected: bool, soc_percent: Decimal, ignition: str, minimum_soc: Decimal
) -> list[dict[str, str]]:
    """What is not met, each as {"precondition", "message"}; empty: programming may start."""
    failed = []
    if not charger_connected:
        failed.append(
            {
                "precondition": "charger_connected",
                "message": _("The battery charger is not connected."),
            }
        )
    if soc_percent < minimum_soc:
        failed.append(
            {
                "precondition": "soc_percent",
                "message": _(
                    "The state of charge is %(soc)s %%, below the minimum of %(minimum)s %%."
                )
                % {"soc": soc_percent, "minimum": minimum_soc},
            }
        )
    if ignition != "on":
        failed.append({"precondition": "ignition", "message": _("The ignition must be on.")})
    return failed
