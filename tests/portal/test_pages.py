import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, PolicyIndexPage, PolicyPage, SiteFooterSettings, StandardPage
from tests.factories import PolicyPageFactory, build_site


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.tree = build_site()

    def test_page_tree_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, PolicyIndexPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(PolicyIndexPage, PolicyPage)
        self.assertCanNotCreateAt(HomePage, PolicyPage)
        self.assertCanNotCreateAt(PolicyPage, PolicyPage)
        self.assertCanNotCreateAt(StandardPage, PolicyIndexPage)
        self.assertAllowedSubpageTypes(PolicyPage, {})

    def test_pages_are_routable_and_renderable(self):
        for page in (self.tree.home, self.tree.policy_index, self.tree.measures):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)

    def test_stable_public_urls(self):
        for url in (
            "/",
            "/policy/",
            "/policy/measures/",
            "/bases/",
            "/news/",
            "/alliance/",
            "/apply/",
            "/search/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get("/admin/").status_code, 302)


pytestmark = pytest.mark.django_db


def test_home_page_navigation_and_landmarks(client, site_tree):
    html = client.get("/").content.decode()
    for label, url in [
        ("政策文件", "/policy/"),
        ("基地展示", "/bases/"),
        ("新闻动态", "/news/"),
        ("基地联盟", "/alliance/"),
        ("申报服务", "/apply/"),
        ("站内搜索", "/search/"),
    ]:
        assert f'href="{url}"' in html and label in html
    assert '<a class="skip-link" href="#main-content">跳到主要内容</a>' in html
    assert 'id="main-content"' in html
    for landmark in (
        '<header class="site-header" role="banner">',
        'aria-label="主导航"',
        "<main ",
        'role="contentinfo"',
        'role="search"',
    ):
        assert landmark in html
    assert html.count("<h1") == 1
    assert 'lang="zh-CN"' in html


def test_home_page_lists_latest_policies(client, site_tree):
    html = client.get("/").content.decode()
    assert "内蒙古自治区国际科技合作基地管理办法（试行）" in html
    assert 'href="/policy/measures/"' in html


def test_the_apply_section_is_the_application_service(client, site_tree):
    html = client.get("/apply/").content.decode()
    assert "<h1>申报服务</h1>" in html
    assert (
        'aria-current="page" href="/apply/"' in html or 'href="/apply/" aria-current="page"' in html
    )


def test_footer_comes_from_site_settings(client, site_tree):
    footer = SiteFooterSettings.for_site(site_tree.home.get_site())
    footer.address = "呼和浩特市测试路1号"
    footer.phone = "0471-1234567"
    footer.icp_number = "蒙ICP备12345678号-1"
    footer.public_security_number = "蒙公网安备 15010502000001号"
    footer.save()
    html = client.get("/policy/").content.decode()
    assert "主办单位：内蒙古自治区科学技术厅" in html
    assert "呼和浩特市测试路1号" in html and "0471-1234567" in html
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">蒙ICP备12345678号-1</a>' in html
    assert "code=15010502000001" in html


def test_inner_pages_have_breadcrumbs(client, site_tree):
    html = client.get("/policy/measures/").content.decode()
    crumbs = re.search(
        r'<nav class="container breadcrumbs-nav" aria-label="当前位置">(.*?)</nav>', html, re.S
    ).group(1)
    assert '<a href="/">首页</a>' in crumbs
    assert '<a href="/policy/">政策文件</a>' in crumbs
    assert 'aria-current="page">内蒙古自治区国际科技合作基地管理办法（试行）</li>' in crumbs
    assert "breadcrumbs-nav" not in client.get("/").content.decode()


def test_measures_page_has_a_stable_anchor_and_permalink_per_article(client, measures):
    html = client.get("/policy/measures/").content.decode()
    anchors = re.findall(r'<section class="policy-article" id="art-(\d+)"', html)
    assert anchors == [str(n) for n in range(1, 24)]
    assert 'href="#art-12" title="第十二条的固定链接">第十二条</a>' in html
    assert len(re.findall(r'id="chapter-\d+"', html)) == 5
    assert "第二章　认定条件和程序" in html


def test_measures_page_table_of_contents(client, measures):
    html = client.get("/policy/measures/").content.decode()
    toc = re.search(r'<nav class="col-lg-4 policy-toc no-print"(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'href="#art-(\d+)"', toc) == [str(n) for n in range(1, 24)]
    assert '<a href="#chapter-3">第三章　管理制度</a>' in toc
    assert "国际创新园认定条件和程序" in toc  # Art. 5's heading line serves as its title.


def test_measures_page_metadata_lists_and_print_stylesheet(client, measures):
    html = client.get("/policy/measures/").content.decode()
    assert "发布机关</dt><dd>内蒙古自治区科学技术厅" in html
    assert '<span class="badge status-trial">试行</span>' in html
    assert "自发布之日起施行" in html
    assert 'href="/static/css/print.css" media="print"' in html
    # Art. 5 (一) keeps its five numbered items inside the clause.
    art5 = re.search(r'id="art-5"(.*?)</section>', html, re.S).group(1)
    assert art5.count('<div class="policy-clause">') == 2
    assert art5.count("<li value=") == 9
    assert "（一）</span>国际创新园是根据自治区创新体系建设目标" in art5


def test_policy_download_link_when_original_file_is_attached(client, measures):
    document = get_document_model()(title="原文")
    document.file.save("measures.txt", ContentFile("原文".encode()), save=False)
    document.save()
    measures.original_file = document
    measures.save_revision().publish()
    html = client.get("/policy/measures/").content.decode()
    assert f'href="{document.url}">下载原文（TXT）</a>' in html


def test_policy_index_lists_filters_and_paginates(client, site_tree):
    PolicyPageFactory(
        parent=site_tree.policy_index, number=1, title="已废止的旧办法", status="repealed"
    )
    html = client.get("/policy/").content.decode()
    assert "已废止的旧办法" in html and "内蒙古自治区国际科技合作基地管理办法（试行）" in html
    html = client.get("/policy/?status=repealed").content.decode()
    assert "已废止的旧办法" in html and "管理办法（试行）" not in html
    # An unknown status is ignored, not an error.
    assert client.get("/policy/?status=bogus&page=abc").status_code == 200


def test_policy_index_query_count_does_not_grow_with_rows(
    client, site_tree, django_assert_max_num_queries
):
    PolicyPageFactory(parent=site_tree.policy_index, number=1)
    with django_assert_max_num_queries(15) as few:
        client.get("/policy/")
    few_count = len(few.captured_queries)
    for number in range(2, 22):
        PolicyPageFactory(parent=site_tree.policy_index, number=number)
    with django_assert_max_num_queries(few_count):
        response = client.get("/policy/")
    assert response.content.decode().count("测试政策文件") == 20
