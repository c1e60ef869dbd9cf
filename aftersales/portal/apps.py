from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "aftersales.portal"
    label = "portal"

    def ready(self) -> None:
        from django import forms
        from django.contrib.admin.options import BaseModelAdmin

        from . import problems
        from .forms import ModelForm

        problems.autodiscover()
        # The back office's default form is the portal's ModelForm, so that every ModelAdmin
        # and inline refuses control characters (aftersales/portal/text.py) without each
        # naming a form; those that name their own use TextInputsMixin.
        if BaseModelAdmin.form is forms.ModelForm:  # type: ignore[misc]
            BaseModelAdmin.form = ModelForm  # type: ignore[misc]
