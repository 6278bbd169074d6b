"""The annual plan and summary form (Art. 13), in sections, as the application form is: every
valid section is saved as a draft on its own and an invalid one keeps what was typed, with its
errors; completeness is checked on submit (``bases.applying.annual_reports``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxValueValidator
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from bases.applying.forms import MultipleFileField, _no_form_tag
from bases.models import (
    AnnualGoal,
    AnnualReport,
    Country,
    GoalResult,
    ReportAgreement,
    ReportKind,
    ReportProject,
)
from bases.review.files import display_name, validate_upload
from portal.forms import DateInput, SafeModelChoiceField, SafeModelMultipleChoiceField

# A count no base reports; larger numbers are typing errors (and would not fit the database).
MAX_COUNT = 1_000_000
MAX_ROWS = 50
DATE_ERROR = _("请输入有效的日期，例如 2026-05-18。")
NUMBER_ERROR = _("请输入数字。")

PLAN_SECTIONS = [
    ("narrative", _("一、工作内容")),
    ("goals", _("二、年度目标")),
    ("attachments", _("三、附件")),
]
SUMMARY_SECTIONS = [
    ("narrative", _("一、工作内容")),
    ("goals", _("二、目标完成情况")),
    ("projects", _("三、国际合作项目")),
    ("agreements", _("四、签订协议")),
    ("exchanges", _("五、人员交流")),
    ("talent", _("六、人才与培训")),
    ("results", _("七、合作成果")),
    ("assessment", _("八、自我评价")),
    ("attachments", _("九、附件")),
]


def sections_of(report):
    return PLAN_SECTIONS if report.kind == ReportKind.PLAN else SUMMARY_SECTIONS


class CountsForm(forms.ModelForm):
    """Figures of the summary: whole numbers from 0, never more than MAX_COUNT; left blank,
    a figure is 0."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            field = self.fields[name]
            if isinstance(field, forms.IntegerField):
                field.required = False
                field.max_value = MAX_COUNT
                field.validators.append(MaxValueValidator(MAX_COUNT))
                field.widget.attrs.update(min=0, max=MAX_COUNT)
                field.error_messages["invalid"] = _("请输入整数。")
        _no_form_tag(self)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.IntegerField) and name in cleaned and cleaned[name] is None:
                cleaned[name] = 0
        return cleaned


class NarrativeForm(CountsForm):
    class Meta:
        model = AnnualReport
        fields = ["narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["narrative"].help_text = (
            _("本年度的工作安排和措施。不公开，仅审核人员可见。")
            if self.instance.kind == ReportKind.PLAN
            else _("本年度工作完成情况。不公开，仅审核人员可见。")
        )


class ExchangesForm(CountsForm):
    class Meta:
        model = AnnualReport
        fields = ["foreign_experts_hosted", "staff_sent_abroad", "exchange_names"]
        widgets = {"exchange_names": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "exchange_names": _(
                "可选，供审核人员核对。名单任何时候都不会公开，公开的只有人次。请勿填写身份证号等个人信息。"
            )
        }


class TalentForm(CountsForm):
    class Meta:
        model = AnnualReport
        fields = ["talent_trained", "training_events"]


class ResultsForm(CountsForm):
    class Meta:
        model = AnnualReport
        fields = ["papers", "patents", "standards", "technologies_in", "technologies_out"]


class AssessmentForm(CountsForm):
    class Meta:
        model = AnnualReport
        fields = ["self_assessment"]
        widgets = {"self_assessment": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"self_assessment": _("对照本年度工作计划的目标，说明完成情况和存在的问题")}


class RowForm(forms.ModelForm):
    """A row of a table. Empty rows are ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = DATE_ERROR
            elif isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = NUMBER_ERROR


class ProjectForm(RowForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return cleaned


class GoalFormSetBase(BaseInlineFormSet):
    """A goal the same year's summary reports against cannot be deleted (the result keeps it)."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            goal = form.instance
            if goal.pk and goal.results.exists():
                raise ValidationError(
                    _("目标「%(goal)s」已在年度工作总结中报告完成情况，不能删除，可以修改。")
                    % {"goal": goal.goal}
                )


def row_formset(model, fields, form=RowForm, label="", formset=BaseInlineFormSet, **extra):
    formset_class = inlineformset_factory(
        AnnualReport,
        model,
        form=form,
        formset=formset,
        fields=fields,
        extra=2,
        can_delete=True,
        max_num=MAX_ROWS,
        # A forged TOTAL_FORMS of 1001 builds no more than MAX_ROWS forms.
        absolute_max=MAX_ROWS,
        validate_max=True,
        **extra,
    )
    formset_class.default_error_messages = {
        "too_many_forms": _("%(label)s最多填写 %%(num)d 项。") % {"label": label}
    }
    return formset_class


GoalFormSet = row_formset(
    AnnualGoal,
    ["goal", "indicator", "target", "unit"],
    label=_("年度目标"),
    formset=GoalFormSetBase,
)
ProjectFormSet = row_formset(
    ReportProject,
    ["title", "partner", "country", "level", "funding", "start", "end", "status"],
    form=ProjectForm,
    label=_("国际合作项目"),
    field_classes={"country": SafeModelChoiceField},
    widgets={"start": DateInput(), "end": DateInput()},
)
AgreementFormSet = row_formset(
    ReportAgreement,
    ["partner", "country", "signed_on", "kind"],
    label=_("签订协议"),
    field_classes={"country": SafeModelChoiceField},
    widgets={"signed_on": DateInput()},
)


class GoalResultsForm(forms.Form):
    """二、目标完成情况: one row per goal of the same year's plan, prefilled with what was
    reported. The goals come from the plan, never from the request, so no id can be forged."""

    def __init__(self, *args, report, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.goals = list(plan.goals.all()) if plan is not None else []
        results = {result.goal_id: result for result in report.goal_results.all()}
        self.rows = []
        for goal in self.goals:
            result = results.get(goal.pk)
            achieved = forms.DecimalField(
                label=_("完成值"),
                required=False,
                max_digits=12,
                decimal_places=2,
                min_value=0,
                initial=result.achieved if result else None,
                error_messages={"invalid": NUMBER_ERROR},
                widget=forms.NumberInput(
                    attrs={"aria-label": f"{goal.goal} 完成值", "step": "any"}
                ),
            )
            comment = forms.CharField(
                label=_("说明"),
                required=False,
                max_length=200,
                initial=result.comment if result else "",
                widget=forms.TextInput(attrs={"aria-label": f"{goal.goal} 说明"}),
            )
            self.fields[f"achieved_{goal.pk}"] = achieved
            self.fields[f"comment_{goal.pk}"] = comment
        _no_form_tag(self)

    def row_fields(self):
        """(goal, achieved, comment) bound fields, for the template's table."""
        return [
            (goal, self[f"achieved_{goal.pk}"], self[f"comment_{goal.pk}"]) for goal in self.goals
        ]

    def save(self):
        existing = {result.goal_id: result for result in self.report.goal_results.all()}
        for order, goal in enumerate(self.goals):
            achieved = self.cleaned_data.get(f"achieved_{goal.pk}")
            comment = (self.cleaned_data.get(f"comment_{goal.pk}") or "").strip()
            result = existing.get(goal.pk)
            if achieved is None:
                if result is not None:
                    result.delete()
                continue
            if result is None:
                result = GoalResult(report=self.report, goal=goal)
            result.achieved, result.comment, result.sort_order = achieved, comment, order
            result.save()


class ReportAttachmentsForm(forms.Form):
    """附件: the checks of the application's files (content, size, macros); each good file is
    stored even if another in the same upload is refused."""

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["files"] = MultipleFileField(
            label=_("上传附件"),
            help_text=_(
                "可多选：盖章的报告文本、证明材料等。"
                "PDF、DOC/DOCX、XLS/XLSX、JPG、PNG，每个不超过 20 MB"
            ),
        )
        self.fields["remove"] = SafeModelMultipleChoiceField(
            queryset=report.attachments.current(),
            required=False,
            label=_("删除已上传的文件"),
            widget=forms.CheckboxSelectMultiple,
        )
        self.read_current()
        self.accepted = []  # (upload, detected extension)
        _no_form_tag(self)

    def read_current(self):
        """The current files, read once: listed on the page and offered for removal."""
        self.current = list(self.report.attachments.current())
        self.fields["remove"].choices = [(file.pk, file.original_name) for file in self.current]

    def clean(self):
        cleaned = super().clean()
        for upload in cleaned.get("files") or []:
            try:
                extension = validate_upload(upload)
            except ValidationError as error:
                self.add_error("files", error)
            else:
                self.accepted.append((upload, extension))
        return cleaned

    def save(self, user):
        self.is_valid()  # sorts the uploads into accepted and refused
        for attachment in self.cleaned_data.get("remove") or []:
            attachment.remove()
        for upload, extension in self.accepted:
            name = display_name(upload.name, extension)
            self.report.attachments.create(
                file=File(upload, name=name),
                original_name=name,
                size=upload.size,
                uploaded_by=user,
            )
        self.read_current()


def share_country_choices(*formsets):
    """Every row's country list from one query, so that the page costs the same however many
    rows it has (each row's select would otherwise query the 248 countries again)."""
    choices = None
    for formset in formsets:
        for form in formset.forms:
            field = form.fields["country"]
            if choices is None:
                field.queryset = Country.objects.all()
                choices = list(field.choices)
            field.choices = choices


class ReportSections:
    """All sections of a report's edit page, bound together. ``save()`` stores every valid
    section and every acceptable file and leaves the invalid ones with their errors."""

    def __init__(self, report, data=None, files=None, plan=None):
        self.report = report
        # What is stored, before a form writes into the shared instance (see
        # ApplicationSections): an invalid section must store none of its fields.
        self.stored = {
            field.attname: getattr(report, field.attname)
            for field in AnnualReport._meta.concrete_fields
        }
        self.narrative = NarrativeForm(data, instance=report, prefix="narrative")
        self.attachments = ReportAttachmentsForm(data, files, report=report, prefix="attachments")
        self.forms = [("narrative", self.narrative)]
        if report.kind == ReportKind.PLAN:
            self.goals = GoalFormSet(data, instance=report, prefix="goals")
            self.forms.append(("goals", self.goals))
        else:
            self.goal_results = GoalResultsForm(
                data, report=report, plan=plan, prefix="results_of_goals"
            )
            self.projects = ProjectFormSet(data, instance=report, prefix="projects")
            self.agreements = AgreementFormSet(data, instance=report, prefix="agreements")
            share_country_choices(self.projects, self.agreements)
            self.exchanges = ExchangesForm(data, instance=report, prefix="exchanges")
            self.talent = TalentForm(data, instance=report, prefix="talent")
            self.results = ResultsForm(data, instance=report, prefix="results")
            self.assessment = AssessmentForm(data, instance=report, prefix="assessment")
            self.forms += [
                ("goals", self.goal_results),
                ("projects", self.projects),
                ("agreements", self.agreements),
                ("exchanges", self.exchanges),
                ("talent", self.talent),
                ("results", self.results),
                ("assessment", self.assessment),
            ]
        self.forms.append(("attachments", self.attachments))

    def invalid_sections(self):
        return {section for section, form in self.forms if not form.is_valid()}

    def save(self, user):
        """Save what is valid. Returns the anchors of the sections that have errors."""
        invalid = self.invalid_sections()
        model_forms = [form for _s, form in self.forms if isinstance(form, forms.ModelForm)]
        for form in model_forms:
            if form.is_valid():
                form.save(commit=False)
            else:
                self.keep_stored(form)
        self.report.save()
        for _section, form in self.forms:
            if isinstance(form, BaseInlineFormSet) and form.is_valid():
                form.save()
        if "goals" not in invalid and isinstance(
            getattr(self, "goal_results", None), GoalResultsForm
        ):
            self.goal_results.save()
        self.attachments.save(user)
        return invalid

    def keep_stored(self, form):
        for name in form._meta.fields:
            field = AnnualReport._meta.get_field(name)
            setattr(self.report, field.attname, self.stored[field.attname])
