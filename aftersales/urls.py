from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Aftersales back office"
admin.site.site_title = "Aftersales back office"

urlpatterns = [
    path("", include("aftersales.portal.urls")),
    path("accounts/", include("aftersales.accounts.urls")),
    path("news/", include("aftersales.news.urls")),
    path("applications/", include("aftersales.catalogue.urls")),
    path("credit/", include("aftersales.billing.urls")),
    path("vehicles/", include("aftersales.vehicles.urls")),
    path("service-history/", include("aftersales.servicehistory.urls")),
    path("api/", include("aftersales.api.urls")),
    path("back-office/", admin.site.urls),
]
