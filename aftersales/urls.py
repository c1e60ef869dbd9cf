from django.contrib import admin
from django.urls import include, path

from aftersales.accounts.views import admin_login
from aftersales.catalogue.registry import BUILT_APPLICATIONS

admin.site.site_header = "Aftersales back office"
admin.site.site_title = "Aftersales back office"
# The back office logs on through the portal's log-on: lockout and the second factor.
admin.site.login = admin_login  # type: ignore[method-assign]

urlpatterns = [
    path("", include("aftersales.portal.urls")),
    path("accounts/", include("aftersales.accounts.urls")),
    path("accounts/", include("aftersales.mfa.urls")),
    path("news/", include("aftersales.news.urls")),
    path("applications/", include("aftersales.catalogue.urls")),
    path("credit/", include("aftersales.billing.urls")),
    path("vehicles/", include("aftersales.vehicles.urls")),
    # Each built application under its slug (aftersales/catalogue/registry.py).
    *(path(f"{app.slug}/", include(f"{app.package}.urls")) for app in BUILT_APPLICATIONS),
    # Public pages of the record's trust (no login): the published anchors; certificates
    # (/verify/<code>/ for anyone, /certificates/... for the issuing workshop).
    path("", include("aftersales.trust.urls")),
    path("", include("aftersales.certificates.urls")),
    path("api/", include("aftersales.api.urls")),
    path("", include("aftersales.operations.urls")),
    path("back-office/", admin.site.urls),
]

# A lost database connection in a middleware answers 503, not 500 (aftersales/operations).
handler500 = "aftersales.operations.unavailable.server_error"
