from django.contrib import admin

from .models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "maintenance", "requires_ticket"]
    list_editable = ["position", "maintenance"]
    list_filter = ["maintenance", "requires_ticket"]
    search_fields = ["name", "slug"]
