"""Demo content of 互动交流: questions asked, answered and published through the workflow as
staff and reviewers do it — three published (two of them 常见问题), one waiting for the
reviewers and one not answered yet. Idempotent: a question already there is left as it is."""

from django.contrib.auth import get_user_model
from wagtail.log_actions import log

from bases.review.roles import DEPARTMENT_STAFF
from news.editorial import NEWS_REVIEWERS
from portal.interaction.models import Question, Topic

# (asker, address, topic, question, answer, cited articles, FAQ, how far it goes)
QUESTIONS = [
    (
        "李明",
        "liming@example.org",
        Topic.ACCREDITATION,
        "我单位是在呼和浩特市注册的科技服务企业，成立刚满八个月，一直从事中蒙之间的技术转移服务，"
        "现在能否申报国际技术转移中心？",
        "根据《管理办法》第六条，申报国际技术转移中心的机构应为独立法人机构，注册时间须满一年，"
        "并有专业的技术转移服务团队和服务业绩。贵单位注册未满一年，暂不符合申报条件，"
        "可在注册满一年后、下一次申报通知发布时，经推荐部门审核推荐后申报。"
        "门户在提交申报时会按提交之日自动核对注册时间。",
        [6],
        True,
        "published",
    ),
    (
        "",
        "report-asker@example.org",
        Topic.REPORTING,
        "国合基地每年需要报送哪些材料？截止时间是什么时候，在哪里报送？",
        "根据《管理办法》第十三条，国合基地每年报送年度工作计划和年度工作总结，经推荐部门审核后报科技厅备案。"
        "依托单位登录门户后在“我的基地”中在线填写和提交。未另行通知的，年度工作计划在当年3月31日前、"
        "年度工作总结在次年1月31日前报送。连续两年未提交年度工作总结的，依据第十二条撤销国合基地资格。",
        [12, 13],
        True,
        "published",
    ),
    (
        "王芳",
        "wangfang@example.org",
        Topic.POLICY,
        "国合基地资格被撤销后，依托单位多久可以重新申报？",
        "根据《管理办法》第十二条，被撤销国合基地资格的依托单位，三年内不得再次申报。"
        "门户的申报服务会在依托单位登录后显示可重新申报的日期。",
        [12],
        False,
        "published",
    ),
    (
        "赵强",
        "zhaoqiang@example.org",
        Topic.ACCREDITATION,
        "示范型国际科技合作基地对承担的国际科技合作项目有什么要求？市级项目是否可以？",
        "根据《管理办法》第七条，申报示范型国际科技合作基地的单位应承担过国家或自治区国际科技合作项目，"
        "仅承担盟市级项目的暂不符合条件。",
        [7],
        False,
        "in_review",
    ),
    (
        "",
        "alliance-asker@example.org",
        Topic.OTHER,
        "国合基地联盟如何加入？加入后需要承担哪些义务？",
        "",
        [],
        False,
        "asked",
    ),
]


def _member_of(group_name):
    return (
        get_user_model()
        .objects.filter(groups__name=group_name, is_active=True)
        .order_by("pk")
        .first()
    )


def load_demo_interaction():
    """Create the demo questions that are missing; return how many there are."""
    writer = _member_of(DEPARTMENT_STAFF)
    reviewer = _member_of(NEWS_REVIEWERS)
    for asker, address, topic, text, answer, articles, faq, stage in QUESTIONS:
        if Question.objects.filter(question=text).exists():
            continue
        question = Question(
            live=False, asker_name=asker, contact_email=address, topic=topic, question=text
        )
        question.issue_token()  # the demo asker's link is never mailed
        question.save()
        question.save_revision()
        log(instance=question, action="wagtail.create")
        if stage == "asked" or writer is None or reviewer is None:
            continue
        question.answer, question.cited_articles, question.is_faq = answer, articles, faq
        question.save()
        revision = question.save_revision(user=writer)
        log(instance=question, action="wagtail.edit", user=writer, revision=revision)
        question.get_workflow().start(question, writer)
        if stage == "published":
            task_state = question.current_workflow_task_state
            task_state.task.specific.on_action(task_state, reviewer, "approve")
    return Question.objects.count()
