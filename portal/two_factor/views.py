"""The second-factor pages of the admin: setting up an authenticator, the code at login, the
user's own page, and a user administrator's reset of someone's lost device. They sit under
/admin/, so Wagtail lets only signed-in users with admin access reach them."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from wagtail.log_actions import log

from portal.mail import send_templated
from portal.names import person_name
from portal.two_factor import rules
from portal.two_factor.forms import CodeForm, LoginCodeForm

SESSION_NEW_CODES = "two_factor_new_codes"
RESET_ACTION = "portal.two_factor.reset"


def next_url(request, default="wagtailadmin_home"):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(default)


def qr_svg(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - made by qrcode


def grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The code at login. Only the user's own devices are tried; django-otp slows down
    repeated wrong codes."""
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    form = LoginCodeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        if form.device.persistent_id.startswith("otp_static"):
            messages.warning(
                request,
                _("您用了一个恢复码，还剩 %(count)s 个。请尽快在「双因素认证」页面重新生成。")
                % {"count": rules.recovery_codes_left(user)},
            )
        return redirect(next_url(request))
    return TemplateResponse(
        request,
        "portal/two_factor/verify.html",
        {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))},
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Scan the QR code (or type the key), then confirm with one code from the app."""
    user = request.user
    if rules.has_authenticator(user):
        messages.info(request, _("您已设置身份验证器。"))
        return redirect("two_factor_account")
    device = rules.pending_authenticator(user)
    form = CodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session[SESSION_NEW_CODES] = rules.new_recovery_codes(user)
        messages.success(request, _("身份验证器已启用。以后每次登录都需要输入验证码。"))
        return redirect(f"{reverse('two_factor_codes')}?next={next_url(request)}")
    return TemplateResponse(
        request,
        "portal/two_factor/setup.html",
        {
            "form": form,
            "qr": qr_svg(device),
            "secret": grouped(b32encode(device.bin_key).decode()),
            "next": request.GET.get("next", request.POST.get("next", "")),
            "required": rules.enforced_for(user),
        },
    )


@never_cache
def codes(request):
    """The recovery codes just made, shown once."""
    new_codes = request.session.pop(SESSION_NEW_CODES, None)
    if not new_codes:
        return redirect("two_factor_account")
    return TemplateResponse(
        request,
        "portal/two_factor/codes.html",
        {"codes": new_codes, "next": next_url(request, "two_factor_account")},
    )


@never_cache
def account(request):
    user = request.user
    device = rules.authenticator(user)
    return TemplateResponse(
        request,
        "portal/two_factor/account.html",
        {
            "device": device,
            "codes_left": rules.recovery_codes_left(user) if device else 0,
            "required": rules.enforced_for(user),
        },
    )


@require_POST
def regenerate_codes(request):
    if not rules.has_authenticator(request.user):
        return redirect("two_factor_setup")
    request.session[SESSION_NEW_CODES] = rules.new_recovery_codes(request.user)
    messages.success(request, _("已生成新的恢复码，原来的恢复码全部作废。"))
    return redirect("two_factor_codes")


@require_POST
def replace_device(request):
    """Give up the current authenticator (a new phone) and set up another one at once."""
    rules.remove_devices(request.user)
    log(instance=request.user, action=RESET_ACTION, user=request.user)
    return redirect("two_factor_setup")


def may_reset(request_user, user):
    if not request_user.has_perm(f"{get_user_model()._meta.app_label}.change_user"):
        return False
    return request_user.is_superuser or not user.is_superuser


@never_cache
def reset(request, user_id):
    """A user administrator removes someone's devices, after that person lost the phone
    and the recovery codes. Logged in the audit log, and the person is told by mail."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, user):
        raise Http404  # as for a user who does not exist: nothing is said about them
    device = rules.authenticator(user)
    if request.method == "POST":
        rules.remove_devices(user)
        log(instance=user, action=RESET_ACTION, user=request.user)
        login_url = request.build_absolute_uri(reverse("wagtailadmin_login"))
        send_templated(
            "portal/two_factor/email/reset",
            [user.email],
            {"name": person_name(user), "by": person_name(request.user), "url": login_url},
        )
        messages.success(
            request,
            _("已重置 %(name)s 的双因素认证：其下次登录时需要重新设置身份验证器。")
            % {"name": person_name(user)},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request, "portal/two_factor/reset.html", {"subject": user, "device": device}
    )
