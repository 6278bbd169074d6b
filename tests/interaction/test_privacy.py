"""A question is its asker's alone until its answer is published: only the private link shows
it, and no public page, search result or sitemap shows it, or any asker's address."""

import pytest

from portal.interaction.models import Question
from portal.interaction.sitemaps import QuestionSitemap
from tests.factories import QuestionFactory, ask, follow_link, publish_answer

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/interaction/", "/interaction/faq/"]


@pytest.fixture
def two_askers(client, site_tree):
    ask(
        client,
        contact_email="first@example.org",
        question="第一位网友：牌匾遗失了怎么办？",
    )
    first = Question.objects.get(contact_email="first@example.org")
    first_link = follow_link()
    ask(client, contact_email="second@example.org", question="第二位网友：联盟秘书处设在哪里？")
    second = Question.objects.get(contact_email="second@example.org")
    second_link = follow_link()
    return first, first_link, second, second_link


def test_the_private_link_shows_the_question_before_publication(client, two_askers):
    first, first_link, second, second_link = two_askers
    html = client.get(first_link).content.decode()
    assert "牌匾遗失了怎么办" in html
    assert "联盟秘书处设在哪里" not in html
    # Another asker's link shows their own question, never this one.
    assert "牌匾遗失了怎么办" not in client.get(second_link).content.decode()
    # A made-up or altered token finds nothing.
    assert client.get("/interaction/follow/not-a-real-token/").status_code == 404
    assert client.get(first_link[:-3] + "x/").status_code == 404


def test_an_unpublished_question_is_found_nowhere_else(client, two_askers, django_user_model):
    first, _link, _second, second_link = two_askers
    assert client.get(f"/interaction/{first.pk}/").status_code == 404
    for url in PUBLIC_PAGES:
        assert "牌匾遗失了怎么办" not in client.get(url).content.decode(), url
    # Holding another question's link opens nothing more.
    client.get(second_link)
    assert client.get(f"/interaction/{first.pk}/").status_code == 404
    # A draft answer staff have saved is not shown to the asker either.
    first.answer = "草稿中的答复，尚未审核"
    first.save()
    assert client.get(f"/interaction/{first.pk}/").status_code == 404
    assert "草稿中的答复" not in client.get(two_askers[1]).content.decode()
    # Nor to a logged-in user of the site.
    client.force_login(django_user_model.objects.create_user("someone", "s@example.org", "x"))
    assert client.get(f"/interaction/{first.pk}/").status_code == 404


def test_once_published_the_private_link_shows_the_answer(client, two_askers):
    first, first_link, _second, _link = two_askers
    publish_answer(first, answer="可以向科技厅申请补发牌匾。", articles=[14])
    html = client.get(first_link).content.decode()
    assert "已答复并公开" in html and "可以向科技厅申请补发牌匾。" in html
    assert '<a href="/policy/measures/#art-14">第十四条</a>' in html
    detail = client.get(f"/interaction/{first.pk}/").content.decode()
    assert "可以向科技厅申请补发牌匾。" in detail and "第十四条" in detail


def test_no_public_page_shows_an_askers_address(client, site_tree):
    for number in range(3):
        publish_answer(
            QuestionFactory(asker_name="王小明", contact_email=f"hidden{number}@example.org"),
            answer="国合基地的年度工作总结在“我的基地”中填写。",
            faq=number == 0,
        )
    question = Question.objects.first()
    pages = [*PUBLIC_PAGES, f"/interaction/{question.pk}/", "/search/?q=年度工作总结"]
    for url in pages:
        html = client.get(url).content.decode()
        assert "@example.org" not in html, url
        assert "王小明" not in html, url  # the surname only: 王**
    assert "王**" in client.get(f"/interaction/{question.pk}/").content.decode()
    assert "年度工作总结" in client.get("/search/?q=年度工作总结").content.decode()


def test_search_finds_a_published_answer_and_never_an_unpublished_one(client, site_tree):
    published = publish_answer(
        QuestionFactory(question="技术转移服务机构能否申报国合基地？"),
        answer="独立法人的技术转移服务机构注册满一年后可以申报国际技术转移中心。",
    )
    pending = QuestionFactory(question="技术转移中心需要多少名专职人员？")
    pending.answer = "尚在审核中的答复：技术转移中心至少五名专职人员。"
    pending.save()

    html = client.get("/search/", {"q": "技术转移"}).content.decode()
    assert "互动交流" in html
    assert f"/interaction/{published.pk}/" in html
    assert "技术转移服务机构能否申报国合基地" in html
    assert "技术转移中心需要多少名专职人员" not in html and "尚在审核中" not in html
    # Found by its answer too, segmented the Chinese way.
    html = client.get("/search/", {"q": "独立法人"}).content.decode()
    assert f"/interaction/{published.pk}/" in html
    assert (
        f"/interaction/{pending.pk}/"
        not in client.get("/search/", {"q": "专职人员"}).content.decode()
    )
    # An answer withdrawn from publication leaves the results.
    published.unpublish()
    assert (
        f"/interaction/{published.pk}/"
        not in client.get("/search/", {"q": "技术转移"}).content.decode()
    )


def test_the_sitemap_lists_published_questions_only(client, site_tree):
    published = publish_answer(QuestionFactory())
    QuestionFactory()
    sitemap = QuestionSitemap()
    assert [sitemap.location(item) for item in sitemap.items()] == [f"/interaction/{published.pk}/"]
    assert sitemap.lastmod(published) == published.last_published_at
    # And /sitemap.xml, which search engines read, carries it with the pages and bases.
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/interaction/{published.pk}/</loc>" in xml
    assert xml.count("/interaction/") == 1
