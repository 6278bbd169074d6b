"""Who sees and does what in the review: another department, an unassigned expert and an
applicant get nothing, in the listing, the edit view, the task actions and the files."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import WorkflowState

from bases.applying.submission import match_registry_host, submit_application, withdraw_application
from bases.models import Application, ApplicationAttachment, ApplicationStatus, BaseType, Publicity
from bases.models.accreditation_steps import RecommendingDepartmentReviewTask
from bases.review.dashboard import AwaitingMyActionPanel
from tests.factories import (
    HostOrganisationFactory,
    Reviewers,
    act,
    act_url,
    complete_application,
    make_applicant,
    make_application,
    make_government,
    pass_expert_review,
    pass_inspection,
    submitted_application,
)

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_bases_application:list"


@pytest.fixture
def people(site_tree):
    return Reviewers()


@pytest.fixture
def application(people):
    """A 呼和浩特市 demonstration base application at its expert review, with one expert."""
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(Client(), people.hohhot, application, "approve")
    return Application.objects.get(pk=application.pk)


def object_urls(application):
    attachment = application.attachments.get(kind=ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    return [
        reverse("wagtailsnippets_bases_application:edit", args=[application.pk]),
        reverse("wagtailsnippets_bases_application:inspect", args=[application.pk]),
        reverse("wagtailsnippets_bases_application:history", args=[application.pk]),
        reverse("wagtailsnippets_bases_application:workflow_history", args=[application.pk]),
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        reverse("apply_file", args=[attachment.pk]),
    ]


def assert_sees_nothing(client, user, application):
    client.force_login(user)
    listing = client.get(reverse(LISTING)).content.decode()
    assert application.base_name not in listing
    for url in object_urls(application):
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"], url
    # Acting by posting directly to the workflow action is refused, and changes nothing.
    response = client.post(act_url(application, "approve"), {"comment": "越权"})
    assert response.status_code in (302, 404)
    assert Application.objects.get(pk=application.pk).status == application.status


def test_another_recommending_department_gets_nothing(client, people, application):
    assert_sees_nothing(client, people.baotou, application)


def test_an_unassigned_expert_gets_nothing(client, people, application):
    client.force_login(people.staff)
    client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        {"experts": [people.experts[0].pk]},
    )
    assert_sees_nothing(client, people.experts[1], application)
    client.post(
        act_url(application, "score"),
        {"score": "99", "recommendation": "recommend", "opinion": "x"},
    )
    assert application.expert_assignments.filter(score__isnull=False).count() == 0


def test_an_applicant_gets_nothing_in_the_admin(client, people, application):
    other = submitted_application(BaseType.DEMONSTRATION_BASE, league="包头市")
    client.force_login(other.applicant)
    for url in object_urls(application)[:-1]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(object_urls(application)[-1]).status_code == 404
    client.post(act_url(application, "approve"))
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.EXPERT_REVIEW


def test_the_assigned_expert_sees_the_application_and_its_files(client, people, application):
    client.force_login(people.staff)
    client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        {"experts": [people.experts[0].pk]},
    )
    client.force_login(people.experts[0])
    assert application.base_name in client.get(reverse(LISTING)).content.decode()
    edit, inspect, _history, _workflow, assign, file = object_urls(application)
    for url in (edit, inspect, file):
        assert client.get(url).status_code == 200, url
    assert client.get(assign).status_code in (302, 403)  # Only staff assign experts.


def test_the_own_department_sees_its_application_but_not_a_step_it_does_not_own(
    client, people, application
):
    client.force_login(people.hohhot)
    assert application.base_name in client.get(reverse(LISTING)).content.decode()
    # The application has moved on to expert review: the bureau can no longer act.
    client.post(act_url(application, "approve"))
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.EXPERT_REVIEW


def test_on_action_checks_permissions_when_called_directly(people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    task_state = application.current_workflow_task_state
    task = task_state.task.specific
    assert isinstance(task, RecommendingDepartmentReviewTask)
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, people.baotou, "approve")
    state = WorkflowState.objects.for_instance(application).get()
    assert state.current_task_state_id == task_state.pk


def test_the_listing_filters_and_exports(client, people):
    park = submitted_application(BaseType.INNOVATION_PARK, league="包头市")
    demo = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.staff)
    html = client.get(reverse(LISTING), {"base_type": "innovation_park"}).content.decode()
    assert park.base_name in html or park.reference in html
    assert demo.reference not in html
    step = demo.current_workflow_task
    html = client.get(reverse(LISTING), {"step": step.pk}).content.decode()
    assert demo.reference in html and park.reference not in html
    csv = client.get(reverse(LISTING), {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "申报编号" in text and demo.reference in text and "推荐部门审核" in text
    xlsx = client.get(reverse(LISTING), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_the_listing_uses_a_constant_number_of_queries(
    client, people, django_assert_max_num_queries
):
    submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.staff)
    with django_assert_max_num_queries(60) as few:
        client.get(reverse(LISTING))
    for _ in range(4):
        submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(LISTING))


def test_the_dashboard_shows_what_awaits_each_reviewer(client, people):
    hohhot = submitted_application(BaseType.DEMONSTRATION_BASE)
    baotou = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER, league="包头市")
    client.force_login(people.hohhot)
    html = client.get("/admin/").content.decode()
    assert "待我办理的认定申报" in html
    assert hohhot.base_name in html and baotou.reference not in html
    # Nothing waits for the leadership yet: its queue says so (issue 11: never a blank page).
    client.force_login(people.leader)
    html = client.get("/admin/").content.decode()
    assert "待我办理的认定申报（0）" in html and hohhot.base_name not in html


def test_each_role_acts_only_on_its_own_steps(client, people):
    park = submitted_application(BaseType.INNOVATION_PARK, league="包头市")
    # The agenda check is staff work: leadership and the city's bureau cannot do it.
    for user in (people.leader, people.baotou):
        act(client, user, park, "approve", agenda_year="2026", agenda_reference="会商第1项")
        assert Application.objects.get(pk=park.pk).current_workflow_task.name == "厅市会商议题确认"
    act(client, people.staff, park, "approve", agenda_year="2026", agenda_reference="会商第1项")
    assert Application.objects.get(pk=park.pk).current_workflow_task.name == "专家评审"
    client.force_login(people.leader)
    response = client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[park.pk]),
        {"experts": [people.experts[0].pk]},
    )
    assert response.status_code in (302, 403)
    assert not park.expert_assignments.exists()


def test_the_dashboard_panel_uses_a_constant_number_of_queries(
    client, people, django_assert_max_num_queries
):
    request = RequestFactory().get("/admin/")
    request.user = people.staff
    submitted_application(BaseType.INNOVATION_PARK, league="包头市")
    with django_assert_max_num_queries(60) as few:
        rows = AwaitingMyActionPanel().get_context_data({"request": request})["rows"]
        [(row["application"].reference, str(row["application"].league_city)) for row in rows]
    for _ in range(4):
        submitted_application(BaseType.INNOVATION_PARK, league="包头市")
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = AwaitingMyActionPanel().get_context_data({"request": request})["rows"]
        [(row["application"].reference, str(row["application"].league_city)) for row in rows]
    assert len(rows) == 5


def test_a_reviewer_cannot_cancel_resubmit_publish_or_revert_from_the_editor(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    url = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    client.force_login(people.hohhot)
    for action in ("action-cancel-workflow", "action-submit", "action-publish", "action-save"):
        client.post(url, {action: "1"})
        state = WorkflowState.objects.for_instance(application).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS, action
        assert Application.objects.get(pk=application.pk).status == (
            ApplicationStatus.RECOMMENDING_REVIEW
        )
    revision = application.latest_revision
    revert = reverse(
        "wagtailsnippets_bases_application:revisions_revert", args=[application.pk, revision.pk]
    )
    assert client.post(revert).status_code in (302, 403)
    bad = "/admin/snippets/bases/application/history/abc/revisions/compare/live...latest/"
    assert client.get(bad).status_code == 404


def test_the_chooser_and_site_history_show_only_visible_applications(client, people):
    hohhot = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(Client(), people.hohhot, hohhot, "approve")
    client.force_login(people.baotou)
    chooser = client.get("/admin/snippets/choose/bases/application/results/").content.decode()
    assert hohhot.base_name not in chooser
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert hohhot.base_name not in history and "hohhot_bureau" not in history
    client.force_login(people.hohhot)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert hohhot.base_name in history


def test_a_withdrawn_draft_stays_private(client, people):
    user = make_applicant()
    draft = make_application(user)
    withdraw_application(draft, user)
    assert not Application.objects.visible_to(people.hohhot).filter(pk=draft.pk).exists()


def test_no_return_after_the_decision_and_a_refused_publicity_comes_down(client, people):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "approve")
    pass_expert_review(client, people, application)
    pass_inspection(client, people, application)
    act(client, people.leader, application, "reject", comment="请修改")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.AWAITING_DECISION
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕5号")
    act(client, people.staff, application, "reject", comment="请修改")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.PUBLICITY
    announcement = Publicity.objects.get(application=application).announcement
    assert announcement.live
    act(client, people.staff, application, "refuse", comment="公示期间收到实名异议，经核查属实。")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REFUSED
    announcement.refresh_from_db()
    assert not announcement.live


def test_a_government_applies_only_for_a_park_in_its_own_league_city(people):
    government = make_government("包头市")
    application = complete_application(
        make_application(government, base_type=BaseType.INNOVATION_PARK)
    )
    elsewhere = HostOrganisationFactory(league="赤峰市", kind="science_park")
    application.credit_code = elsewhere.credit_code
    match_registry_host(application)
    application.save()
    application, problems = submit_application(application, government)
    assert application.status == ApplicationStatus.DRAFT
    assert "article_5_park_in_own_league_city" in [r.rule for r in problems.refusals]


def ping_url(application, session_id=1):
    return reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["bases", "application", application.pk, session_id],
    )


def test_the_editing_session_ping_answers_the_acting_reviewer_only(client, people, application):
    client.force_login(people.staff)
    client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        {"experts": [people.experts[0].pk]},
    )
    # The assigned expert, who acts on the current step, is told who else has it open.
    client.force_login(people.experts[0])
    response = client.post(ping_url(application))
    assert response.status_code == 200 and "other_sessions" in response.json()
    # Another department and an unassigned expert are not even told it exists.
    for user in (people.baotou, people.experts[1]):
        client.force_login(user)
        assert client.post(ping_url(application)).status_code == 404, user
