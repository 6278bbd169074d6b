from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

WRONG_CODE = _("验证码不正确或已过期，请输入身份验证器上当前显示的 6 位数字。")
TOO_MANY_TRIES = _("输错次数过多，请稍候再试。")


def normalise(code):
    return "".join(code.split()).replace("-", "").lower()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("请输入验证码。")},
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        throttled = False
        for device in self.devices_for(code):
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                throttled = throttled or _data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS
                continue
            if device.verify_token(code):
                self.device = device
                return code
        raise forms.ValidationError(
            TOO_MANY_TRIES if throttled else WRONG_CODE,
            code="throttled" if throttled else "invalid",
        )

    def devices_for(self, code):
        """A code of six digits is the authenticator's; anything else is a recovery code, so
        that a mistyped recovery code never slows down the authenticator, nor the reverse."""
        is_totp = code.isascii() and code.isdigit() and len(code) == 6
        return [device for device in self.devices if isinstance(device, TOTPDevice) == is_totp]


class LoginCodeForm(CodeForm):
    """The code asked at login: from the authenticator, or one of the recovery codes."""

    def __init__(self, *args, user, **kwargs):
        devices = [
            *TOTPDevice.objects.filter(user=user, confirmed=True),
            *StaticDevice.objects.filter(user=user, confirmed=True),
        ]
        super().__init__(*args, devices=devices, **kwargs)
        self.fields["code"].help_text = _("也可以输入一个恢复码（每个只能用一次）。")
