"""The public application service under /apply/: accounts, calls, applications and files."""

from django.urls import include, path

from bases.applying import annual_report_views as reports
from bases.applying import change_report_views as changes
from bases.applying import rectification_views as rectifications
from bases.applying import views

urlpatterns = [
    path("", views.call_index, name="apply_index"),
    path("calls/<int:pk>/", views.call_detail, name="apply_call"),
    path("calls/<int:call_pk>/start/", views.start, name="apply_start"),
    path("mine/", views.dashboard, name="apply_dashboard"),
    path("mine/<int:pk>/", views.detail, name="apply_detail"),
    path("mine/<int:pk>/edit/", views.edit, name="apply_edit"),
    path("mine/<int:pk>/withdraw/", views.withdraw, name="apply_withdraw"),
    path("mine/<int:pk>/certificate/", views.certificate, name="apply_certificate"),
    path("files/<int:pk>/", views.download, name="apply_file"),
    path("bases/", reports.my_bases, name="apply_my_bases"),
    path(
        "bases/<int:base_pk>/<int:year>/<str:kind>/start/",
        reports.start,
        name="apply_report_start",
    ),
    path("bases/reports/<int:pk>/", reports.detail, name="apply_report"),
    path("bases/reports/<int:pk>/edit/", reports.edit, name="apply_report_edit"),
    path("bases/report-files/<int:pk>/", reports.download, name="apply_report_file"),
    path("bases/rectifications/<int:pk>/", rectifications.detail, name="apply_rectification"),
    path(
        "bases/rectifications/<int:pk>/edit/",
        rectifications.edit,
        name="apply_rectification_edit",
    ),
    path(
        "bases/rectification-files/<int:pk>/",
        rectifications.download,
        name="apply_rectification_file",
    ),
    path("bases/<int:base_pk>/changes/start/", changes.start, name="apply_change_start"),
    path("bases/changes/<int:pk>/", changes.detail, name="apply_change"),
    path("bases/changes/<int:pk>/edit/", changes.edit, name="apply_change_edit"),
    path("bases/change-files/<int:pk>/", changes.download, name="apply_change_file"),
    path("", include("bases.accounts.urls")),
]
