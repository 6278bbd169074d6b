import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data

from alliance.models import AllianceMembership, AlliancePage, ResourcePost
from alliance.permissions import SECRETARIAT
from bases.models import BaseStatus, CooperationField, LeagueCity
from portal.models import RateCount
from tests.factories import ResourcePostFactory, make_base, make_user, publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(site_tree):
    for placeholder in site_tree.home.get_children().filter(slug="alliance"):
        placeholder.delete()
    return publish_child(site_tree.home, AlliancePage(title="基地联盟", slug="alliance"))


@pytest.fixture
def members(alliance):
    bases = [make_base("包头市", name=f"成员基地{n}") for n in range(3)]
    for base in bases:
        AllianceMembership.objects.create(base=base, joined_on=datetime.date(2025, 1, 1))
    make_base("赤峰市", name="未入盟基地")
    return bases


def member_names(html):
    block = re.search(r'<ul class="member-list">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="/bases/\d+/">([^<]+)</a>', block.group(1)) if block else []


def test_members_are_derived_from_the_registry(client, members):
    names = member_names(client.get("/alliance/").content.decode())
    assert sorted(names) == ["成员基地0", "成员基地1", "成员基地2"]


def test_a_revoked_base_leaves_the_alliance_automatically(client, members):
    members[1].change_status(
        BaseStatus.REVOKED,
        on=datetime.date(2026, 5, 1),
        reason="依托单位自行要求撤销",
        article="《管理办法》第十二条第（七）项",
    )
    membership = AllianceMembership.objects.get(base=members[1])
    assert membership.left_on == datetime.date(2026, 5, 1)
    assert membership.left_reason == "国合基地资格被撤销"
    assert "成员基地1" not in member_names(client.get("/alliance/").content.decode())


def board_titles(html):
    return re.findall(r'<h2 class="h5"><a href="[^"]+">\[[^\]]+\] ([^<]+)</a>', html)


def test_board_shows_only_approved_unexpired_posts(client, members):
    ResourcePostFactory(base=members[0], title="已发布")
    ResourcePostFactory(base=members[0], title="待审核", status=ResourcePost.Status.PENDING)
    ResourcePostFactory(base=members[0], title="未通过", status=ResourcePost.Status.REJECTED)
    expired = ResourcePostFactory(
        base=members[0],
        title="已过期",
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert board_titles(client.get("/alliance/board/").content.decode()) == ["已发布"]
    pending = ResourcePost.objects.get(title="待审核")
    assert client.get(f"/alliance/board/{pending.pk}/").status_code == 404
    page = client.get(f"/alliance/board/{expired.pk}/").content.decode()
    assert "该信息已过期，不再接受留言" in page
    assert 'name="message"' not in page  # no contact form on an expired post


def test_board_filters_by_kind_field_and_league(client, members):
    other = make_base("赤峰市", name="赤峰基地")
    ResourcePostFactory(base=members[0], title="包头设备", fields=["稀土新材料"])
    ResourcePostFactory(
        base=other,
        title="赤峰专家",
        kind=ResourcePost.Kind.EXPERTISE,
        direction=ResourcePost.Direction.NEED,
        fields=["现代农牧业"],
    )
    board = "/alliance/board/"
    assert board_titles(client.get(board, {"kind": "expertise"}).content.decode()) == ["赤峰专家"]
    assert board_titles(client.get(board, {"direction": "offer"}).content.decode()) == ["包头设备"]
    field = CooperationField.objects.get(name="稀土新材料").pk
    assert board_titles(client.get(board, {"field": field}).content.decode()) == ["包头设备"]
    league = LeagueCity.objects.get(name="赤峰市").pk
    assert board_titles(client.get(board, {"league": league}).content.decode()) == ["赤峰专家"]
    assert client.get(board, {"kind": "x", "field": "y", "page": "z"}).status_code == 200


def contact(client, post, REMOTE_ADDR="127.0.0.1", **data):
    payload = {
        "name": "王工",
        "organisation": "某研究所",
        "email": "visitor@example.org",
        "phone": "",
        "message": "希望了解平台的开放时间和收费标准。",
        "website": "",
    }
    payload.update(data)
    return client.post(f"/alliance/board/{post.pk}/", payload, REMOTE_ADDR=REMOTE_ADDR)


def test_contact_form_reaches_the_poster_without_exposing_the_address(client, members):
    post = ResourcePostFactory(base=members[0])
    page = client.get(f"/alliance/board/{post.pk}/").content.decode()
    assert "secret-poster@example.org" not in page
    response = contact(client, post)
    assert "留言已发送" in response.content.decode()
    assert "secret-poster@example.org" not in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["secret-poster@example.org"]
    assert message.reply_to == ["visitor@example.org"]
    assert "希望了解平台的开放时间和收费标准" in message.body


def test_contact_form_errors_are_chinese_and_keep_the_input(client, members):
    post = ResourcePostFactory(base=members[0])
    html = contact(client, post, email="不是邮箱", message="太短").content.decode()
    assert "请输入有效的电子邮箱地址。" in html
    assert "留言内容至少 10 个字。" in html
    assert 'value="王工"' in html and "太短</textarea>" in html
    assert mail.outbox == []
    html = contact(client, post, website="http://spam.example").content.decode()
    assert "提交未通过校验" in html
    assert mail.outbox == []


def test_contact_form_is_rate_limited(client, members):
    post = ResourcePostFactory(base=members[0])
    for _ in range(5):
        contact(client, post, REMOTE_ADDR="203.0.113.9")
        cache.clear()  # as if each request reached another worker
    html = contact(client, post, REMOTE_ADDR="203.0.113.9").content.decode()
    assert "留言过于频繁" in html
    assert len(mail.outbox) == 5
    assert "203.0.113.9" not in " ".join(RateCount.objects.values_list("key", flat=True))
    assert "留言过于频繁" not in contact(client, post, REMOTE_ADDR="203.0.113.10").content.decode()


def test_the_count_keeps_no_address_nor_a_plain_hash_of_it(client, members, settings):
    """The key is an HMAC of the address with SECRET_KEY: hashing all four billion IPv4
    addresses finds nothing (with a plain hash it finds the visitor within minutes)."""
    post = ResourcePostFactory(base=members[0])
    contact(client, post, REMOTE_ADDR="203.0.113.9")
    (first,) = RateCount.objects.values_list("key", flat=True)
    RateCount.objects.all().delete()
    settings.SECRET_KEY = "the-secret-key-of-another-portal"
    contact(client, post, REMOTE_ADDR="203.0.113.9")
    (second,) = RateCount.objects.values_list("key", flat=True)
    assert second != first  # the same address under another secret: another key


def test_contact_form_keeps_the_message_and_asks_to_retry_when_the_mail_fails(
    client, members, settings
):
    post = ResourcePostFactory(base=members[0])
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    html = contact(client, post).content.decode()
    assert "留言暂时未能发出，请稍后重试。" in html
    assert "留言已发送" not in html
    assert 'value="王工"' in html
    assert "希望了解平台的开放时间和收费标准。</textarea>" in html


def test_secretariat_edits_only_the_alliance(client, site_tree, alliance, members):
    user = make_user("sec", SECRETARIAT)
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(alliance.pk,))).status_code == 200
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=("alliance", "allianceeventpage", alliance.pk))
        ).status_code
        == 200
    )
    assert client.get(reverse("wagtailsnippets_alliance_resourcepost:list")).status_code == 200
    # Not department news, not the policy library, not the registry.
    for url in (
        reverse("wagtailadmin_pages:edit", args=(site_tree.news_index.pk,)),
        reverse("wagtailadmin_pages:add", args=("news", "newspage", site_tree.news_index.pk)),
        reverse("wagtailadmin_pages:edit", args=(site_tree.measures.pk,)),
        reverse("wagtailsnippets_bases_base:list"),
        reverse("wagtailsnippets_bases_hostorganisation:list"),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_secretariat_moderates_a_post(client, alliance, members):
    user = make_user("sec", SECRETARIAT)
    client.force_login(user)
    post = ResourcePostFactory(
        base=members[0], title="等待审核", status=ResourcePost.Status.PENDING
    )
    assert board_titles(client.get("/alliance/board/").content.decode()) == []
    response = client.post(
        reverse("wagtailsnippets_alliance_resourcepost:edit", args=(post.pk,)),
        nested_form_data(
            {
                "base": post.base.pk,
                "direction": "offer",
                "kind": "equipment",
                "title": "等待审核",
                "description": "说明",
                "fields": [],
                "contact_email": post.contact_email,
                "expires_on": post.expires_on.isoformat(),
                "status": "approved",
                "moderation_note": "同意发布",
            }
        ),
    )
    assert response.status_code == 302
    assert board_titles(client.get("/alliance/board/").content.decode()) == ["等待审核"]


def test_board_ignores_filter_values_it_cannot_understand(client, members):
    ResourcePostFactory(base=members[0], title="包头设备")
    board = "/alliance/board/"
    for params in ({"field": "9" * 30}, {"league": "1.5"}, {"kind": "<x>", "direction": "up"}):
        response = client.get(board, params)
        assert response.status_code == 200
        assert board_titles(response.content.decode()) == ["包头设备"]


def test_board_pagination_keeps_the_filters(client, members):
    for number in range(21):
        ResourcePostFactory(
            base=members[0], title=f"设备{number}", kind=ResourcePost.Kind.EQUIPMENT
        )
    html = client.get("/alliance/board/", {"kind": "equipment"}).content.decode()
    assert len(board_titles(html)) == 20
    assert "?kind=equipment&amp;page=2" in html
