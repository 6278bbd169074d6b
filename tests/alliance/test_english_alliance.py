"""The alliance in the English edition: its page, its events and the resource-sharing board,
with an English interface; what members post stays as they wrote it (issue 18)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Locale

from alliance.models import AllianceEventPage, AllianceMembership, AlliancePage, ResourcePost
from bases.models import CooperationField
from portal.english_edition import translate
from tests.english import chinese_left
from tests.factories import NewsPageFactory, ResourcePostFactory, make_base, publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(site_tree):
    for placeholder in site_tree.home.get_children().filter(slug="alliance"):
        placeholder.delete()
    return publish_child(
        site_tree.home,
        AlliancePage(
            title="基地联盟",
            slug="alliance",
            intro="全区国合基地的联合组织。",
            secretariat_host="内蒙古自治区科学技术信息研究所",
            secretariat_phone="0471-0000000",
            secretariat_email="alliance@example.org",
        ),
    )


@pytest.fixture
def english_alliance(alliance):
    return translate(
        alliance,
        title="Alliance",
        intro="The association of all the bases in Inner Mongolia.",
        secretariat_host="Inner Mongolia Institute of Science and Technology Information",
        how_to_join="<p>Every accredited base may join.</p>",
    )


@pytest.fixture
def members(alliance):
    named = make_base("包头市", name="稀土基地", name_en="Rare Earth Base")
    unnamed = make_base("赤峰市", name="赤峰农牧基地")  # no English name yet
    for base in (named, unnamed):
        AllianceMembership.objects.create(base=base, joined_on=datetime.date(2025, 1, 1))
    return named, unnamed


def english_post(base, **fields):
    """A post written in English by a member, in a field that has an English name."""
    field, _ = CooperationField.objects.get_or_create(name="稀土新材料")
    field.name_en = "Rare-earth materials"
    field.save()
    return ResourcePostFactory(
        base=base,
        title="Shared X-ray diffractometer",
        description="Open to partner institutes on weekdays.",
        fields=["稀土新材料"],
        **fields,
    )


def board_titles(html):
    """(address, direction, title) of each post listed; a title written in Chinese is marked
    as Chinese (its <span lang="zh-CN">), which the title here leaves out."""
    return [
        (href, direction, re.sub(r"<[^>]+>", "", title))
        for href, direction, title in re.findall(
            r'<h2 class="h5"><a href="([^"]+)">\[([^\]]+)\] (.+?)</a>', html
        )
    ]


def test_the_english_alliance_page(client, english_alliance, members):
    event = AllianceEventPage(
        title="年会",
        slug="annual-meeting",
        start=timezone.make_aware(datetime.datetime(2025, 11, 20, 9, 30)),
        place="呼和浩特",
        organiser="联盟秘书处",
    )
    publish_child(english_alliance.get_translation(Locale.get_default()), event)
    translate(event, title="Annual meeting", place="Hohhot", organiser="The secretariat")
    english_post(members[0])
    response = client.get("/en/alliance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Alliance</h1>" in html and "Members (2)" in html
    assert f'<a href="/en/bases/{members[0].pk}/">Rare Earth Base</a>' in html
    # A base nobody named in English yet keeps its Chinese name, marked as Chinese.
    assert f'<a href="/en/bases/{members[1].pk}/" lang="zh-CN">赤峰农牧基地</a>' in html
    assert "Host organisation: Inner Mongolia Institute" in html
    assert "Past events" in html
    assert ">Annual meeting</a> · 20 Nov 2025" in html
    assert "[Offer] Shared X-ray diffractometer" in html
    assert 'href="/en/alliance/board/"' in html
    assert chinese_left(html) == []

    html = client.get("/en/alliance/annual-meeting/").content.decode()
    assert "20 November 2025, 09:30" in html and "Organiser" in html
    assert chinese_left(html) == []


def test_the_chinese_alliance_page_is_unchanged(client, english_alliance, members):
    html = client.get("/alliance/").content.decode()
    assert "<h1>基地联盟</h1>" in html and "联盟成员（2）" in html
    assert f'<a href="/bases/{members[1].pk}/">赤峰农牧基地</a>' in html
    assert "依托单位：内蒙古自治区科学技术信息研究所" in html
    assert "Members" not in html


def test_the_english_board_lists_the_posts_as_written(client, english_alliance, members):
    english = english_post(members[0])
    chinese = ResourcePostFactory(base=members[1], title="共享冷库", kind="channel")
    html = client.get("/en/alliance/board/").content.decode()
    assert board_titles(html) == [
        (f"/en/alliance/board/{chinese.pk}/", "Offer", "共享冷库"),
        (f"/en/alliance/board/{english.pk}/", "Offer", "Shared X-ray diffractometer"),
    ]
    assert "<h1>Resource sharing</h1>" in html and "Articles 20 and 21 of the Measures" in html
    assert '<option value="channel">Cooperation channels</option>' in html
    assert "Rare-earth materials" in html
    expires = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%-d %b %Y")
    assert f"Open until {expires}" in html
    # The members' own words stay as written: the post written in Chinese is marked as such.
    assert '[Offer] <span lang="zh-CN">共享冷库</span>' in html
    assert chinese_left(html) == []
    # The filters work in English as in Chinese.
    html = client.get("/en/alliance/board/", {"kind": "channel"}).content.decode()
    assert [title for _url, _direction, title in board_titles(html)] == ["共享冷库"]


def test_an_english_post_page_has_no_chinese_left(client, english_alliance, members):
    post = english_post(members[0])
    html = client.get(f"/en/alliance/board/{post.pk}/").content.decode()
    assert "Contact the base that posted this" in html
    assert 'value="Send message"' in html and "Your name" in html
    assert chinese_left(html) == []


def contact(client, post, **data):
    payload = {
        "name": "Anna Schmidt",
        "organisation": "Fraunhofer Institute",
        "email": "anna@example.org",
        "phone": "",
        "message": "We would like to know the opening hours and the fees.",
        "website": "",
    }
    payload.update(data)
    return client.post(f"/en/alliance/board/{post.pk}/", payload, REMOTE_ADDR="198.51.100.7")


def test_the_form_in_english_answers_in_english_and_keeps_the_input(
    client, english_alliance, members
):
    post = english_post(members[0])
    html = contact(client, post, email="not an address", message="Too short").content.decode()
    assert "Enter a valid email address." in html
    assert "Write a message of at least 10 characters." in html
    assert 'value="Anna Schmidt"' in html and "Too short</textarea>" in html
    assert "请输入有效的电子邮箱地址" not in html
    assert chinese_left(html) == []
    html = contact(client, post, organisation="").content.decode()
    assert "This field is required." in html
    assert mail.outbox == []


def test_a_message_sent_in_english(client, english_alliance, members):
    post = english_post(members[0])
    html = contact(client, post).content.decode()
    assert "Your message has been sent." in html
    assert chinese_left(html) == []
    (message,) = mail.outbox
    assert message.to == [post.contact_email]
    # The poster is a base: the mail is Chinese, and says to answer in English.
    assert "就您发布的“Shared X-ray diffractometer”留言" in message.body
    assert "请用英文回复" in message.body


def test_a_message_sent_in_chinese_says_nothing_of_english(client, alliance, members):
    post = english_post(members[0])
    client.post(
        f"/alliance/board/{post.pk}/",
        {
            "name": "王工",
            "organisation": "某研究所",
            "email": "visitor@example.org",
            "message": "希望了解平台的开放时间和收费标准。",
        },
    )
    (message,) = mail.outbox
    assert "英文" not in message.body


def test_the_board_of_an_untranslated_alliance_is_shown_in_chinese(client, alliance, members):
    english_post(members[0], status=ResourcePost.Status.APPROVED)
    NewsPageFactory(parent=alliance, number=1)
    response = client.get("/en/alliance/board/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This page has not been translated into English yet" in html
    assert "<h1>资源共享</h1>" in html
    assert chinese_left(html) == []
