"""The forms reviewers fill in: a step's actions (rendered by Wagtail in the action modal,
whose cleaned data ``on_action`` validates again), and the desk's own pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bases.models.reviews import ExpertAssignment, SiteInspection
from bases.review.files import name_upload
from bases.review.roles import expert_pool
from bases.rules.experts import has_conflict_of_interest
from portal.forms import DateInput
from portal.names import person_name


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("给申报单位的意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("申报单位可以看到，并随通知邮件发送。"),
    )
    internal_note = forms.CharField(
        label=_("内部意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("仅审核人员可见，不会告知申报单位。"),
    )


class ReturnForm(ReviewCommentForm):
    comment = forms.CharField(
        label=_("退回修改意见"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("申报单位将按此意见修改后重新提交，审核从本环节继续。"),
        error_messages={"required": _("请填写退回修改的意见。")},
    )


class RefuseForm(ReviewCommentForm):
    comment = forms.CharField(
        label=_("不予认定的理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("不予认定是最终决定，申报随之办结。"),
        error_messages={"required": _("请填写不予认定的理由。")},
    )


class NoLongerQualifiedForm(ReviewCommentForm):
    """Art. 14: why the base no longer meets its conditions after the change. The reason goes
    to the host and into the facts of the revocation it leads to."""

    comment = forms.CharField(
        label=_("不再符合认定条件的理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写不再符合认定条件的理由。")},
    )


class AgendaForm(ReviewCommentForm):
    agenda_year = forms.IntegerField(label=_("会商年度"), min_value=2000, max_value=2100)
    agenda_reference = forms.CharField(label=_("会商议题编号或纪要文号"), max_length=200)


class ScoreForm(forms.Form):
    score = forms.IntegerField(
        label=_("评分（0–100）"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("评分应在 0 到 100 之间。"),
            "max_value": _("评分应在 0 到 100 之间。"),
        },
    )
    recommendation = forms.ChoiceField(
        label=_("评审意见"), choices=ExpertAssignment.Recommendation.choices
    )
    opinion = forms.CharField(label=_("评审意见说明"), widget=forms.Textarea(attrs={"rows": 5}))


class DecisionForm(ReviewCommentForm):
    decision_number = forms.CharField(label=_("认定文号"), max_length=100)


class PublicityForm(ReviewCommentForm):
    objections = forms.CharField(
        label=_("公示期间的异议情况"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("没有异议的，请填写“公示期内无异议”。"),
    )


class AssignExpertsForm(forms.Form):
    """Staff pick experts from the pool: users who hold the expert's permission, less those
    already assigned, and never one of the host's own people (conflict of interest)."""

    experts = forms.ModelMultipleChoiceField(
        label=_("评审专家"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一位专家。")},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        assigned = ExpertAssignment.objects.filter(application=application).values("expert")
        self.fields["experts"].queryset = (
            expert_pool()
            .exclude(pk__in=assigned)
            .select_related("expert_profile")
            .order_by("last_name", "first_name", "username")
        )
        self.fields["experts"].label_from_instance = expert_label

    def clean_experts(self):
        experts = self.cleaned_data["experts"]
        conflicted = [
            expert for expert in experts if has_conflict_of_interest(expert, self.application)
        ]
        if conflicted:
            raise forms.ValidationError(
                _("%(names)s 是申报单位的人员，存在利益冲突，不能指派。")
                % {"names": "、".join(expert_label(expert) for expert in conflicted)}
            )
        return experts


def expert_label(user):
    profile = getattr(user, "expert_profile", None)
    name = person_name(user)
    return f"{name}（{profile.organisation}）" if profile else name


class SiteInspectionForm(forms.ModelForm):
    class Meta:
        model = SiteInspection
        fields = ["inspected_on", "team", "findings", "result", "report"]
        widgets = {
            "inspected_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_report(self):
        report = self.cleaned_data.get("report")
        if name := name_upload(report):
            self.instance.report_name = name
        return report


class PlaqueReturnForm(forms.Form):
    """Staff record that a revoked base's plaque came back (Art. 12: 收回所授牌匾)."""

    returned_on = forms.DateField(label=_("收回日期"))


class ComplianceDecisionForm(forms.Form):
    """Staff confirm or dismiss a revocation the annual report monitor proposed."""

    CONFIRM = "confirm"
    DISMISS = "dismiss"

    decision = forms.ChoiceField(
        label=_("办理结果"),
        choices=[(CONFIRM, _("确认撤销建议")), (DISMISS, _("驳回（不予撤销）"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择确认或驳回。")},
    )
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("例如已核实的报送情况、纸质报送记录或不可抗力。记入办理记录。"),
        error_messages={"required": _("请填写确认或驳回的理由。")},
    )


class ReversalForm(forms.Form):
    """The leadership correct a wrong revocation by a recorded decision (Art. 12)."""

    reversed_on = forms.DateField(
        label=_("撤回日期"),
        widget=DateInput,
        error_messages={"required": _("请填写撤回日期。"), "invalid": _("请输入有效的日期。")},
    )
    decision_number = forms.CharField(
        label=_("撤回决定文号"),
        max_length=100,
        help_text=_("如：内科发〔2026〕60号"),
        error_messages={"required": _("请填写撤回决定文号。")},
    )
    reason = forms.CharField(
        label=_("撤回理由"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写明原撤销决定错在何处；写入状态记录和撤回公告。"),
        error_messages={"required": _("请填写撤回理由。")},
    )
    document = forms.FileField(
        label=_("撤回决定文件"),
        help_text=_("PDF 等，不公开。"),
        error_messages={"required": _("请上传撤回决定文件。")},
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        name_upload(upload)
        return upload


class AssignRoundExpertsForm(forms.Form):
    """Staff pick experts for an assessment round from the pool, less those already assigned.
    Each scores only the bases of hosts they do not belong to (conflict of interest)."""

    experts = forms.ModelMultipleChoiceField(
        label=_("考核专家"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一位专家。")},
    )

    def __init__(self, *args, assessment_round, **kwargs):
        super().__init__(*args, **kwargs)
        assigned = assessment_round.expert_assignments.values("expert")
        self.fields["experts"].queryset = (
            expert_pool()
            .exclude(pk__in=assigned)
            .select_related("expert_profile")
            .order_by("last_name", "first_name", "username")
        )
        self.fields["experts"].label_from_instance = expert_label


class AssessmentScoreForm(forms.Form):
    """An assigned expert's score of one base."""

    score = forms.DecimalField(
        label=_("专家评分"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        error_messages={"required": _("请填写评分。"), "invalid": _("请填写 0–100 的分数。")},
    )
    opinion = forms.CharField(
        label=_("评审意见"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
