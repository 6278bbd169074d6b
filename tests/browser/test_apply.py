"""A host registers, fills in an application with an attachment, submits it and sees it as
its review under way on its dashboard: the whole applicant journey in a real browser, with
screenshots at 1366 px and 390 px (README: 浏览器测试截图) and no page wider than a phone."""

import re

import pytest
from django.core import mail

from bases.models import ApplicantAccount, Application, BaseType, CooperationField
from tests.factories import PDF, ApplicationCallFactory, build_site, credit_code, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Caoyuan-2026-Apply"


def test_a_host_registers_applies_and_sees_its_application_submitted(
    page, live_server, tmp_path, shoot
):
    build_site()
    CooperationField.objects.get_or_create(name="现代农牧业")
    call = ApplicationCallFactory(
        title="2026年度国合基地认定申报通知", types=[BaseType.DEMONSTRATION_BASE]
    )
    code = credit_code("150100", 990001)

    # Register.
    page.goto(live_server.url + "/apply/register/")
    assert shoot(page, "register") == []
    page.get_by_label("单位名称").fill("内蒙古草原生态研究院")
    page.get_by_label("统一社会信用代码").fill(code)
    page.get_by_label("单位类型").select_option(label="科研院所")
    page.get_by_label("注册（成立）日期").fill("2012-05-18")
    page.get_by_label("所在盟市").select_option(label="呼和浩特市")
    page.get_by_label("推荐部门").select_option(label="呼和浩特市科学技术局")
    page.get_by_label("单位地址").fill("呼和浩特市赛罕区大学东街 1 号")
    page.get_by_label("联系人").fill("赵敏")
    page.get_by_label("联系电话").fill("0471-6011001")
    page.get_by_label("电子邮箱").fill("zhaomin@example.org")
    page.locator("input[name='password1']").fill(PASSWORD)
    page.locator("input[name='password2']").fill(PASSWORD)
    page.get_by_role("button", name="注册").click()
    page.wait_for_url(re.compile(r"/apply/register/done/"))

    # Verify the email address with the link that was mailed.
    link = re.search(r"https?://\S+/apply/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + link[link.index("/apply/") :])
    assert "验证" in page.content()

    # The recommending department confirms the account (its admin screen has its own tests).
    account = ApplicantAccount.objects.get(user__username="zhaomin@example.org")
    account.confirm(make_user("hhht_bureau"))

    # Sign in and start an application in the open call.
    page.goto(live_server.url + "/apply/login/")
    page.get_by_label("电子邮箱").fill("zhaomin@example.org")
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/apply/mine/$"))
    page.get_by_role("link", name="新建申报").click()
    page.get_by_label("示范型国际科技合作基地").check()
    page.get_by_role("button", name="创建申报草稿").click()
    page.wait_for_url(re.compile(r"/apply/mine/\d+/edit/$"))
    assert shoot(page, "application-form") == []

    # Fill in every section.
    page.get_by_label("单位负责人").fill("王建国")
    page.get_by_label("拟建基地名称").fill("草原生态国际科技合作基地")
    page.get_by_label("基地负责人").fill("刘海")
    page.get_by_label("现代农牧业").check()
    # 248 countries to tick, narrowed by typing: no Ctrl-click.
    page.get_by_placeholder("输入名称查找").fill("蒙")
    countries = page.locator(".option-list .form-check")
    assert countries.filter(visible=True).all_inner_texts() == ["蒙古", "蒙特塞拉特"]
    page.get_by_label("蒙古", exact=True).check()
    assert "已选 1 项：蒙古" in page.locator(".option-list__status").inner_text()
    page.get_by_placeholder("输入名称查找").fill("")
    page.get_by_label("国际科技合作目标").fill("与蒙古国共建草原生态联合实验室。")
    page.get_by_label("合作团队与管理机构").fill("设国际合作处，专职人员 4 名。")
    page.get_by_label("实施方案摘要").fill("联合研究、人才交流和技术示范。")
    page.get_by_label("机构名称").first.fill("蒙古国科学院植物研究所")
    page.locator("select[name='partners-0-country']").select_option(label="蒙古")
    page.get_by_label("项目名称").first.fill("中蒙草原生态修复联合研究")
    page.get_by_label("项目级别").first.select_option(label="国家级")
    page.get_by_label("主要合作成效").fill("联合发表论文 12 篇，引进外国专家 8 人次。")
    for statement in page.locator("textarea[name^='conditions-']").all():
        statement.fill("符合，详见实施方案。")
    plan = tmp_path / "实施方案.pdf"
    plan.write_bytes(PDF)
    page.locator("input[name='attachments-implementation_plan']").set_input_files(str(plan))
    page.locator("input[name='commitment-integrity_commitment']").check()
    page.get_by_label("承诺人").fill("王建国")
    page.get_by_role("button", name="提交申报").click()

    page.wait_for_url(re.compile(r"/apply/mine/\d+/$"))
    assert "申报已提交" in page.content()
    page.goto(live_server.url + "/apply/mine/")
    row = page.locator("tr", has_text="草原生态国际科技合作基地")
    # Submitted, the application is at once with its recommending department (Art. 7).
    assert row.locator(".application-status").inner_text() == "推荐部门审核中"
    assert shoot(page, "my-applications") == []

    application = Application.objects.get(applicant__username="zhaomin@example.org")
    assert application.call == call
    assert application.status == "recommending_review"
    assert list(application.partner_countries.values_list("code", flat=True)) == ["MN"]
    assert application.submitted_at is not None
    assert list(application.attachments.values_list("original_name", flat=True)) == ["实施方案.pdf"]
