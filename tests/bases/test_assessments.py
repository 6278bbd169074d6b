"""The annual assessment (Art. 9, 12) as staff, the leadership and the host do it: a round
prefilled from the filed summaries, graded by staff and confirmed by the leadership; 优秀 bases
commended; a 不合格 base noticed in public, 整改中 with a deadline, its host's rectification
report re-evaluated by staff, passing back to 已认定 or failing into a revocation on
Art. 12(三) that the leadership confirms."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import reset_queries
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry

from bases.models import (
    AnnualGoal,
    Assessment,
    AssessmentExpert,
    AssessmentGrade,
    AssessmentRound,
    AssessmentRoundStatus,
    AssessmentScore,
    BaseStatus,
    Commendation,
    ExpertProfile,
    Rectification,
    RectificationStatus,
    ReportKind,
    ReportStatus,
    Revocation,
    RevocationStatus,
)
from bases.rules.eligibility import article_12_revocation_bar
from news.models import NewsPage
from tests.factories import (
    PDF,
    Reviewers,
    act,
    grade_round,
    make_applicant,
    make_base,
    make_summary,
    open_round,
    report_in_state,
    revocation_data,
    round_post_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    failing = make_base(
        host=host_user.applicant_account.host,
        name="草原生态国际科技合作基地",
        accredited_on=datetime.date(2022, 6, 1),
    )
    excellent = make_base(
        "包头市", name="稀土新材料国际创新园", accredited_on=datetime.date(2021, 5, 1)
    )
    passing = make_base("呼和浩特市", name="乳业国际科技合作基地")
    make_summary(excellent, 2025, projects=("JP", "DE"), papers=5, foreign_experts_hosted=3)
    return people, host_user, failing, excellent, passing


GRADES = {
    "failing": ("52.5", AssessmentGrade.FAILED, "国际合作项目偏少，年度计划目标未完成"),
    "excellent": ("95", AssessmentGrade.EXCELLENT, "合作成效显著"),
    "passing": ("78", AssessmentGrade.PASSED, ""),
}


def confirmed_round(client, world):
    people, host_user, failing, excellent, passing = world
    assessment_round = open_round(client, people.staff)
    bases = {"failing": failing, "excellent": excellent, "passing": passing}
    grade_round(
        client,
        people.staff,
        assessment_round,
        {bases[key]: value for key, value in GRADES.items()},
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = act(client, people.leader, assessment_round, "approve", comment="同意。")
    assert response.status_code == 302
    assessment_round.refresh_from_db()
    return assessment_round


def test_a_round_is_prefilled_from_the_filed_summaries(client, world):
    people, host_user, failing, excellent, passing = world
    late = make_base("赤峰市", name="红山农牧基地", accredited_on=datetime.date(2026, 3, 1))
    # The targets of a filed plan count; those of a plan still in draft do not.
    for base, status in ((excellent, ReportStatus.FILED), (failing, ReportStatus.DRAFT)):
        plan = report_in_state(base, 2025, ReportKind.PLAN, status)
        AnnualGoal.objects.create(
            report=plan, goal="新签国际合作协议", indicator="协议数", target=2, unit="项"
        )
    assessment_round = open_round(client, people.staff)
    assessed = {a.base: a for a in assessment_round.assessments.select_related("base")}
    assert set(assessed) == {failing, excellent, passing}  # not the base accredited in 2026
    figures = assessed[excellent].figures
    assert (figures["projects"], figures["papers"], figures["foreign_experts_hosted"]) == (2, 5, 3)
    assert assessed[excellent].summary is not None
    assert assessed[failing].figures["summary"] == "未备案"
    assert [g["target"] for g in assessed[excellent].figures["goals"]] == ["2"]
    assert assessed[failing].figures["goals"] == []
    assert assessment_round.opened_by == people.staff
    page = client.get(
        reverse("wagtailsnippets_bases_assessmentround:edit", args=[assessment_round.pk])
    ).content.decode()
    assert "稀土新材料国际创新园" in page and "合作发表论文（篇） 5" in page
    assert late.name not in page


def test_staff_grade_the_leadership_confirms_and_every_effect_follows(client, world):
    people, host_user, failing, excellent, passing = world
    mail.outbox.clear()
    assessment_round = open_round(client, people.staff)
    bases = {"failing": failing, "excellent": excellent, "passing": passing}
    assessment_round = grade_round(
        client, people.staff, assessment_round, {bases[k]: v for k, v in GRADES.items()}
    )
    assert assessment_round.status == AssessmentRoundStatus.AWAITING_CONFIRMATION
    assert any(message.to == [people.leader.email] for message in mail.outbox)
    # Nothing happens before the leadership confirms.
    failing.refresh_from_db()
    assert failing.status == BaseStatus.ACCREDITED
    assert not NewsPage.objects.filter(title__contains="考核不合格").exists()
    # Staff cannot change results waiting for the leadership.
    edit = reverse("wagtailsnippets_bases_assessmentround:edit", args=[assessment_round.pk])
    client.force_login(people.staff)
    client.post(edit, {"year": 2025})
    assert assessment_round.assessments.get(base=failing).grade == AssessmentGrade.FAILED

    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, assessment_round, "approve", comment="同意。")
    assessment_round.refresh_from_db()
    assert assessment_round.status == AssessmentRoundStatus.CONFIRMED
    # 不合格: a public notice, 整改中 with the deadline, the host told.
    notice = NewsPage.objects.live().get(title__contains="考核不合格")
    assert failing.name in notice.title
    body = str(notice.body)
    assert "国际合作项目偏少" in body and "2026年9月30日" in body
    assert "草原生态" in Client().get(notice.url).content.decode()
    failing.refresh_from_db()
    assert failing.status == BaseStatus.RECTIFYING
    change = failing.status_changes.latest("pk")
    assert (
        change.article == "《管理办法》第十二条第（三）项" and "2025年度考核不合格" in change.reason
    )
    rectification = Rectification.objects.get(base=failing)
    assert rectification.deadline == datetime.date(2026, 9, 30)
    assert rectification.status == RectificationStatus.AWAITING_REPORT
    assert any(
        message.to == [host_user.email] and "限期整改" in message.subject for message in mail.outbox
    )
    # 合格 and 优秀 bases keep their status; the 优秀 one is a candidate.
    for base in (excellent, passing):
        base.refresh_from_db()
        assert base.status == BaseStatus.ACCREDITED
    inspect = reverse("wagtailsnippets_bases_assessmentround:inspect", args=[assessment_round.pk])
    page = client.get(inspect).content.decode()
    assert "奖励性后补助和择优推荐的候选" in page and "稀土新材料国际创新园（95.0 分）" in page
    assert ModelLogEntry.objects.filter(action="bases.confirm_assessment").exists()

    # Staff commend the 优秀 base: a 表彰 record and its notice, once.
    client.force_login(people.staff)
    commend = reverse("wagtailsnippets_bases_assessmentround:commend", args=[assessment_round.pk])
    client.post(commend)
    client.post(commend)
    commendation = Commendation.objects.get()
    assert commendation.base == excellent
    assert commendation.announcement.live and excellent.name in commendation.announcement.title
    assert NewsPage.objects.filter(title__contains="表彰").count() == 1
    # Confirmed results are final.
    client.post(edit, {"year": 2025})
    assert assessment_round.assessments.get(base=excellent).grade == AssessmentGrade.EXCELLENT


def test_the_leadership_cannot_confirm_an_incomplete_round(client, world):
    people, host_user, failing, excellent, passing = world
    assessment_round = open_round(client, people.staff)
    # One base ungraded, and a 不合格 one without comments.
    assessment_round = grade_round(
        client,
        people.staff,
        assessment_round,
        {failing: ("40", AssessmentGrade.FAILED, ""), excellent: ("90", "excellent", "")},
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, assessment_round, "approve")
    assessment_round.refresh_from_db()
    assert assessment_round.status == AssessmentRoundStatus.AWAITING_CONFIRMATION
    failing.refresh_from_db()
    assert failing.status == BaseStatus.ACCREDITED
    # The leadership returns it to staff, who complete it.
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, assessment_round, "reject", comment="请补全评定。")
    assessment_round.refresh_from_db()
    assert assessment_round.status == AssessmentRoundStatus.RETURNED


def test_a_score_out_of_range_and_an_added_base_are_refused_on_the_form(client, world):
    people, host_user, failing, excellent, passing = world
    assessment_round = open_round(client, people.staff)
    data = round_post_data(assessment_round, {failing: ("120", AssessmentGrade.PASSED, "好")})
    edit = reverse("wagtailsnippets_bases_assessmentround:edit", args=[assessment_round.pk])
    client.force_login(people.staff)
    response = client.post(edit, data)
    html = response.content.decode()
    assert response.status_code == 200 and "确保该值小于或等于100。" in html
    assert 'value="120"' in html  # what was typed is kept
    data = round_post_data(assessment_round, {})
    data["assessments-TOTAL_FORMS"] = int(data["assessments-TOTAL_FORMS"]) + 1
    data["assessments-3-score"] = "60"
    data["assessments-3-grade"] = AssessmentGrade.PASSED
    response = client.post(edit, data)
    assert "不能在此添加" in response.content.decode()
    assert assessment_round.assessments.count() == 3


def rectification_post(report="", action="save", files=()):
    data = {"action": action, "report": report}
    if files:
        data["attachments-files"] = list(files)
    return data


def pdf(name="整改证明.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def submit_rectification(client, host_user, rectification, report="已完成整改：新增合作项目两项。"):
    client.force_login(host_user)
    edit = reverse("apply_rectification_edit", args=[rectification.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(edit, rectification_post(report, "submit", [pdf()]))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Rectification.objects.get(pk=rectification.pk)


def test_a_failed_reevaluation_leads_to_revocation_on_article_12_3(client, world):
    people, host_user, failing, excellent, passing = world
    confirmed_round(client, world)
    rectification = Rectification.objects.get(base=failing)

    # The host finds it on 「我的基地」 and cannot submit an empty report.
    client.force_login(host_user)
    my_bases = client.get(reverse("apply_my_bases")).content.decode()
    assert "2025年度考核不合格，整改中" in my_bases
    edit = reverse("apply_rectification_edit", args=[rectification.pk])
    assert edit in my_bases
    response = client.post(edit, rectification_post("", "submit"))
    html = response.content.decode()
    assert "请填写整改情况。" in html and "请上传整改证明材料。" in html
    rectification = submit_rectification(client, host_user, rectification)
    assert rectification.status == RectificationStatus.REEVALUATION

    # Staff return it for more evidence; the host adds and resubmits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.staff, rectification, "reject", comment="请补充合作协议文本。")
    rectification.refresh_from_db()
    assert rectification.status == RectificationStatus.RETURNED
    client.force_login(host_user)
    assert "请补充合作协议文本。" in client.get(edit).content.decode()
    rectification = submit_rectification(client, host_user, rectification)
    assert rectification.status == RectificationStatus.REEVALUATION
    assert rectification.attachments.current().count() == 2

    # The re-evaluation fails: a revocation on Art. 12(三) is proposed; nothing else yet.
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.staff, rectification, "refuse", comment="整改措施未落实。")
    rectification.refresh_from_db()
    assert rectification.status == RectificationStatus.FAILED
    revocation = Revocation.objects.get(base=failing)
    assert revocation.status == RevocationStatus.DRAFT and revocation.reason == "12-3"
    assert "整改措施未落实。" in revocation.facts
    failing.refresh_from_db()
    assert failing.status == BaseStatus.RECTIFYING
    assert any(message.to == [host_user.email] for message in mail.outbox)

    # Staff complete and submit it; the leadership confirms; the title is gone.
    client.force_login(people.staff)
    data = revocation_data(failing, reason="12-3", facts=revocation.facts)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk]), data)
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "approve", comment="同意撤销。")
    failing.refresh_from_db()
    assert failing.status == BaseStatus.REVOKED
    assert failing.revocation().article == "《管理办法》第十二条第（三）项"
    assert failing.name not in Client().get("/bases/").content.decode()
    assert NewsPage.objects.live().filter(title__contains="撤销", title__icontains=failing.name)
    assert article_12_revocation_bar(failing.host, datetime.date.today()) is not None


def test_a_passed_reevaluation_returns_the_base_to_accredited(client, world):
    people, host_user, failing, excellent, passing = world
    confirmed_round(client, world)
    rectification = submit_rectification(client, host_user, Rectification.objects.get(base=failing))
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.staff, rectification, "approve", comment="整改到位。")
    rectification.refresh_from_db()
    failing.refresh_from_db()
    assert rectification.status == RectificationStatus.PASSED
    assert failing.status == BaseStatus.ACCREDITED
    assert "整改后复评合格" in failing.status_changes.latest("pk").reason
    assert not Revocation.objects.exists()
    # Decided: the host can no longer change the report.
    client.force_login(host_user)
    response = client.get(reverse("apply_rectification_edit", args=[rectification.pk]))
    assert response.status_code == 302
    assert "复评已结束" in client.get(response["Location"]).content.decode()


def test_each_role_sees_only_what_is_its_own(client, world):
    people, host_user, failing, excellent, passing = world
    assessment_round = confirmed_round(client, world)
    rectification = Rectification.objects.get(base=failing)
    round_inspect = reverse(
        "wagtailsnippets_bases_assessmentround:inspect", args=[assessment_round.pk]
    )
    inspect = reverse("wagtailsnippets_bases_rectification:inspect", args=[rectification.pk])
    for user, round_code, rectification_code in [
        (people.staff, 200, 200),
        (people.leader, 200, 200),
        (people.hohhot, 403, 200),  # its own base's rectification; no round
        (people.baotou, 403, 404),
        (people.experts[0], 404, 403),  # not assigned to the round
    ]:
        client.force_login(user)
        assert client.get(round_inspect).status_code == round_code, user
        assert client.get(inspect).status_code == rectification_code, user
    # Another host gets a 404 on the public pages; a department cannot open the round's list.
    other = make_applicant(league="包头市")
    client.force_login(other)
    for name in ("apply_rectification", "apply_rectification_edit"):
        assert client.get(reverse(name, args=[rectification.pk])).status_code == 404
    client.force_login(people.hohhot)
    listing = client.get(reverse("wagtailsnippets_bases_rectification:list")).content.decode()
    assert failing.name in listing
    client.force_login(people.baotou)
    listing = client.get(reverse("wagtailsnippets_bases_rectification:list")).content.decode()
    assert failing.name not in listing
    # Only staff open rounds and commend.
    client.force_login(people.leader)
    assert client.get(reverse("wagtailsnippets_bases_assessmentround:add")).status_code == 302
    commend = reverse("wagtailsnippets_bases_assessmentround:commend", args=[assessment_round.pk])
    refused = client.post(commend)  # Wagtail's answer to a refusal: its home
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert not Commendation.objects.exists()


def test_the_listings_cost_the_same_queries_however_many_rows(
    client, world, django_assert_max_num_queries
):
    people, host_user, failing, excellent, passing = world
    confirmed_round(client, world)
    client.force_login(people.staff)
    rounds = reverse("wagtailsnippets_bases_assessmentround:list")
    rectifications = reverse("wagtailsnippets_bases_rectification:list")
    # The query log keeps the last 9,000 queries: emptied first, it counts this page's only.
    reset_queries()
    with django_assert_max_num_queries(60) as counted:
        client.get(rounds)
    few_rounds = len(counted.captured_queries)
    reset_queries()
    with django_assert_max_num_queries(60) as counted:
        client.get(rectifications)
    few_rectifications = len(counted.captured_queries)
    for year in (2023, 2024):
        more = open_round(client, people.staff, year=year)
        grade_round(
            client,
            people.staff,
            more,
            dict.fromkeys((excellent, passing), ("40", AssessmentGrade.FAILED, "不合格")),
            submit=False,
        )
    confirmed = AssessmentRound.objects.get(year=2025)
    for index in range(3):
        base = make_base("包头市", name=f"整改基地{index}")
        assessment = Assessment.objects.create(round=confirmed, base=base)
        Rectification.objects.create(
            base=base, assessment=assessment, deadline=datetime.date(2026, 9, 30), live=False
        )
    client.force_login(people.staff)
    reset_queries()
    with django_assert_max_num_queries(few_rounds):
        assert "2023年度" in client.get(rounds).content.decode()
    reset_queries()
    with django_assert_max_num_queries(few_rectifications):
        assert "整改基地2" in client.get(rectifications).content.decode()


def test_assigned_experts_score_the_bases_of_other_hosts_only(client, world):
    people, host_user, failing, excellent, passing = world
    assessment_round = open_round(client, people.staff)
    inside, outside, unassigned = people.experts
    ExpertProfile.objects.filter(user=inside).update(host=failing.host)  # works for its host
    assign = reverse(
        "wagtailsnippets_bases_assessmentround:assign_round_experts", args=[assessment_round.pk]
    )
    score_url = reverse("wagtailsnippets_bases_assessmentround:score", args=[assessment_round.pk])
    mail.outbox.clear()
    client.force_login(people.staff)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(assign, {"experts": [inside.pk, outside.pk]}).status_code == 302
    assert AssessmentExpert.objects.filter(round=assessment_round).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([inside.email, outside.email])
    assert score_url.split("//")[-1] in mail.outbox[0].body

    # The expert of the failing base's host is not shown that base and cannot score it.
    by_base = {a.base: a for a in Assessment.objects.filter(round=assessment_round)}
    client.force_login(inside)
    page = client.get(score_url).content.decode()
    assert excellent.name in page and failing.name not in page and "利益冲突" in page
    conflicted = by_base[failing]
    response = client.post(
        score_url, {"assessment": conflicted.pk, f"a{conflicted.pk}-score": "90"}
    )
    assert response.status_code == 404
    target = by_base[excellent]
    field = f"a{target.pk}-score"
    response = client.post(score_url, {"assessment": target.pk, field: "120"})
    assert response.status_code == 400 and "确保该值小于或等于100。" in response.content.decode()
    assert 'value="120"' in response.content.decode()
    client.post(score_url, {"assessment": target.pk, field: "92", f"a{target.pk}-opinion": "好"})
    client.force_login(outside)
    client.post(score_url, {"assessment": target.pk, field: "88"})
    assert sorted(AssessmentScore.objects.values_list("score", flat=True)) == [88, 92]

    # Staff see the experts' scores and their average beside their own grading.
    client.force_login(people.staff)
    edit = reverse("wagtailsnippets_bases_assessmentround:edit", args=[assessment_round.pk])
    assert "平均 90.0 分" in client.get(edit).content.decode()
    # An expert not assigned sees neither the round nor its scoring page.
    client.force_login(unassigned)
    assert client.get(score_url).status_code == 404
    inspect = reverse("wagtailsnippets_bases_assessmentround:inspect", args=[assessment_round.pk])
    assert client.get(inspect).status_code == 404
    # Once staff submit the results, scoring is closed.
    grade_round(client, people.staff, assessment_round, {})
    client.force_login(outside)
    client.post(score_url, {"assessment": target.pk, field: "10"})
    assert AssessmentScore.objects.get(expert=outside).score == 88
