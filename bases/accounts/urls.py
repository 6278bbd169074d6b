"""Applicant accounts under /apply/. Every URL name starts with ``apply_``."""

from django.urls import path

from bases.accounts import views

urlpatterns = [
    path("register/", views.register, name="apply_register"),
    path("register/done/", views.register_done, name="apply_register_done"),
    path("verify/resend/", views.ResendVerificationView.as_view(), name="apply_verify_resend"),
    path("verify/<uidb64>/<token>/", views.verify_email, name="apply_verify_email"),
    path("login/", views.LoginView.as_view(), name="apply_login"),
    path("logout/", views.LogoutView.as_view(), name="apply_logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="apply_password_reset"),
    path(
        "password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="apply_password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="apply_password_reset_confirm",
    ),
    path(
        "reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="apply_password_reset_complete",
    ),
]
