"""The site's identity as 《政府网站发展指引》 asks for it: the portal's own emblem and favicon,
the footer's identification marks and filings from site settings with 网站地图, 联系我们 and
隐私声明, a home page that leads with 通知公告 and 政策文件, and 长者模式 (适老化)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from news.models import NewsCategory
from portal.models import SiteFooterSettings, StandardPage
from tests.factories import NewsPageFactory, make_user, publish_child

pytestmark = pytest.mark.django_db

EMBLEM = Path(settings.BASE_DIR) / "static" / "img" / "emblem.svg"


def test_the_header_and_the_tab_show_the_portals_own_emblem(client, site_tree):
    html = client.get("/").content.decode()
    icon = r'<link rel="icon" href="/static/img/emblem\.svg" type="image/svg\+xml">'
    assert re.search(icon, html)
    assert re.search(r'<img class="site-brand__emblem" src="/static/img/emblem\.svg"', html)
    # A drawn mark, not two characters in a circle: the file has shapes and no text.
    svg = EMBLEM.read_text()
    assert "<text" not in svg and svg.count("<path") >= 2 and "<title" in svg
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/emblem.svg"


def footer_of(html):
    return html[html.index('role="contentinfo"') :]


def test_the_footer_carries_the_identification_marks_and_links_from_site_settings(
    client, site_tree
):
    home = site_tree.home
    contact = publish_child(home, StandardPage(title="联系我们", slug="contact"))
    privacy = publish_child(home, StandardPage(title="隐私声明", slug="privacy"))
    footer = footer_of(client.get("/policy/").content.decode())
    assert "党政机关网站标识" not in footer and "网站标识码" not in footer
    assert "联系我们" not in footer and '<a href="/sitemap/">网站地图</a>' in footer

    staff = make_user("webmaster", is_superuser=True, is_staff=True)
    client.force_login(staff)
    settings_row = SiteFooterSettings.for_site(home.get_site())
    edit = reverse(
        "wagtailsettings:edit", args=["portal", "sitefootersettings", settings_row.site_id]
    )
    response = client.post(
        edit,
        {
            "department_name": "内蒙古自治区科学技术厅",
            "site_code": "1500000041",
            "conac_code": "ABC123",
            "icp_number": "蒙ICP备12345678号-1",
            "public_security_number": "蒙公网安备 15010502000001号",
            "contact_page": contact.pk,
            "privacy_page": privacy.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    footer = footer_of(client.get("/policy/").content.decode())
    assert "网站标识码：1500000041" in footer
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC123"' in footer
    assert 'alt="党政机关网站标识"' in footer
    assert ">蒙ICP备12345678号-1</a>" in footer and "code=15010502000001" in footer
    assert '<a href="/contact/">联系我们</a>' in footer
    assert '<a href="/privacy/">隐私声明</a>' in footer


def test_the_home_page_leads_with_notices_and_policies(client, site_tree):
    news_index = site_tree.news_index
    NewsPageFactory(parent=news_index, title="关于认定某某基地的公告", category=NewsCategory.NOTICE)
    NewsPageFactory(parent=news_index, title="基地建设工作推进会召开", category=NewsCategory.WORK)
    html = client.get("/").content.decode()
    notices = html[html.index('id="notices-heading"') : html.index('id="policy-heading"')]
    policies = html[html.index('id="policy-heading"') : html.index('id="news-heading"')]
    news = html[html.index('id="news-heading"') :]
    assert "关于认定某某基地的公告" in notices and "关于认定某某基地的公告" not in news
    assert "基地建设工作推进会召开" in news and "基地建设工作推进会召开" not in notices
    assert 'href="/news/?category=notice"' in notices
    # One policy does not fill its block: the Measures' chapters lead into it.
    assert "内蒙古自治区国际科技合作基地管理办法（试行）" in policies
    assert 'href="/policy/measures/#chapter-2"' in policies
    assert html.index('id="notices-heading"') < html.index('id="news-heading"')


def test_every_link_of_the_home_page_leads_somewhere(client, site_tree):
    """No section promises a service that does not exist."""
    html = client.get("/").content.decode()
    links = set(re.findall(r'href="(/[^"#]*)', html))
    links = {href for href in links if not href.startswith("/static/")}
    assert {"/policy/measures/", "/news/?category=notice", "/apply/", "/sitemap/"} <= links
    for href in sorted(links):
        status = client.get(href.replace("&amp;", "&")).status_code
        assert status in (200, 301, 302), f"{href} answered {status}"


def test_elder_mode_is_one_link_remembered_by_the_browser(client, site_tree):
    html = client.get("/bases/").content.decode()
    assert '<html lang="zh-CN" class="no-js">' in html
    assert 'href="/elder-mode/?on=1&amp;next=/bases/">长者模式</a>' in html

    response = client.get("/elder-mode/?on=1&next=/bases/")
    assert response.status_code == 302 and response["Location"] == "/bases/"
    cookie = response.cookies["portal_elder"]
    assert cookie.value == "1" and cookie["max-age"] == 31536000 and cookie["httponly"]

    html = client.get("/policy/measures/").content.decode()
    assert '<html lang="zh-CN" class="no-js elder">' in html
    assert "退出长者模式</a>" in html

    response = client.get("/elder-mode/?on=0&next=/policy/measures/")
    assert response["Location"] == "/policy/measures/"
    assert response.cookies["portal_elder"].value == ""
    assert 'class="no-js elder"' not in client.get("/policy/measures/").content.decode()


def test_elder_mode_goes_back_only_to_this_site(client, site_tree):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/elder-mode/", {"on": "1", "next": target})
        assert response["Location"] == "/"
