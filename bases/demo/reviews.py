"""The demo applications that wait at every step of every type's review, moved there by the
reviewers' own actions through the tasks, never by writing rows."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from bases.applying.submission import start_application, submit_application
from bases.demo.applications import (
    PIPELINE,
    STAFF_ACCOUNTS,
    applicant,
    call_year,
    credit_code,
    fill,
)
from bases.models import (
    Application,
    ApplicationCall,
    BaseType,
    ExpertAssignment,
    HostOrganisation,
    LeagueCity,
    Publicity,
    RecommendingDepartment,
    SiteInspection,
)
from bases.models.accreditation_steps import (
    ConsultationAgendaTask,
    DecisionTask,
    ExpertReviewTask,
    PublicityTask,
    RecommendingDepartmentReviewTask,
    SiteInspectionTask,
)


def load_review_pipeline(call, password, government):
    """Submit the PIPELINE applications and move each to its step, acting as the reviewers
    would through the tasks' own actions."""
    users = {name: get_user_model().objects.get(username=name) for name, *_ in STAFF_ACCOUNTS}
    for serial, (base_type, league, unit, name, target) in enumerate(PIPELINE, start=880100):
        if base_type == BaseType.INNOVATION_PARK:
            user = government
            application = start_application(user.applicant_account, call, base_type)
            application.unit_name = unit
            application.credit_code = credit_code(serial)
            application.unit_kind = HostOrganisation.Kind.SCIENCE_PARK
            application.registration_date = datetime.date(2008, 6, 1)
        else:
            league_city = LeagueCity.objects.get(name=league)
            host = HostOrganisation.objects.create(
                name=unit,
                credit_code=credit_code(serial),
                kind=HostOrganisation.Kind.UNIVERSITY
                if "大学" in unit or "学院" in unit
                else HostOrganisation.Kind.INTERMEDIARY,
                registration_date=datetime.date(2005, 3, 1),
                league_city=league_city,
                address=f"内蒙古自治区{league}（演示地址）",
                recommending_department=RecommendingDepartment.objects.get(
                    name=f"{league}科学技术局"
                ),
            )
            user = applicant(
                f"host{serial}@example.org", password, host=host, contact_name="演示联系人"
            )
            application = start_application(user.applicant_account, call, base_type)
        fill(application, name, "俄罗斯科学院西伯利亚分院", "RU")
        submit_application(application, user)
        _advance(Application.objects.get(pk=application.pk), target, users)


def _act(application, user, action, **data):
    application = Application.objects.get(pk=application.pk)
    task_state = application.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, **data)


def _advance(application, target, users):
    """Pass the steps before ``target`` (a step name, or 已认定 for the whole way)."""
    staff, leader = users["staff"], users["leader"]
    experts = [users["expert1"], users["expert2"], users["expert3"]]
    while True:
        application = Application.objects.get(pk=application.pk)
        task = application.current_workflow_task
        if task is None or task.name == target:
            break
        task = task.specific
        if isinstance(task, RecommendingDepartmentReviewTask):
            bureau = application.recommending_department.members.first()
            _act(application, bureau, "approve", comment="经审核，同意推荐。")
        elif isinstance(task, ConsultationAgendaTask):
            _act(
                application,
                staff,
                "approve",
                agenda_year=str(call_year(application)),
                agenda_reference=f"{call_year(application)}年厅市会商第2项",
            )
        elif isinstance(task, ExpertReviewTask):
            for expert in experts:
                ExpertAssignment.objects.get_or_create(
                    application=application, expert=expert, defaults={"assigned_by": staff}
                )
            for expert, score in zip(experts, (86, 82, 90), strict=True):
                _act(
                    application,
                    expert,
                    "score",
                    score=str(score),
                    recommendation="recommend",
                    opinion="申报材料完整，合作基础扎实，建议认定。",
                )
            _act(application, staff, "approve", comment="专家评审通过。")
        elif isinstance(task, SiteInspectionTask):
            SiteInspection.objects.create(
                application=application,
                task_state=application.current_workflow_task_state,
                recorded_by=staff,
                inspected_on=timezone.localdate(),
                team="科技厅国际合作处、专家组",
                findings="国际合作管理机构健全，合作项目真实，条件符合《管理办法》要求。",
                result=SiteInspection.Result.PASSED,
            )
            _act(application, staff, "approve")
        elif isinstance(task, DecisionTask):
            _act(
                application,
                leader,
                "approve",
                decision_number=f"内科发〔{call_year(application)}〕{application.pk}号",
            )
        elif isinstance(task, PublicityTask):
            # The demo's publicity period is already over.
            Publicity.objects.filter(application=application).update(
                ends_on=timezone.localdate() - datetime.timedelta(days=1)
            )
            _act(application, staff, "approve", objections="公示期内无异议")
    if target == "专家评审":
        # One expert has scored; the other two still have this application to review.
        for expert in experts:
            ExpertAssignment.objects.get_or_create(
                application=application, expert=expert, defaults={"assigned_by": staff}
            )
        _act(
            application,
            experts[application.pk % len(experts)],
            "score",
            score="84",
            recommendation="recommend",
            opinion="合作成效明显，建议认定。",
        )


def load_demo_reviews(password):
    """Move the pipeline's applications through the open call's review (after
    ``load_demo_applications``, which creates the call and the government's account).
    Loaded once: a second run finds the pipeline's first application and leaves it be."""
    if Application.objects.filter(unit_name=PIPELINE[0][2]).exists():
        return
    now = timezone.now()
    call = (
        ApplicationCall.objects.filter(opens_at__lte=now, closes_at__gte=now)
        .order_by("-opens_at")
        .first()
    )
    government = get_user_model().objects.get(username="baotou-gov@example.org")
    load_review_pipeline(call, password, government)
