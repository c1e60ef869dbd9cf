from django.urls import path

from . import views

app_name = "equipment"

urlpatterns = [
    path("", views.tools, name="tools"),
    path("tools/<str:number>/", views.tool_detail, name="tool"),
    path("tools/<str:number>/picture/", views.tool_picture, name="tool_picture"),
    path("tools/<str:number>/request/", views.tool_request, name="tool_request"),
    path("inventory/", views.inventory, name="inventory"),
    path("inventory/<int:pk>/", views.inventory_item, name="inventory_item"),
    path("inventory/<int:pk>/remove/", views.inventory_item_remove, name="inventory_item_remove"),
    path("requests/", views.requests, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
]
