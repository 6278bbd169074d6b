"""Forms for applicant accounts: registration, login, verification resends and password
reset on the public site; creating and editing accounts in the Wagtail admin."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.validators import RegexValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from bases.accounts.throttle import (
    MAILS_PER_ADDRESS,
    MAILS_PER_IP,
    REGISTRATIONS_PER_IP,
    client_ip,
)
from bases.models import ApplicantAccount, HostOrganisation, LeagueCity, RecommendingDepartment
from bases.rules.credit_code import normalise_credit_code, validate_credit_code
from portal.forms import DateInput
from portal.logins import TOO_MANY_LOGINS, is_locked_out
from portal.mail import send

User = get_user_model()

# The username is the e-mail address, so it must fit the username column.
EMAIL_MAX_LENGTH = User._meta.get_field("username").max_length

EMAIL_ERRORS = {"invalid": _("请输入有效的电子邮箱地址。")}
EMAIL_TAKEN = _("该邮箱已注册。如忘记密码，请通过“忘记密码”重新设置。")
TOO_MANY_REGISTRATIONS = _("注册过于频繁，请一小时后再试。")
TOO_MANY_MAILS = _("操作过于频繁，请一小时后再试。")

phone_validator = RegexValidator(
    r"^[0-9+\-()（） ]{7,30}$", _("请输入有效的联系电话，例如 0471-1234567 或 13800000000。")
)


def normalise_email(value):
    return (value or "").strip().lower()


def email_is_taken(email):
    return User.objects.filter(username__iexact=email).exists()


def _same_unit_name(a, b):
    """Registry names and typed names differ in blanks and half-width brackets only."""
    table = str.maketrans({"(": "（", ")": "）"})
    return "".join(a.split()).translate(table) == "".join(b.split()).translate(table)


def _helper(submit_label, *layout):
    helper = FormHelper()
    helper.form_method = "post"
    if layout:
        helper.layout = Layout(*layout)
    helper.add_input(Submit("submit", submit_label))
    return helper


class RegistrationForm(forms.Form):
    """A host organisation registers itself and its first contact's login.

    A unit whose credit code is already in the registry is linked to that record (its name must
    match; the registry is never overwritten from here), otherwise a new, unconfirmed
    HostOrganisation is created. Either way the account starts unconfirmed: anyone can know a
    unit's credit code, so only its recommending department can vouch that the person
    registering speaks for the unit (Art. 10).
    """

    name = forms.CharField(label=_("单位名称"), max_length=200)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        help_text=_("18 位，见营业执照或法人证书；字母不区分大小写。"),
    )
    kind = forms.ChoiceField(
        label=_("单位类型"), choices=[("", _("请选择"))] + HostOrganisation.Kind.choices
    )
    registration_date = forms.DateField(
        label=_("注册（成立）日期"),
        widget=DateInput(),
        error_messages={"invalid": _("请输入有效的日期，例如 2020-05-01。")},
    )
    league_city = forms.ModelChoiceField(
        label=_("所在盟市"), queryset=LeagueCity.objects.all(), empty_label=_("请选择")
    )
    recommending_department = forms.ModelChoiceField(
        label=_("推荐部门"),
        queryset=RecommendingDepartment.objects.select_related("league_city"),
        empty_label=_("请选择"),
        help_text=_(
            "所在盟市科技主管部门，或单位的上级主管部门。"
            "单位已在基地名录中登记的，以登记的推荐部门为准。"
        ),
    )
    address = forms.CharField(label=_("单位地址"), max_length=200)
    contact_name = forms.CharField(label=_("联系人"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=30, validators=[phone_validator])
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("用作登录账号，并接收验证邮件和审核通知。"),
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.existing_host = None
        departments = {}
        for department in self.fields["recommending_department"].queryset:
            departments.setdefault(department.get_kind_display(), []).append(
                (department.pk, department.name)
            )
        self.fields["recommending_department"].choices = [("", _("请选择")), *departments.items()]
        self.helper = _helper(
            _("注册"),
            Fieldset(
                _("依托单位信息"),
                "name",
                "credit_code",
                "kind",
                "registration_date",
                "league_city",
                "recommending_department",
                "address",
            ),
            Fieldset(_("联系人"), "contact_name", "phone"),
            Fieldset(_("登录信息"), "email", "password1", "password2"),
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_credit_code(self):
        code = normalise_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        return code

    def clean_registration_date(self):
        date = self.cleaned_data["registration_date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("注册（成立）日期不能晚于今天。"))
        return date

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if email_is_taken(email):
            raise forms.ValidationError(EMAIL_TAKEN, code="taken")
        return email

    def clean(self):
        cleaned = super().clean()
        self._check_host(cleaned)
        self._check_department(cleaned)
        self._check_passwords(cleaned)
        # A valid registration takes its place in the count now, in the same step as the
        # check, so that two sent at once cannot both take the last one.
        if (
            not self.errors
            and self.request is not None
            and not REGISTRATIONS_PER_IP.allow(client_ip(self.request))
        ):
            raise forms.ValidationError(TOO_MANY_REGISTRATIONS, code="throttled")
        return cleaned

    def _check_host(self, cleaned):
        code, name = cleaned.get("credit_code"), cleaned.get("name")
        if not code:
            return
        host = HostOrganisation.objects.filter(credit_code=code).first()
        if host is None:
            return
        if name and not _same_unit_name(host.name, name):
            self.add_error(
                "name",
                forms.ValidationError(
                    _(
                        "统一社会信用代码 %(code)s 在基地名录中登记的单位名称为“%(registered)s”，"
                        "与您填写的“%(typed)s”不一致。请核对单位名称；"
                        "如登记信息有误，请联系推荐部门更正。"
                    ),
                    code="name_mismatch",
                    params={"code": code, "registered": host.name, "typed": name},
                ),
            )
            return
        self.existing_host = host

    def _check_department(self, cleaned):
        department, league = cleaned.get("recommending_department"), cleaned.get("league_city")
        if (
            department
            and league
            and department.kind == RecommendingDepartment.Kind.LEAGUE_CITY_BUREAU
            and department.league_city_id != league.pk
        ):
            self.add_error(
                "recommending_department",
                _("“%(department)s”不是%(league)s的科技主管部门，请重新选择。")
                % {"department": department.name, "league": league.name},
            )

    def _check_passwords(self, cleaned):
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("两次输入的密码不一致。"))
            return
        if password1:
            email = cleaned.get("email") or ""
            candidate = User(
                username=email, email=email, first_name=cleaned.get("contact_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        host = self.existing_host or HostOrganisation.objects.create(
            name=data["name"],
            credit_code=data["credit_code"],
            kind=data["kind"],
            registration_date=data["registration_date"],
            league_city=data["league_city"],
            recommending_department=data["recommending_department"],
            address=data["address"],
            confirmed=False,
        )
        # Inactive until the address is verified; never staff, never in a group.
        user = User(
            username=data["email"],
            email=data["email"],
            first_name=data["contact_name"],
            is_active=False,
        )
        user.set_password(data["password1"])
        user.save()
        account = ApplicantAccount.objects.create(
            user=user,
            kind=ApplicantAccount.Kind.HOST,
            host=host,
            # A registered host is confirmed by its registered department, whatever was chosen.
            recommending_department=host.recommending_department or data["recommending_department"],
            contact_name=data["contact_name"],
            phone=data["phone"],
        )
        return account


class ApplicantLoginForm(AuthenticationForm):
    """Login by e-mail address, case-insensitively, with failed attempts rate-limited."""

    username = forms.EmailField(
        label=_("电子邮箱"),
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("邮箱或密码不正确。"),
        "inactive": _("该账户已停用。如有疑问，请联系推荐部门或科技厅。"),
        "not_applicant": _("该账户不是申报账户。科技厅和推荐部门工作人员请从管理后台登录。"),
        "unverified": _("邮箱尚未验证，请先点击验证邮件中的链接完成验证。"),
        "throttled": TOO_MANY_LOGINS,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.helper = _helper(_("登录"))

    def clean_username(self):
        return normalise_email(self.cleaned_data["username"])

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        # django-axes counts the failures (portal.logins) and refuses a locked-out attempt.
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            if is_locked_out(self.request):
                raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
            if self._is_unverified(username, password):
                raise forms.ValidationError(self.error_messages["unverified"], code="unverified")
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def _is_unverified(self, username, password):
        """The right password for an account that is inactive only because its address is not
        verified yet (Django's backend refuses every inactive user alike)."""
        user = User.objects.filter(
            username=username,
            is_active=False,
            applicant_account__email_verified_at__isnull=True,
        ).first()
        return user is not None and user.check_password(password)

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not ApplicantAccount.objects.filter(user=user).exists():
            raise forms.ValidationError(self.error_messages["not_applicant"], code="not_applicant")

    def get_invalid_login_error(self):
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class MailRequestForm(forms.Form):
    """A form that mails a link to a typed address: one address field, rate-limited per
    IP and per address (see ``throttle``), counted whether or not the address exists."""

    email = forms.EmailField(
        label=_("注册时填写的电子邮箱"),
        max_length=254,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    submit_label = ""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.helper = _helper(self.submit_label)

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        ip = client_ip(self.request)
        # Both limits count the request (each in one step with its check, see throttle).
        within_ip, within_address = MAILS_PER_IP.allow(ip), MAILS_PER_ADDRESS.allow(email)
        if not (within_ip and within_address):
            raise forms.ValidationError(TOO_MANY_MAILS, code="throttled")
        return email


class ResendVerificationForm(MailRequestForm):
    submit_label = _("重新发送验证邮件")

    def get_user(self):
        """The account still waiting for verification at this address, if any."""
        return (
            User.objects.filter(
                username=self.cleaned_data["email"],
                is_active=False,
                applicant_account__email_verified_at__isnull=True,
            )
            .select_related("applicant_account")
            .first()
        )


class ApplicantPasswordResetForm(MailRequestForm, PasswordResetForm):
    submit_label = _("发送重置邮件")

    def get_users(self, email):
        """Active applicant accounts only: staff reset their passwords in the admin.
        Government accounts created without a password may use this to get a fresh link."""
        return User.objects.filter(
            username=email, is_active=True, applicant_account__isnull=False
        ).select_related("applicant_account")

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Through the portal's one mail path. Whether it left is not shown: the page must not
        # tell a visitor which addresses have accounts.
        to_email = args[1] if len(args) > 1 else kwargs["to_email"]
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        send(subject, render_to_string(email_template_name, context), [to_email])


class ApplicantSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("新密码")
        self.fields["new_password2"].label = _("确认新密码")
        self.helper = _helper(_("设置密码"))


# The admin side


class GovernmentAccountForm(WagtailAdminModelForm):
    """Department staff create the account of a league/city government, which applies for an
    innovation park (Art. 5). Staff vouch for it, so it is confirmed and its address counts as
    verified; it has no password until the government sets one through the e-mailed link."""

    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("用作登录账号。系统将向该邮箱发送设置密码的链接。"),
        error_messages=EMAIL_ERRORS,
    )

    class Meta:
        model = ApplicantAccount
        fields = ["government_name", "league_city", "contact_name", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = ApplicantAccount.Kind.GOVERNMENT
        self.fields["government_name"].required = True
        self.fields["league_city"].required = True
        self.fields["phone"].validators.append(phone_validator)

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if email_is_taken(email):
            raise forms.ValidationError(_("该邮箱已被其他账户使用。"), code="taken")
        return email

    @transaction.atomic
    def save(self, commit=True):
        account = super().save(commit=False)
        email = self.cleaned_data["email"]
        user = User(username=email, email=email, first_name=account.contact_name)
        user.set_unusable_password()
        user.save()
        now = timezone.now()
        account.user = user
        account.email_verified_at = now
        account.confirmed_at = now
        account.confirmed_by = self.for_user
        account.save()
        return account


class ApplicantAccountEditForm(WagtailAdminModelForm):
    """Staff correct an account's contact details. The login address and the host are not
    editable here: the host's own record is edited in the registry."""

    class Meta:
        model = ApplicantAccount
        fields = ["contact_name", "phone", "government_name", "league_city"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_government:
            self.fields["government_name"].required = True
            self.fields["league_city"].required = True
        else:
            del self.fields["government_name"]
            del self.fields["league_city"]
