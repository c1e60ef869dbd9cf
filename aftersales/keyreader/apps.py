from django.apps import AppConfig
from django.db.models.signals import post_save


class KeyreaderConfig(AppConfig):
    name = "aftersales.keyreader"
    label = "keyreader"
    verbose_name = "KeyReader"

    def ready(self) -> None:
        from aftersales.vehicles.models import Vehicle
        from aftersales.vehicles.notices import vehicle_notice_register

        from .notices import key_read_notices, match_new_vehicle, recent_reads

        # A vehicle saved one by one (back office, demo) links its waiting reads at once; bulk
        # imports skip signals: `manage.py match_key_reads` and the back office's action do it.
        post_save.connect(match_new_vehicle, sender=Vehicle, dispatch_uid="keyreader-match")
        vehicle_notice_register(key_read_notices, candidates=recent_reads)
