"""The major change report form (Art. 14). 「保存草稿」 stores the report if what was typed is
valid, and every acceptable file in any case; an invalid form keeps what was typed, with its
errors in Chinese. Completeness is checked on submit (``change_reports.submission_problems``)
and shown on the same fields."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bases.applying.annual_report_forms import DATE_ERROR, ReportAttachmentsForm
from bases.applying.forms import _no_form_tag
from bases.models import ChangeKind, ChangeReport
from portal.forms import DateInput


class ChangeReportForm(forms.ModelForm):
    class Meta:
        model = ChangeReport
        fields = ["kind", "effective_on", "new_head", "new_host_name", "description"]
        widgets = {
            "kind": forms.RadioSelect,
            "effective_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base = self.instance.base
        self.use_required_attribute = False
        kind = self.fields["kind"]
        kind.choices = ChangeKind.choices  # a radio list without the empty choice
        kind.error_messages["invalid_choice"] = _("请选择有效的变更事项。")
        self.fields["effective_on"].error_messages["invalid"] = DATE_ERROR
        self.fields["new_head"].help_text = _("国合基地负责人变更时必填。现任负责人：%(head)s") % {
            "head": self.base.head or "（未登记）"
        }
        self.fields["new_host_name"].help_text = _(
            "依托单位并购、重组后名称改变的填写，名称不变的留空。现名称：%(name)s"
        ) % {"name": self.base.host.name}
        _no_form_tag(self)

    def clean_effective_on(self):
        day = self.cleaned_data.get("effective_on")
        if day is None:
            return day
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("变更日期不能晚于今天；尚未发生的变更请在发生后及时报告。")
            )
        if day < self.base.accreditation_date:
            raise forms.ValidationError(
                _("变更日期不能早于基地的认定日期（%(date)s）。")
                % {"date": f"{self.base.accreditation_date:%Y年%-m月%-d日}"}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        new_head = (cleaned.get("new_head") or "").strip()
        new_host_name = (cleaned.get("new_host_name") or "").strip()
        # What does not belong to the kind of change is not stored.
        cleaned["new_head"] = new_head if kind == ChangeKind.BASE_HEAD else ""
        cleaned["new_host_name"] = new_host_name if kind == ChangeKind.MERGER else ""
        if kind == ChangeKind.BASE_HEAD and new_head and new_head == self.base.head:
            self.add_error("new_head", _("新任负责人与现任负责人相同，请核对。"))
        return cleaned


class EvidenceForm(ReportAttachmentsForm):
    """The evidence: the annual report's checks (content, size, macros), each good file kept
    even if another in the same upload is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].label = _("上传证明材料")
        self.fields["files"].help_text = _(
            "可多选：任免文件、并购重组协议、营业执照变更登记等。"
            "PDF、DOC/DOCX、XLS/XLSX、JPG、PNG，每个不超过 20 MB"
        )
