"""Starting, saving, submitting and withdrawing an application: the rules the public pages
apply, in one place so that the pages and the tests share them."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import TaskState

from bases.models import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationStatus,
    BaseType,
    HostOrganisation,
    RecommendingDepartment,
)
from bases.models.applications import UNIT_FIELDS
from bases.rules.conditions import conditions_for
from bases.rules.credit_code import validate_credit_code
from bases.rules.eligibility import refusals_to_start, refusals_to_submit

# The form's sections, in order: (anchor, title).
SECTIONS = [
    ("unit", gettext_lazy("一、单位信息")),
    ("base", gettext_lazy("二、拟建基地")),
    ("record", gettext_lazy("三、合作基础")),
    ("conditions", gettext_lazy("四、条件自查")),
    ("attachments", gettext_lazy("五、申报材料")),
    ("commitment", gettext_lazy("六、科研诚信承诺")),
]


class ApplicationError(Exception):
    """An action the rules do not allow; the message is shown to the applicant."""


@dataclass
class SubmissionProblems:
    refusals: list = field(default_factory=list)
    by_section: dict = field(default_factory=dict)  # anchor → [messages]

    def add(self, section, message):
        self.by_section.setdefault(section, []).append(message)

    def __bool__(self):
        return bool(self.refusals or self.by_section)

    def sections(self):
        titles = dict(SECTIONS)
        return [
            (anchor, titles[anchor], self.by_section[anchor])
            for anchor, _title in SECTIONS
            if anchor in self.by_section
        ]


@transaction.atomic
def start_application(account, call, base_type, now=None):
    """Create a draft in an open call, prefilled from the host's registry entry."""
    now = now or timezone.now()
    # One start at a time per account, so that a double click cannot make two drafts of the
    # same type that would then block each other's submission.
    type(account).objects.select_for_update().filter(pk=account.pk).first()
    if not call.is_open(now):
        raise ApplicationError(_("该申报通知不在申报期内，不能新建申报。"))
    if not call.accepts(base_type):
        raise ApplicationError(_("该申报通知不受理所选类型。"))
    refusals = refusals_to_start(account, base_type, timezone.localdate(now))
    if refusals:
        raise ApplicationError(" ".join(str(refusal) for refusal in refusals))
    host = account.host
    application = Application(
        live=False,  # An application goes live only when the review accredits it.
        call=call,
        applicant=account.user,
        base_type=base_type,
        host=host,
        contact_name=account.contact_name,
        contact_phone=account.phone,
        contact_email=account.user.email,
    )
    if host is not None:
        fill_from_registry(application, host)
    else:
        application.league_city = account.league_city
        application.unit_kind = HostOrganisation.Kind.SCIENCE_PARK
        application.recommending_department = league_city_bureau(account.league_city)
    application.save()
    application.record(ApplicationEvent.Kind.CREATED, user=account.user)
    return application


def fill_from_registry(application, host):
    application.host = host
    application.unit_name = host.name
    application.credit_code = host.credit_code
    application.unit_kind = application.unit_kind or host.kind
    application.registration_date = host.registration_date
    application.league_city = host.league_city
    application.address = application.address or host.address
    application.recommending_department = host.recommending_department


def league_city_bureau(league_city):
    if league_city is None:
        return None
    return RecommendingDepartment.objects.filter(
        league_city=league_city, kind=RecommendingDepartment.Kind.LEAGUE_CITY_BUREAU
    ).first()


def recommending_department_of(application):
    """The host's recommending department in the registry, else the one its account named,
    else the league/city's S&T bureau (a government applies in its own league/city)."""
    host = application.host
    if host is not None and host.recommending_department_id:
        return host.recommending_department
    account = application.applicant.applicant_account
    if account.kind != "government" and account.confirming_department() is not None:
        return account.confirming_department()
    return league_city_bureau(application.league_city) or application.recommending_department


def match_registry_host(application):
    """A government's park application links to the park's registry entry, if it has one,
    so that the integrity and revocation rules see the park's record."""
    if application.applicant.applicant_account.kind != "government":
        return
    application.host = (
        HostOrganisation.objects.filter(credit_code=application.credit_code).first()
        if application.credit_code
        else None
    )


def submission_problems(application, on):
    """Everything that keeps ``application`` from being submitted, by section."""
    problems = SubmissionProblems(refusals=refusals_to_submit(application, on))
    required = {
        "unit": UNIT_FIELDS,
        "base": ["base_name", "base_head", "goals", "team", "plan_summary"],
        "record": ["results"],
    }
    for section, names in required.items():
        for name in names:
            if not getattr(application, name):
                label = Application._meta.get_field(name).verbose_name
                problems.add(section, _("请填写“%(label)s”。") % {"label": label})
    if application.credit_code:
        try:
            validate_credit_code(application.credit_code)
        except ValidationError as error:
            problems.add("unit", " ".join(error.messages))
    if not application.fields.exists():
        problems.add("base", _("请至少选择一个合作领域。"))
    if not application.partner_countries.exists():
        problems.add("base", _("请至少选择一个合作国家和地区。"))
    if not application.partners.exists():
        problems.add("base", _("请至少填写一个国外合作机构。"))
    if application.base_type == BaseType.DEMONSTRATION_BASE and not any(
        project.counts_for_article_7 for project in application.projects.all()
    ):
        problems.add(
            "record",
            _(
                "根据《管理办法》第七条，示范型国际科技合作基地须承担过国家级或自治区级"
                "国际科技合作项目，请至少填写一项。"
            ),
        )
    statements = application.condition_statements or {}
    for condition in conditions_for(application.base_type):
        if not (statements.get(condition.key) or "").strip():
            problems.add(
                "conditions",
                _("请说明是否符合%(article)s：%(text)s")
                % {
                    "article": condition.article,
                    "text": condition.text[:30] + "…",
                },
            )
    kinds = set(application.attachments.current().values_list("kind", flat=True))
    if ApplicationAttachment.Kind.IMPLEMENTATION_PLAN not in kinds:
        problems.add("attachments", _("请上传实施方案。"))
    if (
        application.base_type == BaseType.TECHNOLOGY_TRANSFER_CENTER
        and ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE not in kinds
    ):
        problems.add(
            "attachments",
            _("国际技术转移中心须上传法人登记证书（《管理办法》第六条：独立法人机构）。"),
        )
    if not application.integrity_commitment:
        problems.add("commitment", _("请阅读并勾选科研诚信承诺。"))
    if not application.commitment_signatory:
        problems.add("commitment", _("请填写承诺人。"))
    return problems


def check_call_window(application, now):
    """A first submission is accepted only before the call closes. An application returned
    for changes during review may be resubmitted after it."""
    if application.status == ApplicationStatus.RETURNED:
        return
    if application.call.has_closed(now):
        raise ApplicationError(
            _("申报已于%(closes)s截止，不能再提交。您的草稿已保留。")
            % {
                "closes": timezone.localtime(application.call.closes_at).strftime(
                    "%Y年%m月%d日 %H:%M"
                )
            }
        )


@transaction.atomic
def submit_application(application, user, now=None):
    """Submit (or resubmit) the application into review. Returns the problems found; the
    application is submitted only if there are none."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise ApplicationError(
            _("该申报当前状态为“%(status)s”，不能提交。")
            % {"status": application.get_status_display()}
        )
    check_call_window(application, now)
    problems = submission_problems(application, timezone.localdate(now))
    if problems:
        return application, problems
    resubmission = application.status == ApplicationStatus.RETURNED
    if not resubmission:
        # A draft started before its account was confirmed has no department yet; the
        # department that reviews it (Art. 6–7, 10) is the one in force when it is submitted.
        application.recommending_department = recommending_department_of(application)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.save()
    application.save_revision(user=user, log_action=True)
    application.record(
        ApplicationEvent.Kind.RESUBMITTED if resubmission else ApplicationEvent.Kind.SUBMITTED,
        user=user,
    )
    workflow_state = application.current_workflow_state
    if resubmission and workflow_state is not None:
        workflow_state.resume(user)
    else:
        workflow = application.get_workflow()
        if workflow is not None:
            workflow.start(application, user)
    return application, problems


@transaction.atomic
def withdraw_application(application, user, reason=""):
    """Withdraw before the decision. Nothing is deleted: the application and its files stay
    on record."""
    # Lock in the order the review steps do (task state, then application), so that a
    # withdrawal and a reviewer's action cannot deadlock.
    task_state = application.current_workflow_task_state
    if task_state is not None:
        TaskState.objects.select_for_update().filter(pk=task_state.pk).first()
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.can_withdraw:
        raise ApplicationError(
            _("该申报当前状态为“%(status)s”，已不能撤回。")
            % {"status": application.get_status_display()}
        )
    # The decided state first, so that the workflow's cancellation finds it withdrawn.
    application.move_to(ApplicationStatus.WITHDRAWN)
    workflow_state = application.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=user)
    application.record(ApplicationEvent.Kind.WITHDRAWN, user=user, message=reason)
    return application
