from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.search, name="search"),
    path("documents/<int:document_id>/", views.document_detail, name="document"),
    path("documents/<int:document_id>/file/", views.document_file, name="file"),
    path("documents/<int:document_id>/bookmark/", views.bookmark, name="bookmark"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
]
