"""URL routes of the web app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web.evaluations import api, edit_views, review_views, views

urlpatterns = [
    path("", views.form_list, name="list"),
    path("forms/<int:pk>/", views.form_detail, name="form"),
    path("forms/new/", edit_views.form_new, name="form-new"),
    path("forms/<int:pk>/edit/", edit_views.form_edit, name="form-edit"),
    path("forms/<int:pk>/edit/recalc", edit_views.form_recalc, name="form-recalc"),
    path("forms/<int:pk>/edit/rows", edit_views.form_rows, name="form-rows"),
    path("forms/<int:pk>/history/", review_views.form_history, name="form-history"),
    path("forms/<int:pk>/diff/", review_views.form_diff, name="form-diff"),
    path("forms/<int:pk>/step/<str:action>", review_views.form_step, name="form-step"),
    path("todo/", review_views.todo, name="todo"),
    path("forms/<int:pk>/json", views.form_json, name="form-json"),
    path("forms/<int:pk>/export/<str:fmt>", views.form_export, name="form-export"),
    path("import/", views.import_upload, name="import"),
    path("import/<str:token>/", views.import_preview, name="import-preview"),
    path("api/forms", api.forms, name="api-forms"),
    path("api/forms/<int:pk>", api.form, name="api-form"),
    path("api/forms/<int:pk>/<str:action>", api.form_step, name="api-form-step"),
    path("api/openapi.json", api.openapi, name="api-openapi"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
