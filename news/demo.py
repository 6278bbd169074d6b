"""About twenty invented news items for the demo site, some about demo bases."""

import datetime

from bases.models import Base
from news.models import NewsCategory, NewsIndexPage, NewsPage

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
