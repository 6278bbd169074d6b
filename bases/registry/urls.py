from django.urls import path

from bases.registry import exports as views

urlpatterns = [
    path("export.csv", views.export_csv, name="bases_export_csv"),
    path("export.json", views.export_json, name="bases_export_json"),
    path("stats/<slug:table>.csv", views.stats_csv, name="bases_stats_csv"),
]
