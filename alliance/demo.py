"""Demo content of the alliance: its page, ten members, three events and eight board posts."""

import datetime

from django.utils import timezone

from alliance.models import AllianceEventPage, AllianceMembership, AlliancePage, ResourcePost
from bases.models import Base, CooperationField

CHARTER = (
    "<p>内蒙古自治区国合基地联盟依据《内蒙古自治区国际科技合作基地管理办法（试行）》第二十条组建，"
    "由自治区国合基地自愿组成，旨在促进各基地间的相互借鉴、资源共享、优势互补、分工协作和行业自律。</p>"
    "<p>联盟设立秘书处，统筹协调联盟日常工作。（演示内容）</p>"
)
HOW_TO_JOIN = (
    "<p>已认定的国合基地可向联盟秘书处提出入盟申请，经秘书处确认后成为联盟成员。"
    "基地资格被撤销的，自动退出联盟。</p>"
)

EVENTS = [
    (
        20,
        "2026年国合基地联盟年会",
        "呼和浩特市",
        "<p>联盟年度工作报告；优秀基地经验交流；资源共享平台推介。</p>",
    ),
    (45, "中蒙俄科技合作对接会", "满洲里市", "<p>中蒙俄三方科研机构与国合基地项目对接。</p>"),
    (-30, "国际技术转移实务培训", "包头市", "<p>技术转移法律实务、国际技术交易案例分析。</p>"),
]

POSTS = [
    ("offer", "equipment", "开放共享稀土材料分析测试平台", "稀土新材料"),
    ("offer", "expertise", "草原生态修复专家团队提供技术咨询", "生态保护与修复"),
    ("need", "channel", "寻求以色列节水灌溉技术合作伙伴", "节水灌溉"),
    ("offer", "channel", "提供蒙古国科研机构合作渠道", "现代农牧业"),
    ("need", "talent", "招聘熟悉俄语的国际技术转移经理", "信息技术"),
    ("offer", "equipment", "乳品检测实验室对外开放", "乳业与食品"),
    ("need", "expertise", "征集氢能储运领域国际专家", "新能源"),
    ("offer", "talent", "联合培养生物医药方向研究生", "生物医药"),
]


def load_demo_alliance(home):
    page = AlliancePage.objects.child_of(home).first()
    if page is None:
        page = AlliancePage(
            title="基地联盟",
            slug="alliance",
            intro="自治区国合基地联盟：相互借鉴、资源共享、优势互补、分工协作、行业自律。",
            charter=CHARTER,
            secretariat_host="内蒙古自治区科技发展研究中心（演示）",
            secretariat_address="内蒙古自治区呼和浩特市（演示地址）",
            secretariat_phone="0471-0000001（演示）",
            secretariat_email="alliance@example.org",
            how_to_join=HOW_TO_JOIN,
        )
        home.add_child(instance=page)
        page.save_revision().publish()

    current = list(Base.objects.current().order_by("pk")[:10])
    for index, base in enumerate(current):
        AllianceMembership.objects.get_or_create(
            base=base,
            defaults={"joined_on": datetime.date(2024, 3, 1) + datetime.timedelta(days=index * 20)},
        )

    if not AllianceEventPage.objects.child_of(page).exists():
        now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        for days, title, place, agenda in EVENTS:
            start = now + datetime.timedelta(days=days)
            event = AllianceEventPage(
                title=title,
                start=start,
                end=start + datetime.timedelta(hours=8),
                place=place,
                organiser="内蒙古自治区国合基地联盟秘书处",
                agenda=agenda,
                contact="联盟秘书处 0471-0000001（演示）",
            )
            page.add_child(instance=event)
            event.save_revision().publish()

    if not ResourcePost.objects.exists():
        today = timezone.localdate()
        for index, (direction, kind, title, field) in enumerate(POSTS):
            post = ResourcePost.objects.create(
                base=current[index % len(current)],
                direction=direction,
                kind=kind,
                title=title,
                description=f"{title}。欢迎有意向的国合基地通过本平台留言联系。（演示内容）",
                contact_email=f"board{index + 1:02d}@example.org",
                expires_on=today + datetime.timedelta(days=30 + index * 15),
                status=ResourcePost.Status.APPROVED,
            )
            post.fields.set(CooperationField.objects.filter(name=field))
            post.save()
    return page
