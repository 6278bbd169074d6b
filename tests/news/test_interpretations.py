"""政策解读 published with the policy: an interpretation cites articles of a policy, chosen
in the admin from that policy's own articles; the policy links each cited article to its
interpretations, and the interpretation links back to each article."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset

from news.models import NewsPage, PolicyCitation
from portal.models import PolicyPage
from tests.factories import interpretation, make_user, news_form

pytestmark = pytest.mark.django_db

SHORT_POLICY = """关于国合基地联盟秘书处工作的规定

第一条 秘书处统筹协调联盟日常工作。
第二条 秘书处每年向联盟成员报告工作。
第三条 本规定自发布之日起施行。
"""


@pytest.fixture
def admin_client(client, site_tree):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def short_policy(site_tree, tmp_path):
    """A second policy, imported as any policy is, with three articles."""
    path = tmp_path / "secretariat.txt"
    path.write_text(SHORT_POLICY, encoding="utf-8")
    call_command(
        "import_policy", str(path), parent="/policy/", slug="secretariat", stdout=StringIO()
    )
    return PolicyPage.objects.get(slug="secretariat")


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))


def cite(*pairs):
    return inline_formset([{"policy": policy.pk, "article": article} for policy, article in pairs])


def article_section(html, number):
    """The HTML of article ``number`` of a policy page."""
    return re.search(
        rf'<section class="policy-article" id="art-{number}">(.*?)</section>', html, re.S
    ).group(1)


def test_the_editor_picks_articles_from_the_chosen_policys_own_list(
    admin_client, site_tree, short_policy
):
    html = admin_client.get(add_url(site_tree.news_index)).content.decode()
    measures = site_tree.measures
    # Every policy's articles, grouped by policy, each option saying whose article it is.
    assert f'<optgroup label="《{measures.title}》">' in html
    assert (
        f'<option value="5" data-policy="{measures.pk}">第五条 国际创新园认定条件和程序</option>'
        in html
    )
    third = f'<option value="3" data-policy="{short_policy.pk}">第三条 本规定自发布之日起施行。'
    assert third in html
    assert "js/admin-citations.js" in html
    assert 'name="citations-__prefix__-article"' in html  # rows added in the editor get it too


def test_an_interpretation_created_in_the_admin_links_both_ways(admin_client, client, site_tree):
    measures = site_tree.measures
    response = admin_client.post(
        add_url(site_tree.news_index),
        news_form(
            "三种国合基地的认定条件解读",
            "three-types",
            category="interpretation",
            citations=cite((measures, 5), (measures, 6), (measures, 7)),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="three-types")
    assert page.live and sorted(page.citations.values_list("article", flat=True)) == [5, 6, 7]

    policy_html = client.get("/policy/measures/").content.decode()
    for number in (5, 6, 7):
        section = article_section(policy_html, number)
        assert "解读" in section and 'href="/news/three-types/"' in section
    assert "/news/three-types/" not in article_section(policy_html, 4)
    listing = re.search(r'id="interpretations".*?</section>', policy_html, re.S).group(0)
    assert "三种国合基地的认定条件解读" in listing
    assert (
        '<a href="#art-5">第五条</a>、<a href="#art-6">第六条</a>、<a href="#art-7">第七条</a>'
        in listing
    )
    assert "政策解读（1）" in policy_html

    news_html = client.get("/news/three-types/").content.decode()
    assert "本文解读的政策条款" in news_html
    for number, label in ((5, "第五条"), (6, "第六条"), (7, "第七条")):
        assert f'<a href="/policy/measures/#art-{number}">{label}</a>' in news_html

    # The edit form shows the chosen articles selected, under the chosen policy.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert f'<option value="6" data-policy="{measures.pk}" selected>' in edit


def test_an_article_the_policy_does_not_have_is_refused_in_chinese(
    admin_client, site_tree, short_policy
):
    response = admin_client.post(
        add_url(site_tree.news_index),
        news_form(
            "联盟秘书处规定解读",
            "secretariat-explained",
            category="interpretation",
            # Art. 5 exists in the Measures, not in this three-article policy.
            citations=cite((short_policy, 5)),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 200
    assert (
        f"《{short_policy.title}》没有第五条，请从该文件的条款中选择。" in response.content.decode()
    )
    assert not NewsPage.objects.filter(slug="secretariat-explained").exists()

    # The same article of a policy that has it is accepted.
    response = admin_client.post(
        add_url(site_tree.news_index),
        news_form(
            "联盟秘书处规定解读",
            "secretariat-explained",
            category="interpretation",
            citations=cite((short_policy, 3)),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302
    assert 'href="/news/secretariat-explained/"' in article_section(
        admin_client.get("/policy/secretariat/").content.decode(), 3
    )


def test_only_an_interpretation_may_cite_articles(admin_client, site_tree):
    response = admin_client.post(
        add_url(site_tree.news_index),
        news_form(
            "工作动态",
            "work-news",
            category="work",
            citations=cite((site_tree.measures, 5)),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 200
    assert "引用了政策条款的新闻，栏目分类须为“政策解读”。" in response.content.decode()
    assert not NewsPage.objects.filter(slug="work-news").exists()


def test_unpublished_and_private_interpretations_are_not_linked(client, site_tree):
    measures, index = site_tree.measures, site_tree.news_index
    interpretation(index, measures, [12], number=1, title="已发布的解读")
    withdrawn = interpretation(index, measures, [12], number=2, title="已撤下的解读")
    withdrawn.unpublish()
    private = interpretation(index, measures, [12], number=3, title="内部的解读")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = NewsPage(title="草稿解读", slug="draft", category="interpretation", live=False)
    index.add_child(instance=draft)
    draft.citations = [PolicyCitation(policy=measures, article=12)]
    draft.save_revision()

    html = client.get("/policy/measures/").content.decode()
    section = article_section(html, 12)
    assert "已发布的解读" in section
    for title in ("已撤下的解读", "内部的解读", "草稿解读"):
        assert title not in html
    assert "政策解读（1）" in html


def test_the_interpretation_does_not_link_an_unpublished_policy(client, site_tree, short_policy):
    page = interpretation(site_tree.news_index, short_policy, [2], number=1, title="秘书处规定解读")
    assert 'href="/policy/secretariat/#art-2"' in client.get(page.url).content.decode()
    short_policy.unpublish()
    html = client.get(page.url).content.decode()
    assert "/policy/secretariat/" not in html and "本文解读的政策条款" not in html


def test_policy_page_queries_do_not_grow_with_interpretations(
    client, site_tree, django_assert_max_num_queries
):
    measures, index = site_tree.measures, site_tree.news_index
    interpretation(index, measures, [5, 6, 7], number=1)
    client.get("/policy/measures/")  # warm the site settings
    with django_assert_max_num_queries(40) as one:
        html = client.get("/policy/measures/").content.decode()
    assert html.count('class="article-interpretations"') == 3
    interpretation(index, measures, [5], number=2)
    interpretation(index, measures, [12, 13], number=3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get("/policy/measures/").content.decode()
    assert html.count('class="article-interpretations"') == 5
    assert "政策解读（3）" in html
