"""The application form, in sections. Every section saves as a draft on its own, so a failed
submit never loses what was typed; completeness is checked separately, on submit
(``bases.applying.submission``)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from bases.applying.submission import match_registry_host
from bases.models import (
    Application,
    ApplicationAttachment,
    ApplicationPartner,
    ApplicationProject,
    BaseType,
    CooperationField,
    Country,
)
from bases.models.applications import UNIT_FIELDS
from bases.review.files import display_name, validate_upload
from bases.rules.conditions import conditions_for
from bases.rules.credit_code import normalise_credit_code, validate_credit_code
from portal.forms import DateInput, SafeModelChoiceField, SafeModelMultipleChoiceField

TEXTAREA = {"rows": 4}


def _no_form_tag(form):
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.disable_csrf = True


class StartApplicationForm(forms.Form):
    base_type = forms.ChoiceField(
        label=_("申报类型"),
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择申报类型。")},
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        accepted = call.accepted_types()
        self.fields["base_type"].choices = [
            (value, label) for value, label in BaseType.choices if value in accepted
        ]
        _no_form_tag(self)


class UnitForm(forms.ModelForm):
    """一、单位信息. A host's registry entry is not changed from here: its name, credit code
    and registration date are shown read-only."""

    REGISTRY_FIELDS = ["unit_name", "credit_code", "registration_date", "league_city"]

    class Meta:
        model = Application
        fields = UNIT_FIELDS
        widgets = {"registration_date": DateInput()}
        error_messages = {
            "contact_email": {"invalid": _("请输入有效的电子邮箱地址。")},
            "registration_date": {"invalid": _("请输入有效的日期，例如 2020-05-18。")},
        }

    def __init__(self, *args, registry_host=None, **kwargs):
        super().__init__(*args, **kwargs)
        if registry_host is not None:
            for name in self.REGISTRY_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("以依托单位登记信息为准，如需更正请联系推荐部门。")
        if self.instance.base_type == BaseType.INNOVATION_PARK:
            self.fields["unit_name"].label = _("园区（依托单位）名称")
            # Art. 5: the government applies for a park in its own league or city.
            self.fields["league_city"].disabled = True
        _no_form_tag(self)

    def clean_credit_code(self):
        code = normalise_credit_code(self.cleaned_data.get("credit_code"))
        if code:
            validate_credit_code(code)
        return code


class ProposedBaseForm(forms.ModelForm):
    """二、拟建基地."""

    class Meta:
        model = Application
        fields = [
            "base_name",
            "base_head",
            "fields",
            "partner_countries",
            "goals",
            "team",
            "plan_summary",
        ]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            # A list of 248 to tick, not a multi-select that needs Ctrl-click; portal.js adds
            # a box that narrows it as one types.
            "partner_countries": forms.CheckboxSelectMultiple,
            "goals": forms.Textarea(attrs=TEXTAREA),
            "team": forms.Textarea(attrs=TEXTAREA),
            "plan_summary": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {
            "fields": SafeModelMultipleChoiceField,
            "partner_countries": SafeModelMultipleChoiceField,
        }
        help_texts = {
            "partner_countries": _("勾选所有合作的国家和地区（按拼音排序），可多选"),
            "team": _("国际科技合作管理机构、专职人员和团队情况"),
            "plan_summary": _("实施方案全文请在“申报材料”中上传"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = CooperationField.objects.all()
        self.fields["partner_countries"].queryset = Country.objects.all()
        _no_form_tag(self)
        self.helper.layout = Layout(
            *(
                Div(name, css_class="option-list", data_option_filter=_("输入名称查找"))
                if name == "partner_countries"
                else name
                for name in self.fields
            )
        )


class TrackRecordForm(forms.ModelForm):
    """三、合作基础."""

    class Meta:
        model = Application
        fields = ["results"]
        widgets = {"results": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "results": _("已取得的国际科技合作成效、服务业绩、引进人才和合作成果"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_form_tag(self)


class ChildForm(forms.ModelForm):
    """A row of a partner or project table. Empty rows are ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False


PartnerFormSet = inlineformset_factory(
    Application,
    ApplicationPartner,
    form=ChildForm,
    fields=list(ApplicationPartner.FIELDS),
    field_classes={"country": SafeModelChoiceField},
    extra=2,
    can_delete=True,
    max_num=30,
    # Build no more forms than are allowed: a forged TOTAL_FORMS of 1001 would otherwise make
    # Django build 1,030 of them.
    absolute_max=30,
    validate_max=True,
)
# The formset's own messages (inlineformset_factory's error_messages are the rows' fields').
PartnerFormSet.default_error_messages = {"too_many_forms": _("国外合作机构最多填写 %(num)d 个。")}

ProjectFormSet = inlineformset_factory(
    Application,
    ApplicationProject,
    form=ChildForm,
    fields=["name", "level", "programme", "start_year", "end_year", "role"],
    extra=2,
    can_delete=True,
    max_num=50,
    absolute_max=50,
    validate_max=True,
)
ProjectFormSet.default_error_messages = {
    "too_many_forms": _("承担的国际科技合作项目最多填写 %(num)d 个。")
}


class ConditionsForm(forms.Form):
    """四、条件自查: one statement per condition of Art. 5, 6 or 7."""

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.conditions = conditions_for(application.base_type)
        statements = application.condition_statements or {}
        for condition in self.conditions:
            self.fields[condition.key] = forms.CharField(
                label=f"{condition.article}　{condition.text}",
                required=False,
                max_length=3000,
                initial=statements.get(condition.key, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        _no_form_tag(self)

    def save(self):
        statements = dict(self.application.condition_statements or {})
        statements.update({key: value.strip() for key, value in self.cleaned_data.items()})
        self.application.condition_statements = statements


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class AttachmentsForm(forms.Form):
    """五、申报材料. Each good file is stored even if another one in the same upload is
    refused; a refused file's error names it."""

    KINDS = [
        (ApplicationAttachment.Kind.IMPLEMENTATION_PLAN, False),
        (ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE, False),
        (ApplicationAttachment.Kind.COOPERATION_AGREEMENT, True),
        (ApplicationAttachment.Kind.OTHER, True),
    ]

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        for kind, multiple in self.KINDS:
            if (
                kind == ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE
                and application.base_type != BaseType.TECHNOLOGY_TRANSFER_CENTER
            ):
                continue
            field_class = MultipleFileField if multiple else forms.FileField
            self.fields[kind] = field_class(
                label=kind.label,
                required=False,
                help_text=_("可多选；") if multiple else _("上传新文件将替换原文件；"),
            )
            self.fields[kind].help_text += _("PDF、DOC/DOCX、XLS/XLSX、JPG、PNG，每个不超过 20 MB")
        self.fields["remove"] = SafeModelMultipleChoiceField(
            queryset=application.attachments.current(),
            required=False,
            label=_("删除已上传的文件"),
            widget=forms.CheckboxSelectMultiple,
        )
        self.accepted = []  # (kind, upload, detected extension)
        self.rejected = []
        _no_form_tag(self)

    def clean(self):
        cleaned = super().clean()
        for kind, _multiple in self.KINDS:
            if kind not in self.fields:
                continue
            uploads = cleaned.get(kind) or []
            if not isinstance(uploads, list):
                uploads = [uploads]
            for upload in uploads:
                try:
                    extension = validate_upload(upload)
                except ValidationError as error:
                    self.add_error(kind, error)
                    self.rejected.append(upload.name)
                else:
                    self.accepted.append((kind, upload, extension))
        return cleaned


class CommitmentForm(forms.ModelForm):
    """六、科研诚信承诺 (Art. 4)."""

    class Meta:
        model = Application
        fields = ["integrity_commitment", "commitment_signatory"]
        labels = {
            "integrity_commitment": _(
                "本单位承诺：所填报信息和提交材料真实、准确、完整，无抄袭、剽窃、伪造、篡改等"
                "违背科研诚信要求的行为；如有不实，自愿承担相应责任，并接受《管理办法》第四条、"
                "第十二条的处理。"
            )
        }
        help_texts = {"commitment_signatory": _("单位负责人姓名")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_form_tag(self)


def registry_host(application):
    """The registered host whose entry fills the unit section, for host accounts."""
    account = application.applicant.applicant_account
    return account.host if account.kind == account.Kind.HOST else None


class ApplicationSections:
    """All sections of the edit page, bound together. ``save()`` stores every section that is
    valid and every acceptable file, and leaves the invalid ones with their errors, so that
    nothing typed or uploaded is lost."""

    def __init__(self, application, data=None, files=None):
        self.application = application
        # What is stored, before any form writes into the shared instance: a ModelForm puts
        # every value it could clean into its instance while validating, even when another of
        # its fields is wrong, and ``save()`` must not store that part of an invalid section.
        self.stored = {
            field.attname: getattr(application, field.attname)
            for field in Application._meta.concrete_fields
        }
        host = registry_host(application)
        self.unit = UnitForm(data, instance=application, prefix="unit", registry_host=host)
        self.base = ProposedBaseForm(data, instance=application, prefix="base")
        self.partners = PartnerFormSet(data, instance=application, prefix="partners")
        self.record = TrackRecordForm(data, instance=application, prefix="record")
        self.projects = ProjectFormSet(data, instance=application, prefix="projects")
        self.conditions = ConditionsForm(data, application=application, prefix="conditions")
        self.attachments = AttachmentsForm(
            data, files, application=application, prefix="attachments"
        )
        self.commitment = CommitmentForm(data, instance=application, prefix="commitment")

    def all(self):
        return [
            ("unit", self.unit),
            ("base", self.base),
            ("base", self.partners),
            ("record", self.record),
            ("record", self.projects),
            ("conditions", self.conditions),
            ("attachments", self.attachments),
            ("commitment", self.commitment),
        ]

    def invalid_sections(self):
        return {section for section, form in self.all() if not form.is_valid()}

    def save(self, user):
        """Save what is valid. Returns the anchors of the sections that have errors."""
        invalid = self.invalid_sections()
        application = self.application
        for form in (self.unit, self.base, self.record, self.commitment):
            if form.is_valid():
                form.save(commit=False)
            else:
                self.keep_stored(form)
        if self.conditions.is_valid():
            self.conditions.save()
        if self.base.is_valid():
            self.base.save_m2m()  # Parental many-to-many: held in memory until save().
        match_registry_host(application)
        application.save()
        for formset in (self.partners, self.projects):
            if formset.is_valid():
                formset.save()
        self.save_attachments(user)
        return invalid

    def keep_stored(self, form):
        """Put back what is stored for the fields of ``form``, which has errors."""
        for name in form._meta.fields:
            field = Application._meta.get_field(name)
            if field.concrete and not field.many_to_many:
                setattr(self.application, field.attname, self.stored[field.attname])

    def save_attachments(self, user):
        form = self.attachments
        form.is_valid()  # Runs clean(), which sorts the uploads into accepted and rejected.
        removed = form.cleaned_data.get("remove") or []
        for attachment in removed:
            attachment.remove()
        for kind, upload, extension in form.accepted:
            if kind in (
                ApplicationAttachment.Kind.IMPLEMENTATION_PLAN,
                ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE,
            ):
                # One current file of these kinds; the previous one stays on record.
                for previous in self.application.attachments.current().filter(kind=kind):
                    previous.remove()
            name = display_name(upload.name, extension)
            self.application.attachments.create(
                kind=kind,
                file=File(upload, name=name),
                original_name=name,
                size=upload.size,
                uploaded_by=user,
            )
