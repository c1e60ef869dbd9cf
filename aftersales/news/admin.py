from django.contrib import admin

from .models import News


@admin.register(News)
class NewsAdmin(admin.ModelAdmin):
    list_display = ["published_on", "title", "language", "application"]
    list_filter = ["language", "application"]
    search_fields = ["title", "teaser", "body"]
    date_hierarchy = "published_on"
