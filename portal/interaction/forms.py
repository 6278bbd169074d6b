from captcha.fields import CaptchaField, CaptchaTextInput
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.interaction.citations import article_choices
from portal.interaction.models import Question, Topic
from portal.throttle import HOUR, Throttle, client_ip

# Counted in the database like every public form's limit; keys are hashed (portal.throttle).
QUESTIONS_PER_IP = Throttle("interaction-ask", 5, HOUR)
QUESTIONS_PER_ADDRESS = Throttle("interaction-ask-email", 3, HOUR)


class CaptchaInput(CaptchaTextInput):
    """The captcha's picture and answer box, in the portal's words and without inline style
    (the public site's Content Security Policy allows none)."""

    template_name = "interaction/widgets/captcha.html"

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "class": "form-control captcha-answer",
            "inputmode": "latin",
            "aria-label": "验证码：请输入图中的字符",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, **kwargs)


class AskForm(forms.Form):
    """A question from anyone: no account, a captcha, and a limit per address and per mailbox."""

    asker_name = forms.CharField(
        label=_("您的姓名"), max_length=50, required=False, help_text=_("可不填写")
    )
    contact_email = forms.EmailField(
        label=_("电子邮箱"),
        help_text=_("用于接收查询链接和答复通知，不会在网站上公开"),
        error_messages={
            "required": _("请填写电子邮箱，用于接收查询链接。"),
            "invalid": _("请输入有效的电子邮箱地址。"),
        },
    )
    topic = forms.ChoiceField(
        label=_("问题类别"),
        choices=[("", _("请选择")), *Topic.choices],
        error_messages={
            "required": _("请选择问题类别。"),
            "invalid_choice": _("请选择问题类别。"),
        },
    )
    question = forms.CharField(
        label=_("您的问题"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,
        max_length=2000,
        help_text=_("请勿填写身份证号、电话等个人信息"),
        error_messages={
            "required": _("请填写您的问题。"),
            "min_length": _("问题至少 10 个字。"),
            "max_length": _("问题不超过 2000 字。"),
        },
    )
    captcha = CaptchaField(
        label=_("验证码"),
        widget=CaptchaInput(),
        help_text=_("请输入图片中的字符，不区分大小写"),
        error_messages={
            "required": _("请输入验证码。"),
            "invalid": _("验证码不正确，请重新输入新图片中的字符。"),
        },
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("submit", _("提交问题")))

    def clean(self):
        cleaned = super().clean()
        if self.request is not None and not self.errors:
            # Both limits count the attempt, so that neither can be probed for free.
            by_address = QUESTIONS_PER_IP.allow(client_ip(self.request))
            by_mailbox = QUESTIONS_PER_ADDRESS.allow(cleaned["contact_email"].lower())
            if not (by_address and by_mailbox):
                raise forms.ValidationError(_("提问过于频繁，请一小时后再试。"))
        return cleaned


class QuestionAdminForm(WagtailAdminModelForm):
    """The staff's form: the cited articles are chosen from the Measures' articles."""

    cited_articles = forms.TypedMultipleChoiceField(
        label=_("引用《管理办法》条款"),
        choices=article_choices,
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("答复所依据的条款，公开时链接到《管理办法》的相应条文；按住 Ctrl 可多选"),
    )

    class Meta:
        model = Question
        fields = ["asker_name", "topic", "question", "answer", "cited_articles", "is_faq"]

    def clean(self):
        cleaned = super().clean()
        # A draft may be saved without an answer; it cannot go to review or be published.
        going_public = any(key in self.data for key in ("action-submit", "action-publish"))
        if going_public and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("提交审核或发布前请填写答复。"))
        return cleaned
