"""The three review workflows end to end, through the admin views and the public pages."""

import json
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Workflow, WorkflowState, WorkflowTask

from bases.models import (
    Application,
    ApplicationStatus,
    ApplicationWorkflow,
    Base,
    BaseType,
    ConsultationAgendaItem,
    ExpertAssignment,
    ResearchIntegrityRecord,
    SiteInspection,
)
from bases.models.accreditation_steps import DecisionTask
from news.models import NewsPage
from tests.factories import (
    PDF,
    Reviewers,
    act,
    assign_experts,
    edit_post_data,
    end_publicity,
    pass_expert_review,
    pass_inspection,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_tree):
    return Reviewers()


def status_of(application):
    return Application.objects.get(pk=application.pk).status


def step_of(application):
    return Application.objects.get(pk=application.pk).current_workflow_task.name


def at_expert_review(client, people):
    """A demonstration base application recommended by its bureau, with three experts."""
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "approve")
    assign_experts(client, people, application)
    return application


def test_a_technology_transfer_center_goes_from_submission_to_accreditation(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    assert status_of(application) == ApplicationStatus.RECOMMENDING_REVIEW
    assert step_of(application) == "推荐部门审核"

    act(
        client,
        people.hohhot,
        application,
        "approve",
        comment="同意推荐。",
        internal_note="内部：材料较好",
    )
    assert status_of(application) == ApplicationStatus.EXPERT_REVIEW
    pass_expert_review(client, people, application)
    assert status_of(application) == ApplicationStatus.SITE_INSPECTION
    assert step_of(application) == "申报机构考核"
    pass_inspection(client, people, application)
    assert status_of(application) == ApplicationStatus.AWAITING_DECISION
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕99号")
    assert status_of(application) == ApplicationStatus.PUBLICITY
    assert NewsPage.objects.filter(title__contains="公示", live=True).exists()

    # The publicity step cannot be concluded before its period ends.
    act(client, people.staff, application, "approve", objections="公示期内无异议")
    assert status_of(application) == ApplicationStatus.PUBLICITY
    end_publicity(application)
    mail.outbox.clear()
    act(client, people.staff, application, "approve", objections="公示期内无异议")

    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.ACCREDITED
    assert application.live
    state = WorkflowState.objects.for_instance(application).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    base = Base.objects.get(application=application)
    assert base.plaque_number.startswith("内蒙古国合基地〔")
    assert base.decision_number == "内科发〔2026〕99号"
    assert NewsPage.objects.filter(title__contains="关于认定", live=True).exists()
    assert any("已获认定" in message.subject for message in mail.outbox)
    applicant_mail = [m for m in mail.outbox if application.applicant.email in m.to]
    assert applicant_mail and base.plaque_number in applicant_mail[-1].body
    assert all("内部" not in m.body for m in mail.outbox)

    # The public profile is built from the application.
    profile = client.get(f"/bases/{base.pk}/").content.decode()
    assert base.name in profile and "德国弗劳恩霍夫研究所" in profile
    assert base.plaque_number in profile

    client.force_login(application.applicant)
    dashboard = client.get(reverse("apply_dashboard")).content.decode()
    assert "已认定" in dashboard and base.plaque_number in dashboard
    certificate = client.get(reverse("apply_certificate", args=[application.pk]))
    assert certificate.status_code == 200 and base.name in certificate.content.decode()


def test_an_innovation_park_passes_the_agenda_check_inspection_and_publicity(client, people):
    application = submitted_application(BaseType.INNOVATION_PARK, league="包头市")
    assert step_of(application) == "厅市会商议题确认"
    assert status_of(application) == ApplicationStatus.SUBMITTED
    # The agenda item is required to pass.
    act(client, people.staff, application, "approve")
    assert step_of(application) == "厅市会商议题确认"
    act(
        client,
        people.staff,
        application,
        "approve",
        agenda_year="2026",
        agenda_reference="2026年厅市会商第3项",
    )
    assert ConsultationAgendaItem.objects.get(application=application).reference == (
        "2026年厅市会商第3项"
    )
    pass_expert_review(client, people, application)
    assert step_of(application) == "实地考察"
    pass_inspection(client, people, application)
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕100号")
    end_publicity(application)
    act(client, people.staff, application, "approve", objections="无异议")
    base = Base.objects.get(application=application)
    assert base.base_type == BaseType.INNOVATION_PARK
    # A park that was not in the registry is registered as the base's host.
    assert base.host.credit_code == application.credit_code
    assert base.recommending_department.name == "包头市科学技术局"
    assert status_of(application) == ApplicationStatus.ACCREDITED


def test_a_demonstration_base_is_returned_resubmitted_and_resumes_at_the_same_step(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "approve", comment="同意推荐。")
    pass_expert_review(client, people, application)
    assert step_of(application) == "申报机构考核"
    mail.outbox.clear()
    act(
        client,
        people.staff,
        application,
        "reject",
        comment="请补充合作协议原件扫描件。",
        internal_note="考核组意见：合作协议真实性存疑",
    )
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.RETURNED
    state = WorkflowState.objects.for_instance(application).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    applicant_mail = [m for m in mail.outbox if application.applicant.email in m.to]
    assert "请补充合作协议原件扫描件" in applicant_mail[-1].body
    assert all("真实性存疑" not in m.body for m in mail.outbox)

    # The applicant sees the comment, not the internal note, edits and resubmits.
    client.force_login(application.applicant)
    detail = client.get(reverse("apply_detail", args=[application.pk])).content.decode()
    assert "请补充合作协议原件扫描件" in detail and "真实性存疑" not in detail
    response = client.post(
        reverse("apply_edit", args=[application.pk]),
        edit_post_data(application, "submit", **{"base-goals": "补充后的合作目标"}),
    )
    assert response.status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert application.goals == "补充后的合作目标"
    # Resumed at the same step, with the steps before it still passed.
    assert step_of(application) == "申报机构考核"
    assert status_of(application) == ApplicationStatus.SITE_INSPECTION
    assert (
        ExpertAssignment.objects.filter(application=application, score__isnull=False).count() == 3
    )
    pass_inspection(client, people, application)
    assert status_of(application) == ApplicationStatus.AWAITING_DECISION


def test_refusal_ends_the_workflow_and_keeps_everything(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "refuse", comment="不符合第六条：成立不满一年。")
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.REFUSED
    state = WorkflowState.objects.for_instance(application).get()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert application.attachments.count() == 2
    assert not Base.objects.filter(application=application).exists()
    assert ModelLogEntry.objects.filter(action="bases.refuse", user=people.hohhot).exists()
    client.force_login(application.applicant)
    detail = client.get(reverse("apply_detail", args=[application.pk])).content.decode()
    assert "不予认定" in detail and "成立不满一年" in detail
    assert "撤回申报" not in detail


def test_a_return_and_a_refusal_need_a_comment(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "reject", comment="")
    act(client, people.hohhot, application, "refuse")
    assert status_of(application) == ApplicationStatus.RECOMMENDING_REVIEW


def test_expert_review_needs_every_score_and_the_pass_mark(client, people):
    application = at_expert_review(client, people)
    first, second, third = people.experts
    act(client, first, application, "score", score="90", recommendation="recommend", opinion="好")
    act(client, second, application, "score", score="50", recommendation="reject", opinion="差")
    # Two of three scored: staff cannot conclude yet.
    act(client, people.staff, application, "approve")
    assert step_of(application) == "专家评审"
    act(client, third, application, "score", score="55", recommendation="reject", opinion="弱")
    # Mean 65 is below the pass mark of 70.
    act(client, people.staff, application, "approve")
    assert step_of(application) == "专家评审"
    client.force_login(people.staff)
    edit = client.get(reverse("wagtailsnippets_bases_application:edit", args=[application.pk]))
    html = edit.content.decode()
    assert "平均分 <strong>65.0</strong>" in html and "极差 40" in html
    assert "低于通过分数线 70" in html
    # A score is given once.
    act(client, first, application, "score", score="10", recommendation="reject", opinion="改")
    assert ExpertAssignment.objects.get(application=application, expert=first).score == 90


def test_experts_do_not_see_other_scores_before_their_own(client, people):
    application = at_expert_review(client, people)
    first, second, _third = people.experts
    act(client, first, application, "score", score="87", recommendation="recommend", opinion="甲")
    edit_url = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    client.force_login(second)
    html = client.get(edit_url).content.decode()
    assert "<td>87</td>" not in html and "提交本人评分后可以看到其他专家的评分" in html
    act(client, second, application, "score", score="66", recommendation="revise", opinion="乙")
    html = client.get(edit_url).content.decode()
    assert "<td>87</td>" in html and "<td>66</td>" in html


def test_an_expert_from_the_host_cannot_be_assigned(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "approve")
    insider = people.experts[0]
    insider.expert_profile.host = application.host
    insider.expert_profile.save()
    client.force_login(people.staff)
    response = client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        {"experts": [insider.pk, people.experts[1].pk]},
    )
    assert response.status_code == 200
    assert "存在利益冲突" in response.content.decode()
    assert not ExpertAssignment.objects.filter(application=application).exists()


def test_every_transition_is_in_the_audit_log_with_its_user(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "approve")
    pass_expert_review(client, people, application)
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(application.pk)).values_list("action", "user")
    )
    assert ("wagtail.workflow.start", application.applicant.pk) in actions
    assert ("wagtail.workflow.approve", people.hohhot.pk) in actions
    assert ("bases.assign_experts", people.staff.pk) in actions
    assert ("bases.expert_score", people.experts[0].pk) in actions
    assert ("wagtail.workflow.approve", people.staff.pk) in actions


def test_the_next_actors_and_the_applicant_are_mailed_in_chinese(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    assert any(people.hohhot.email in m.to and "推荐部门审核" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    act(client, people.hohhot, application, "approve", comment="同意推荐。")
    to_applicant = [m for m in mail.outbox if application.applicant.email in m.to]
    assert {m.subject for m in to_applicant} == {
        "【国合基地门户】申报已通过“推荐部门审核”环节",
        "【国合基地门户】申报进入“专家评审”环节",
    }
    assert any(people.staff.email in m.to and "专家评审" in m.subject for m in mail.outbox)
    # No Wagtail admin notices reach the applicant.
    assert all("/admin/" not in m.body for m in to_applicant)


def test_reviewers_act_from_the_edit_view_like_a_browser_and_cannot_save(client, people):
    """The editor posts the action with the modal's data and without the disabled inputs,
    as browsers do; the applicant's content is neither validated nor saved."""
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    url = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    client.force_login(people.hohhot)
    page = client.get(url).content.decode()
    assert "审核同意并推荐" in page
    assert 'name="action-save"' not in page
    revisions = application.revisions.count()
    response = client.post(
        url,
        {
            "base_name": "改过的名称",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "同意推荐。"}),
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.EXPERT_REVIEW
    assert application.base_name != "改过的名称"
    assert application.revisions.count() == revisions


def test_the_department_can_point_a_type_at_another_workflow(client, people):
    short = Workflow.objects.create(name="示范型（简易程序）")
    WorkflowTask.objects.create(
        workflow=short, task=DecisionTask.objects.get(name="认定决定"), sort_order=0
    )
    mapping = ApplicationWorkflow.objects.get(base_type=BaseType.DEMONSTRATION_BASE)
    mapping.workflow = short
    mapping.save()
    demonstration = submitted_application(BaseType.DEMONSTRATION_BASE)
    transfer = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    assert step_of(demonstration) == "认定决定"
    assert step_of(transfer) == "推荐部门审核"


def test_an_inspection_report_is_checked_and_kept_from_the_applicant(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "approve")
    pass_expert_review(client, people, application)
    url = reverse("wagtailsnippets_bases_application:record_inspection", args=[application.pk])
    data = {"inspected_on": "2026-11-20", "team": "考核组", "findings": "合格", "result": "passed"}
    client.force_login(people.staff)
    bad = SimpleUploadedFile("报告.pdf", b"MZ" + b"\0" * 64)
    response = client.post(url, {**data, "report": bad})
    assert "文件「报告.pdf」不是允许的格式" in response.content.decode()
    assert not SiteInspection.objects.filter(application=application).exists()
    # Stored under a generated name; the one given is kept, however long (issue 12).
    long_name = "国" * 120 + "考察报告.PDF"
    client.post(url, {**data, "report": SimpleUploadedFile(long_name, PDF)})
    inspection = SiteInspection.objects.get(application=application)
    assert inspection.report_name == "国" * 120 + "考察报告.pdf"
    assert re.fullmatch(r"inspections/[0-9a-f]{32}\.pdf", inspection.report.name)
    report_url = reverse(
        "wagtailsnippets_bases_application:inspection_report", args=[inspection.pk]
    )
    response = client.get(report_url)
    assert response.status_code == 200
    assert quote(inspection.report_name) in response["Content-Disposition"]
    client.force_login(application.applicant)
    assert client.get(report_url).status_code in (302, 404)
    client.force_login(people.baotou)
    assert client.get(report_url).status_code == 404


def test_the_certificate_is_for_the_host_and_staff_only(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "approve")
    pass_expert_review(client, people, application)
    pass_inspection(client, people, application)
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕7号")
    end_publicity(application)
    act(client, people.staff, application, "approve", objections="无异议")
    base = Base.objects.get(application=application)
    admin_url = reverse("wagtailsnippets_bases_application:certificate", args=[application.pk])
    client.force_login(people.staff)
    page = client.get(admin_url).content.decode()
    assert base.plaque_number in page and "certificate.css" in page
    client.force_login(people.baotou)
    assert client.get(admin_url).status_code == 404
    client.force_login(application.applicant)
    own = client.get(reverse("apply_certificate", args=[application.pk])).content.decode()
    # Laid out for the screen it is opened on, a phone's too.
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in own
    other = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(other.applicant)
    assert client.get(reverse("apply_certificate", args=[application.pk])).status_code == 404


def test_an_integrity_veto_listed_during_the_review_binds_until_the_decision(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "approve", comment="同意推荐。")
    pass_expert_review(client, people, application)
    pass_inspection(client, people, application)
    assert status_of(application) == ApplicationStatus.AWAITING_DECISION
    # Art. 4: the host's head is blacklisted while the application awaits the decision.
    record = ResearchIntegrityRecord.objects.create(
        host=Application.objects.get(pk=application.pk).host,
        subject="head",
        severity="serious",
        listed_on=timezone.localdate(),
        authority="科学技术部",
        description="论文造假",
    )
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    client.force_login(people.leader)
    page = client.get(edit).content.decode()
    assert "科研诚信一票否决" in page and "论文造假" in page
    assert 'data-workflow-action-name="approve"' not in page
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕1号")
    assert status_of(application) == ApplicationStatus.AWAITING_DECISION
    assert not Base.objects.filter(application=application).exists()
    # Every reviewer's page shows the record, staff's read-only one included.
    client.force_login(people.staff)
    inspect = reverse("wagtailsnippets_bases_application:inspect", args=[application.pk])
    assert "论文造假" in client.get(inspect).content.decode()
    # Lifted, the decision goes ahead; blacklisted again during the publicity, no plaque.
    record.lifted_on = timezone.localdate()
    record.save()
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕1号")
    assert status_of(application) == ApplicationStatus.PUBLICITY
    record.lifted_on = None
    record.save()
    end_publicity(application)
    act(client, people.staff, application, "approve", objections="公示期内无异议")
    assert status_of(application) == ApplicationStatus.PUBLICITY
    assert not Base.objects.filter(application=application).exists()
    # The leadership can still refuse on Art. 4.
    act(client, people.staff, application, "refuse", comment="第四条一票否决")
    assert status_of(application) == ApplicationStatus.REFUSED
