from django.urls import path

from portal.two_factor import views

urlpatterns = [
    path("two-factor/", views.account, name="two_factor_account"),
    path("two-factor/verify/", views.verify, name="two_factor_verify"),
    path("two-factor/setup/", views.setup, name="two_factor_setup"),
    path("two-factor/codes/", views.codes, name="two_factor_codes"),
    path("two-factor/codes/new/", views.regenerate_codes, name="two_factor_regenerate"),
    path("two-factor/replace/", views.replace_device, name="two_factor_replace"),
    path("two-factor/reset/<int:user_id>/", views.reset, name="two_factor_reset"),
]
