"""Answering through the admin as staff and reviewers do it: staff write the answer and submit
it, a news reviewer approves (publishes) or returns it in the workflow 「互动交流答复发布」, the
asker is told once, and no other role of the admin sees a question."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from bases.review.roles import DEPARTMENT_STAFF, EXPERTS, LEADERSHIP
from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from portal.interaction.models import Question, Topic
from tests.factories import (
    QuestionFactory,
    act,
    ask,
    follow_link,
    make_member,
    make_user,
)

pytestmark = pytest.mark.django_db

ANSWER = "根据《管理办法》第六条，国际技术转移中心的申报机构须注册满一年。"


@pytest.fixture
def staff(site_tree):
    return make_user("qa_staff", DEPARTMENT_STAFF)


@pytest.fixture
def reviewer(site_tree):
    return make_user("qa_reviewer", NEWS_REVIEWERS)


@pytest.fixture
def asked(client, site_tree):
    ask(client, contact_email="asker@example.org")
    client.logout()
    return Question.objects.get(), follow_link()


def edit_url(question):
    return reverse("wagtailsnippets_interaction_question:edit", args=[question.pk])


def answer_form(question, **extra):
    data = {
        "asker_name": question.asker_name,
        "topic": question.topic,
        "question": question.question,
        "answer": ANSWER,
        "cited_articles": ["6"],
        "is_faq": "on",
    }
    data.update(extra)
    return data


def test_staff_answer_a_reviewer_publishes_and_the_asker_is_told(client, asked, staff, reviewer):
    question, link = asked
    mail.outbox.clear()
    client.force_login(staff)
    # A draft answer: saved, not public, not yet shown to the asker.
    response = client.post(edit_url(question), answer_form(question))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == ANSWER and not question.live
    assert client.get(f"/interaction/{question.pk}/").status_code == 404

    # Staff cannot publish it themselves.
    client.post(edit_url(question), answer_form(question, **{"action-publish": "publish"}))
    question.refresh_from_db()
    assert not question.live

    client.post(edit_url(question), answer_form(question, **{"action-submit": "submit"}))
    question.refresh_from_db()
    assert question.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert question.current_workflow_task_state.task.name == "互动交流答复审核"
    assert "答复审核中" in client.get(link).content.decode()
    # A writer is no reviewer: approving does nothing.
    act(client, staff, question, "approve")
    question.refresh_from_db()
    assert not question.live
    mail.outbox.clear()

    response = act(client, reviewer, question, "approve")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.live and question.is_faq and question.cited_articles == [6]
    client.logout()
    detail = client.get(f"/interaction/{question.pk}/").content.decode()
    assert ANSWER in detail and 'href="/policy/measures/#art-6"' in detail
    assert "asker@example.org" not in detail
    assert question.summary in client.get("/interaction/").content.decode()
    assert ANSWER in client.get("/interaction/faq/").content.decode()
    assert ANSWER in client.get(link).content.decode()

    told = [message for message in mail.outbox if message.to == ["asker@example.org"]]
    assert len(told) == 1
    assert "您的提问已答复" in told[0].subject
    assert f"http://testserver/interaction/{question.pk}/" in told[0].body
    assert question.answer_notified_at is not None
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(question.pk)).values_list("action", flat=True)
    )
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_a_returned_answer_goes_back_to_staff_and_a_republication_mails_no_one(
    client, asked, staff, reviewer
):
    question, link = asked
    client.force_login(staff)
    client.post(edit_url(question), answer_form(question, **{"action-submit": "submit"}))
    act(client, reviewer, question, "reject", comment="请补充申报时间的说明")
    question.refresh_from_db()
    assert not question.live
    assert question.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert client.get(f"/interaction/{question.pk}/").status_code == 404

    client.force_login(staff)
    client.post(
        edit_url(question),
        answer_form(question, answer=ANSWER + "申报时间以申报通知为准。", **{"action-submit": "x"}),
    )
    act(client, reviewer, question, "approve")
    question.refresh_from_db()
    assert question.live and question.answer.endswith("申报时间以申报通知为准。")
    assert sum(message.to == ["asker@example.org"] for message in mail.outbox) == 2  # link, notice

    # A corrected answer published again tells nobody a second time.
    client.force_login(reviewer)
    client.post(
        edit_url(question),
        answer_form(question, answer=ANSWER + "（已更正）", **{"action-publish": "publish"}),
    )
    question.refresh_from_db()
    assert question.answer.endswith("（已更正）")
    assert sum(message.to == ["asker@example.org"] for message in mail.outbox) == 2
    # Nor does a revision bring back another link: the asker's link still works.
    assert "（已更正）" in client.get(link).content.decode()


def test_an_answer_cannot_go_to_review_empty(client, asked, staff):
    question, _link = asked
    client.force_login(staff)
    response = client.post(
        edit_url(question), answer_form(question, answer="", **{"action-submit": "submit"})
    )
    assert "提交审核或发布前请填写答复。" in response.content.decode()
    question.refresh_from_db()
    assert question.current_workflow_state is None


def test_the_cited_articles_are_the_measures_articles(client, asked, staff):
    question, _link = asked
    client.force_login(staff)
    html = client.get(edit_url(question)).content.decode()
    assert '<option value="6">第六条' in html and '<option value="23">第二十三条' in html
    assert 'value="24"' not in html  # the Measures have 23 articles
    response = client.post(edit_url(question), answer_form(question, cited_articles=["99"]))
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.cited_articles == []
    # The address the asker left is shown to staff, and cannot be changed by them.
    assert "asker@example.org" in html
    client.post(edit_url(question), {**answer_form(question), "contact_email": "x@example.org"})
    question.refresh_from_db()
    assert question.contact_email == "asker@example.org"


def test_staff_see_the_questions_waiting_for_an_answer(client, asked, staff):
    question, _link = asked
    client.force_login(staff)
    dashboard = client.get("/admin/").content.decode()
    assert "待答复的网友提问" in dashboard and question.summary in dashboard
    listing = client.get(reverse("wagtailsnippets_interaction_question:list"))
    assert listing.status_code == 200 and question.summary in listing.content.decode()


@pytest.mark.parametrize(
    "role",
    ["recommending_department", "expert", "leadership", "news_editor", "secretariat"],
)
def test_other_roles_see_nothing_of_the_questions(client, site_tree, role):
    question = QuestionFactory(topic=Topic.OTHER, question="只给工作人员看的提问：联盟如何加入？")
    user = {
        "recommending_department": lambda: make_member("qa_bureau"),
        "expert": lambda: make_user("qa_expert", EXPERTS),
        "leadership": lambda: make_user("qa_leader", LEADERSHIP),
        "news_editor": lambda: make_user("qa_editor", NEWS_EDITORS),
        "secretariat": lambda: make_user("qa_secretariat", "联盟秘书处"),
    }[role]()
    client.force_login(user)
    home = client.get("/admin/").content.decode()
    assert "互动交流" not in home and "网友提问" not in home
    assert "只给工作人员看的提问" not in home
    for name, args in [
        ("list", []),
        ("edit", [question.pk]),
        ("add", []),
        ("delete", [question.pk]),
        ("history", [question.pk]),
        ("inspect", [question.pk]),
    ]:
        try:
            url = reverse(f"wagtailsnippets_interaction_question:{name}", args=args)
        except Exception:  # a view this viewset does not have
            continue
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (name, response.status_code)
        assert "只给工作人员看的提问" not in response.content.decode(), name
    chooser = client.get(reverse("wagtailsnippetchoosers_interaction_question:choose"))
    assert "只给工作人员看的提问" not in chooser.content.decode()
