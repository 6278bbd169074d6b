"""The e-mails applicant accounts receive. Texts are templates under
``templates/bases/accounts/email/``; links are absolute, built from the request."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from bases.accounts.tokens import email_verification_token
from portal.mail import send_templated


def uidb64(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


def _send(name, to, context):
    """Whether the mail left (see portal.mail for what happens when it does not)."""
    return send_templated(f"bases/accounts/email/{name}", [to], context)


def send_verification_email(request, user):
    link = request.build_absolute_uri(
        reverse(
            "apply_verify_email",
            kwargs={"uidb64": uidb64(user), "token": email_verification_token.make_token(user)},
        )
    )
    return _send(
        "verify",
        user.email,
        {
            "account": user.applicant_account,
            "link": link,
            "resend_url": request.build_absolute_uri(reverse("apply_verify_resend")),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
        },
    )


def send_account_confirmed_email(request, account):
    return _send(
        "confirmed",
        account.user.email,
        {"account": account, "login_url": request.build_absolute_uri(reverse("apply_login"))},
    )


def send_government_account_created_email(request, account):
    """Department staff create government accounts without a password; the government sets
    it through this one-time link (the password-reset mechanism), so nobody else knows it."""
    user = account.user
    link = request.build_absolute_uri(
        reverse(
            "apply_password_reset_confirm",
            kwargs={"uidb64": uidb64(user), "token": default_token_generator.make_token(user)},
        )
    )
    return _send(
        "government_account",
        user.email,
        {
            "account": account,
            "link": link,
            "login_url": request.build_absolute_uri(reverse("apply_login")),
            "reset_url": request.build_absolute_uri(reverse("apply_password_reset")),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
        },
    )
