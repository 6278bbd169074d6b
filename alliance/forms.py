from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from portal import i18n
from portal.mail import SUBJECT_PREFIX, send
from portal.throttle import HOUR, Throttle, client_ip

MESSAGES_PER_IP = Throttle("alliance-contact", 5, HOUR)


class ContactPosterForm(forms.Form):
    """A visitor's message to the base that posted a resource; its address stays hidden."""

    name = forms.CharField(label=_("您的姓名"), max_length=50)
    organisation = forms.CharField(label=_("所在单位"), max_length=100)
    email = forms.EmailField(
        label=_("电子邮箱"), error_messages={"invalid": _("请输入有效的电子邮箱地址。")}
    )
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    message = forms.CharField(
        label=_("留言内容"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        min_length=10,
        error_messages={"min_length": _("留言内容至少 10 个字。")},
    )
    # Left empty by people; bots fill every field.
    website = forms.CharField(
        required=False,
        label=_("请勿填写此项"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("submit", _("发送留言")))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("提交未通过校验，请刷新页面后重试。"))
        return ""

    def clean(self):
        cleaned = super().clean()
        if (
            self.request is not None
            and not self.errors
            and not MESSAGES_PER_IP.allow(client_ip(self.request))
        ):
            raise forms.ValidationError(_("留言过于频繁，请一小时后再试。"))
        return cleaned


def send_contact_message(post, data):
    """Mail the visitor's message to the poster; whether it left (see portal.mail). The
    poster is a base, so the mail is in Chinese; it says when the visitor wrote from the
    English edition, a foreign partner who will want the answer in English."""
    body = (
        f"{data['name']}（{data['organisation']}）通过国合基地门户资源共享平台，"
        f"就您发布的“{post.title}”留言：\n\n{data['message']}\n\n"
        f"联系邮箱：{data['email']}\n联系电话：{data['phone'] or '未填写'}\n"
    )
    if i18n.is_english():
        body += "\n留言人使用的是门户英文版，请用英文回复。\n"
    return send(
        f"{SUBJECT_PREFIX}关于“{post.title}”的留言",
        body,
        [post.contact_email],
        reply_to=[data["email"]],
    )
