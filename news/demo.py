"""About twenty invented news items for the demo site, some about demo bases."""

import datetime

from bases.models import Base
from news.models import NewsCategory, NewsIndexPage, NewsPage, PolicyCitation

# (days ago, category, title, summary, tags, base name fragment or None)
ITEMS = [
    (
        3,
        "work",
        "自治区科技厅召开国合基地建设工作推进会",
        "会议总结了本年度国合基地建设进展，部署下一阶段重点任务。",
        ["国合基地", "工作会议"],
        None,
    ),
    (
        8,
        "notice",
        "关于开展2026年度国合基地年度考核工作的通知",
        "请各国合基地按时提交年度工作总结和考核材料。",
        ["年度考核"],
        None,
    ),
    (
        12,
        "showcase",
        "稀土功能材料国际联合实验室取得新进展",
        "与日本、德国合作伙伴联合开发的新型稀土永磁材料完成中试。",
        ["稀土", "联合实验室"],
        "鹿城稀土",
    ),
    (
        15,
        "interpretation",
        "《国合基地管理办法》中的“一票否决”如何理解",
        "解读第四条关于科研诚信的规定及其在认定工作中的适用。",
        ["科研诚信", "政策解读"],
        None,
    ),
    (
        20,
        "work",
        "中蒙科技合作交流会在二连浩特举行",
        "来自蒙古国的十余家科研机构与我区国合基地开展对接。",
        ["蒙古国", "交流合作"],
        "二连浩特中蒙",
    ),
    (
        26,
        "showcase",
        "河套灌区节水技术走出国门",
        "以色列合作伙伴参与的滴灌技术在河套灌区示范推广。",
        ["节水灌溉"],
        "河套灌区",
    ),
    (
        31,
        "notice",
        "关于征集国合基地资源共享信息的通知",
        "联盟秘书处面向各基地征集设备、专家和合作渠道信息。",
        ["资源共享", "国合基地联盟"],
        None,
    ),
    (
        37,
        "interpretation",
        "一图读懂国合基地三种类型",
        "国际创新园、国际技术转移中心、示范型国际科技合作基地的条件与程序。",
        ["政策解读", "认定"],
        None,
    ),
    (
        44,
        "work",
        "自治区与俄罗斯西伯利亚地区科技合作座谈会召开",
        "双方围绕生态保护、现代农牧业等领域达成多项合作意向。",
        ["俄罗斯", "交流合作"],
        None,
    ),
    (
        50,
        "showcase",
        "草原畜牧业国际合作助力牧民增收",
        "与澳大利亚、新西兰合作的良种繁育项目惠及上千户牧民。",
        ["草原畜牧业"],
        "锡林郭勒草原",
    ),
    (
        58,
        "work",
        "国合基地国际技术转移培训班在呼和浩特开班",
        "来自全区各盟市的八十余名技术转移从业人员参加培训。",
        ["技术转移", "培训"],
        None,
    ),
    (
        66,
        "showcase",
        "荒漠化防治技术在“一带一路”沿线国家落地",
        "库布其治沙经验与多国分享，合作建立示范区。",
        ["荒漠化防治", "一带一路"],
        "库布其",
    ),
    (
        73,
        "notice",
        "关于做好国合基地重大变更事项报告工作的通知",
        "依据《管理办法》第十四条，请各基地及时报告重大变更事项。",
        ["重大变更"],
        None,
    ),
    (
        81,
        "interpretation",
        "国合基地年度工作计划与总结怎么写",
        "围绕第十三条要求，梳理年度报告的主要内容和报送流程。",
        ["年度报告", "政策解读"],
        None,
    ),
    (
        90,
        "work",
        "国合基地联盟召开秘书处工作会议",
        "会议研究了联盟年度活动计划和资源共享平台建设。",
        ["国合基地联盟"],
        None,
    ),
    (
        98,
        "showcase",
        "乳业国际联合研发中心成果丰硕",
        "与荷兰、新西兰合作伙伴共建的研发中心发布三项新标准。",
        ["乳业", "联合研发"],
        "北疆乳业",
    ),
    (
        110,
        "work",
        "氢能国际合作论坛在鄂尔多斯举办",
        "中外专家共商绿氢产业发展与技术合作。",
        ["新能源", "氢能"],
        "康巴什国际氢能",
    ),
    (
        125,
        "showcase",
        "蒙药研究国际合作迈出新步伐",
        "与蒙古国科研机构联合开展蒙药资源调查与质量标准研究。",
        ["蒙中医药"],
        "赤峰蒙药",
    ),
    (
        140,
        "interpretation",
        "奖励性后补助政策问答",
        "围绕第十六条，解答后补助的申请条件与评估方式。",
        ["后补助", "政策解读"],
        None,
    ),
    (
        160,
        "work",
        "全区国合基地统计分析报告发布",
        "报告从类型、地域和合作国家等维度分析了国合基地发展情况。",
        ["统计", "国合基地"],
        None,
    ),
]


def load_demo_news(news_index: NewsIndexPage):
    if NewsPage.objects.child_of(news_index).exists():
        return NewsPage.objects.child_of(news_index).count()
    today = datetime.date.today()
    for number, (days, category, title, summary, tags, base_name) in enumerate(ITEMS, start=1):
        page = NewsPage(
            title=title,
            slug=f"news-{number:03d}",
            date=today - datetime.timedelta(days=days),
            category=NewsCategory(category),
            summary=summary,
            body=[
                {
                    "type": "text",
                    "value": f"<p>{summary}</p><p>（本条为演示内容，人物与数据均为虚构。）</p>",
                }
            ],
            live=False,
        )
        base = Base.objects.filter(name__contains=base_name).first() if base_name else None
        if base:
            page.related_bases = [base]
        news_index.add_child(instance=page)
        page.tags.set(tags)
        page.save_revision().publish()
    return len(ITEMS)


# 政策解读 published with the Measures: (title, days ago if created, cited articles, paragraphs).
INTERPRETATIONS = [
    (
        "一图读懂国合基地三种类型",
        37,
        [5, 6, 7],
        [
            "《管理办法》第五条至第七条分别规定了国际创新园、国际技术转移中心和示范型国际科技合作基地"
            "三种国合基地的认定条件和程序，三者“分类认定，统一管理”。",
            "国际创新园（第五条）依托大型科技产业基地或园区，由科技厅与盟（市）级人民政府共建。"
            "申报前须先列入厅市会商议题，由所在地市级人民政府提出申请，经专家评审和实地考察后批复并授牌。",
            "国际技术转移中心（第六条）是专业从事国际技术转移和国际科技合作中介服务的独立法人机构，"
            "须依法注册1年以上，并有能够提供技术、人才国际寻访、引入、推荐和测评等服务的专业化团队。",
            "示范型国际科技合作基地（第七条）须承担过国家级或自治区级国际科技合作项目，"
            "设有专职开展国际科技合作的管理机构和管理人员，并已取得显著的国际科技合作成效。",
            "后两类由推荐部门审核推荐，科技厅组织专家评审和考核后认定。（本条为演示内容。）",
        ],
    ),
    (
        "国合基地考核、奖励与撤销资格的规定解读",
        5,
        [12],
        [
            "《管理办法》第十二条规定，科技厅在跟踪评价和考核的基础上，对合作成效显著、"
            "具有突出示范作用的国合基地给予表彰奖励，考核结果作为申请国家国际科技合作基地和"
            "申报国家及自治区国际科技合作项目的重要参考。",
            "年度考核不合格的国合基地予以通报；整改后复评仍不合格的，撤销其资格。"
            "第十二条列出了撤销资格的九种情形，包括提供虚假信息、被列入科研诚信黑名单、"
            "连续两年未提交年度工作总结、发生重大安全或质量事故等。",
            "被撤销资格的，收回所授牌匾并在科技厅网站上公告，三年内不得再次提出认定申请。"
            "（本条为演示内容。）",
        ],
    ),
]


def load_demo_interpretations(news_index: NewsIndexPage, policy):
    """The interpretations that cite articles of ``policy`` (the Measures), each published
    through a revision with its citations, as the editor's form saves them. Idempotent: an
    interpretation that already cites the policy is left alone."""
    today = datetime.date.today()
    count = 0
    for number, (title, days, articles, paragraphs) in enumerate(INTERPRETATIONS, start=1):
        page = NewsPage.objects.child_of(news_index).filter(title=title).first()
        if page is not None and page.citations.filter(policy=policy).exists():
            continue
        if page is None:
            page = NewsPage(
                title=title,
                slug=f"interpretation-{number:02d}",
                date=today - datetime.timedelta(days=days),
                live=False,
            )
            news_index.add_child(instance=page)
            page.tags.set(["政策解读"])
        page = page.get_latest_revision_as_object()
        page.category = NewsCategory.INTERPRETATION
        page.summary = paragraphs[0][:120]
        page.body = [{"type": "text", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]
        page.citations = [PolicyCitation(policy=policy, article=article) for article in articles]
        page.save_revision().publish()
        count += 1
    return count
