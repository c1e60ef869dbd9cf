from django.urls import path

from . import views

app_name = "keyreader"

urlpatterns = [
    path("", views.key_reads, name="key_reads"),
    path("reads/<int:read_id>/", views.key_read, name="key_read"),
    path("reads/<int:read_id>/use/", views.key_read_use, name="key_read_use"),
    path("reads/<int:read_id>/raw-readout.bin", views.key_read_raw, name="key_read_raw"),
    path("key-readers/", views.devices, name="devices"),
    path("key-readers/<int:token_id>/revoke/", views.device_revoke, name="device_revoke"),
]
