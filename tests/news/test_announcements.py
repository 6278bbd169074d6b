import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from bases.models import BaseIndexPage, BaseStatus
from bases.review.announcements import AnnouncementEvent, announce
from news.models import NewsCategory, NewsPage
from tests.factories import make_base

pytestmark = pytest.mark.django_db


@pytest.fixture
def base(site_tree):
    assert BaseIndexPage.objects.exists()
    return make_base("包头市", name="包头测试基地")


def test_revocation_announcement_is_published_once(client, base):
    base.change_status(
        BaseStatus.REVOKED,
        on=datetime.date(2026, 4, 10),
        reason="连续两年未提交年度工作总结",
        article="《管理办法》第十二条第（四）项",
    )
    page = announce(base, AnnouncementEvent.REVOCATION, on=datetime.date(2026, 4, 12))
    assert page.live
    assert page.category == NewsCategory.NOTICE
    assert page.title == "关于撤销包头测试基地“内蒙古自治区国际科技合作基地”资格的公告"
    assert list(page.related_bases.all()) == [base]
    html = client.get(page.url).content.decode()
    assert "根据《管理办法》第十二条第（四）项的规定" in html
    assert "撤销原因：连续两年未提交年度工作总结" in html
    assert "三年内不得再次提出认定申请" in html

    again = announce(base, AnnouncementEvent.REVOCATION, on=datetime.date(2026, 4, 12))
    assert again.pk == page.pk
    assert NewsPage.objects.filter(category=NewsCategory.NOTICE).count() == 1
    # It is listed under 通知公告 and on the base's profile.
    assert page.title in client.get("/news/", {"category": "notice"}).content.decode()
    assert page.title in client.get(f"/bases/{base.pk}/").content.decode()


@pytest.mark.parametrize(
    ("event", "title"),
    [
        (
            AnnouncementEvent.ACCREDITATION_PUBLICITY,
            "关于拟认定包头测试基地为示范型国际科技合作基地的公示",
        ),
        (
            AnnouncementEvent.ACCREDITATION,
            "关于认定包头测试基地为示范型国际科技合作基地的公告",
        ),
        (AnnouncementEvent.FAILED_ASSESSMENT, "关于包头测试基地年度考核不合格的通报"),
        (AnnouncementEvent.COMMENDATION, "关于表彰包头测试基地的通报"),
    ],
)
def test_each_event_has_its_announcement(base, event, title):
    page = announce(base, event, on=datetime.date(2026, 5, 1), details="详见附件。")
    assert page.title == title
    assert page.date == datetime.date(2026, 5, 1)


def test_a_draft_announcement_is_not_live(client, base):
    page = announce(base, AnnouncementEvent.COMMENDATION, publish=False)
    assert not page.live
    assert client.get(page.url or "/news/x/").status_code == 404
    assert page.get_latest_revision() is not None


def test_without_a_news_section_it_says_why(db):
    with pytest.raises(ImproperlyConfigured, match="没有新闻栏目"):
        announce(make_base(), AnnouncementEvent.COMMENDATION)
