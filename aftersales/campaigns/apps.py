from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "aftersales.campaigns"
    label = "campaigns"
    verbose_name = _("Technical campaigns")

    def ready(self) -> None:
        from aftersales.orders.lines import LineKind
        from aftersales.orders.selectors import line_source_register
        from aftersales.servicehistory.signals import entry_cancelled, entry_stored
        from aftersales.vehicles.notices import vehicle_notice_register

        from . import receivers
        from .notices import open_campaign_candidates, open_campaigns_notice
        from .order_lines import campaign_lines

        line_source_register(LineKind.CAMPAIGN, campaign_lines)
        vehicle_notice_register(open_campaigns_notice, candidates=open_campaign_candidates)
        entry_stored.connect(receivers.on_entry_stored, dispatch_uid="campaigns.entry_stored")
        entry_cancelled.connect(
            receivers.on_entry_cancelled, dispatch_uid="campaigns.entry_cancelled"
        )
