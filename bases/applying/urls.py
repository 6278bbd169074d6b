"""The public application service under /apply/: accounts, calls, applications and files."""

from django.urls import include, path

urlpatterns = [
    path("", include("bases.accounts.urls")),
]
