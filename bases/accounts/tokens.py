"""One-time links for applicant accounts."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for the link in the verification email.

    The hash covers ``email_verified_at``, so the link stops working once it has been used, and
    the address, so a link sent to an old address does not verify a new one. Links expire after
    ``PASSWORD_RESET_TIMEOUT``, like password-reset links.
    """

    key_salt = "bases.accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        account = getattr(user, "applicant_account", None)
        verified_at = account.email_verified_at if account else None
        verified = "" if verified_at is None else verified_at.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.password}{user.is_active}{user.email}{verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
