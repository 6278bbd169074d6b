"""The three review workflows end to end, through the admin views and the public pages."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from bases.models import (
    Application,
    ApplicationStatus,
    Base,
    BaseType,
)
from news.models import NewsPage
from tests.bases.review_factories import (
    Reviewers,
    act,
    end_publicity,
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


def pass_expert_review(client, people, application, scores=(80, 85, 90)):
    client.force_login(people.staff)
    response = client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        {"experts": [expert.pk for expert in people.experts]},
    )
    assert response.status_code == 302
    for expert, score in zip(people.experts, scores, strict=True):
        act(
            client,
            expert,
            application,
            "score",
            score=score,
            recommendation="recommend",
            opinion="材料完整，建议认定。",
        )
    act(
        client,
        people.staff,
        application,
        "approve",
        comment="专家评审通过。",
        internal_note="平均分较高",
    )


def pass_inspection(client, people, application):
    client.force_login(people.staff)
    response = client.post(
        reverse("wagtailsnippets_bases_application:record_inspection", args=[application.pk]),
        {
            "inspected_on": "2026-11-20",
            "team": "张三、李四",
            "findings": "条件具备。",
            "result": "passed",
        },
    )
    assert response.status_code == 302
    act(client, people.staff, application, "approve")


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

    client.force_login(application.applicant)
    dashboard = client.get(reverse("apply_dashboard")).content.decode()
    assert "已认定" in dashboard and base.plaque_number in dashboard
    certificate = client.get(reverse("apply_certificate", args=[application.pk]))
    assert certificate.status_code == 200 and base.name in certificate.content.decode()
