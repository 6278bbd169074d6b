"""The demo's questions, built through the workflow as staff and reviewers do it, once."""

import pytest

from bases.review.roles import DEPARTMENT_STAFF
from news.editorial import NEWS_REVIEWERS
from portal.interaction.demo import load_demo_interaction
from portal.interaction.models import Question
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_demo_questions_are_answered_published_and_pending_once(client, site_tree):
    make_user("staff", DEPARTMENT_STAFF)
    make_user("news_reviewer", NEWS_REVIEWERS)
    assert load_demo_interaction() == 5
    assert load_demo_interaction() == 5  # idempotent
    published = Question.objects.published()
    assert published.count() == 3 and published.filter(is_faq=True).count() == 2
    waiting = [q.status_label for q in Question.objects.filter(live=False).order_by("pk")]
    assert waiting == ["答复审核中", "已受理，正在办理"]
    html = client.get("/interaction/faq/").content.decode()
    assert "国际技术转移中心" in html and "第六条" in html
    assert "@example.org" not in client.get("/interaction/").content.decode()
