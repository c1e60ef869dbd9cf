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
        # A list with editable columns (list_editable) posts the ids of its rows; one that no
        # id can be (2^63) made Django query `pk__in` with it, a 500 on SQLite
        # (docs/security-probe.md). Such a post gets the whole list, as Django does for an id
        # that is not a number, and the row's id field refuses it.
        from django.contrib.admin.options import ModelAdmin

        from .admin import list_editable_queryset

        ModelAdmin._get_list_editable_queryset = list_editable_queryset  # type: ignore[method-assign,assignment]
