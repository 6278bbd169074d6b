"""Applicant accounts on the public site: registration, e-mail verification, login, logout
and password reset. Django's auth views do the work; these classes add our forms, Chinese
templates and rate limits."""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from bases.accounts.emails import send_verification_email
from bases.accounts.forms import (
    ApplicantLoginForm,
    ApplicantPasswordResetForm,
    ApplicantSetPasswordForm,
    RegistrationForm,
    ResendVerificationForm,
)
from bases.accounts.tokens import email_verification_token

User = get_user_model()

REGISTERED_EMAIL_SESSION_KEY = "apply_registered_email"
VERIFICATION_MAILED_SESSION_KEY = "apply_verification_mailed"
MAIL_FAILED = "邮件暂时未能发出，请稍后重试。"


class AccountPageMixin:
    """Breadcrumbs under 申报服务 and the page title, for templates extending
    ``bases/accounts/layout.html``."""

    page_title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title
        context["trail"] = [("申报服务", "/apply/"), (self.page_title, self.request.path)]
        return context


def _page(request, template, title, extra=None):
    context = {"page_title": title, "trail": [("申报服务", "/apply/"), (title, request.path)]}
    return render(request, f"bases/accounts/{template}", {**context, **(extra or {})})


class RegisterView(AccountPageMixin, FormView):
    template_name = "bases/accounts/register.html"
    form_class = RegistrationForm
    page_title = "依托单位注册"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        try:
            account = form.save()
        except IntegrityError:
            # Someone registered the same address or credit code a moment ago.
            form.add_error(None, "提交时发生冲突，请检查后重新提交。")
            return self.form_invalid(form)
        # The account stands even when the mail server fails; the page says to resend.
        mailed = send_verification_email(self.request, account.user)
        self.request.session[REGISTERED_EMAIL_SESSION_KEY] = account.user.email
        self.request.session[VERIFICATION_MAILED_SESSION_KEY] = mailed
        return redirect("apply_register_done")


register = sensitive_post_parameters("password1", "password2")(never_cache(RegisterView.as_view()))


def register_done(request):
    return _page(
        request,
        "register_done.html",
        "注册成功",
        {
            "email": request.session.get(REGISTERED_EMAIL_SESSION_KEY),
            "mailed": request.session.get(VERIFICATION_MAILED_SESSION_KEY, True),
        },
    )


def _user_from_uidb64(uidb64):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return User._default_manager.select_related("applicant_account").get(pk=pk)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


@never_cache
def verify_email(request, uidb64, token):
    """The link in the verification e-mail: activates the account, once."""
    user = _user_from_uidb64(uidb64)
    if (
        user is None
        or not hasattr(user, "applicant_account")
        or not email_verification_token.check_token(user, token)
    ):
        return _page(request, "verify_invalid.html", "验证链接无效")
    account = user.applicant_account
    account.email_verified_at = timezone.now()
    account.save(update_fields=["email_verified_at"])
    user.is_active = True
    user.save(update_fields=["is_active"])
    return _page(request, "verify_done.html", "邮箱验证成功", {"account": account})


class ResendVerificationView(AccountPageMixin, FormView):
    """Always answers the same way, so it does not tell who has an account."""

    template_name = "bases/accounts/verify_resend.html"
    form_class = ResendVerificationForm
    page_title = "重新发送验证邮件"

    def get_initial(self):
        return {"email": self.request.GET.get("email", "")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        user = form.get_user()
        if user is not None and not send_verification_email(self.request, user):
            form.add_error(None, MAIL_FAILED)
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=form, sent=True, email=form.cleaned_data["email"])
        )


class LoginView(AccountPageMixin, auth_views.LoginView):
    template_name = "bases/accounts/login.html"
    authentication_form = ApplicantLoginForm
    page_title = "申报账户登录"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["unverified"] = form.is_bound and form.has_error("__all__", "unverified")
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule); goes to LOGOUT_REDIRECT_URL."""


class PasswordResetView(AccountPageMixin, auth_views.PasswordResetView):
    template_name = "bases/accounts/password_reset.html"
    form_class = ApplicantPasswordResetForm
    email_template_name = "bases/accounts/email/password_reset.txt"
    subject_template_name = "bases/accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("apply_password_reset_done")
    page_title = "找回密码"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetDoneView(AccountPageMixin, auth_views.PasswordResetDoneView):
    template_name = "bases/accounts/password_reset_done.html"
    page_title = "重置邮件已发送"


class PasswordResetConfirmView(AccountPageMixin, auth_views.PasswordResetConfirmView):
    template_name = "bases/accounts/password_reset_confirm.html"
    form_class = ApplicantSetPasswordForm
    success_url = reverse_lazy("apply_password_reset_complete")
    page_title = "设置新密码"


class PasswordResetCompleteView(AccountPageMixin, auth_views.PasswordResetCompleteView):
    template_name = "bases/accounts/password_reset_complete.html"
    page_title = "密码已设置"
