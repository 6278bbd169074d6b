"""Demo content for the application service: an open and a past call with their guides,
applicant accounts of every kind, and applications in several states. Built through the same
functions the pages use (start, submit, withdraw), never by writing rows directly."""

import datetime
import io
import zipfile
from xml.sax.saxutils import escape

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from bases.applying.submission import start_application, submit_application, withdraw_application
from bases.models import (
    ApplicantAccount,
    ApplicationAttachment,
    ApplicationCall,
    ApplicationPartner,
    ApplicationProject,
    Base,
    BaseStatus,
    BaseType,
    CallBaseType,
    CooperationField,
    Country,
    ExpertProfile,
    HostOrganisation,
    LeagueCity,
    RecommendingDepartment,
)
from bases.review.roles import DEPARTMENT_STAFF, EXPERTS, LEADERSHIP, RECOMMENDING_DEPARTMENTS
from bases.rules.conditions import conditions_for
from bases.rules.credit_code import credit_code_check_character

GUIDE_OUTLINE = {
    BaseType.INNOVATION_PARK: [
        "园区基本情况",
        "国际科技合作现状",
        "发展规划和合作目标",
        "管理机构和保障体系",
        "年度实施计划",
    ],
    BaseType.TECHNOLOGY_TRANSFER_CENTER: [
        "机构基本情况（注册满一年）",
        "功能定位和运行机制",
        "专业化服务团队",
        "技术转移服务业绩",
        "发展目标和实施计划",
    ],
    BaseType.DEMONSTRATION_BASE: [
        "单位基本情况",
        "承担的国际科技合作项目",
        "合作队伍、渠道和资金来源",
        "合作成效和示范作用",
        "发展目标和实施方案",
    ],
}

# (username, role shown to the developer, groups, recommending department)
STAFF_ACCOUNTS = [
    ("staff", "科技厅工作人员：发布申报通知、确认账户、查看全部申报", [DEPARTMENT_STAFF], None),
    (
        "hhht_bureau",
        "呼和浩特市科学技术局：确认本部门依托单位账户、查看本部门申报",
        [RECOMMENDING_DEPARTMENTS],
        "呼和浩特市科学技术局",
    ),
    ("baotou_bureau", "包头市科学技术局：同上", [RECOMMENDING_DEPARTMENTS], "包头市科学技术局"),
    ("leader", "科技厅领导小组：审定认定决定", [LEADERSHIP], None),
    ("expert1", "评审专家（已指派）：对指派的申报评分", [EXPERTS], None),
    ("expert2", "评审专家：同上", [EXPERTS], None),
    ("expert3", "评审专家：同上", [EXPERTS], None),
]

EXPERT_PROFILES = {
    "expert1": ("内蒙古大学", "生态学", "王"),
    "expert2": ("内蒙古工业大学", "稀土材料", "李"),
    "expert3": ("内蒙古农业大学", "畜牧兽医", "张"),
}

# Applications at every step of every type, so that each reviewer has something waiting:
# (base type, league, unit name, proposed base, the step it has reached).
PIPELINE = [
    (
        "technology_transfer_center",
        "呼和浩特市",
        "呼和浩特市中俄技术转移服务有限公司",
        "中俄技术转移中心",
        "推荐部门审核",
    ),
    (
        "technology_transfer_center",
        "包头市",
        "包头稀土产业技术服务有限公司",
        "稀土技术国际转移中心",
        "专家评审",
    ),
    (
        "technology_transfer_center",
        "呼和浩特市",
        "内蒙古跨境科技服务中心",
        "跨境科技服务国际技术转移中心",
        "申报机构考核",
    ),
    (
        "technology_transfer_center",
        "包头市",
        "包头市科技成果转化服务中心",
        "包头国际技术转移中心",
        "认定决定",
    ),
    (
        "technology_transfer_center",
        "呼和浩特市",
        "内蒙古技术市场服务有限公司",
        "北疆国际技术转移中心",
        "认定公示",
    ),
    ("demonstration_base", "包头市", "内蒙古科技大学", "稀土冶金国际科技合作基地", "推荐部门审核"),
    ("demonstration_base", "呼和浩特市", "内蒙古农业大学", "草原畜牧国际科技合作基地", "专家评审"),
    ("demonstration_base", "包头市", "包头医学院", "地方病防治国际科技合作基地", "申报机构考核"),
    (
        "demonstration_base",
        "呼和浩特市",
        "内蒙古师范大学",
        "蒙古语信息处理国际科技合作基地",
        "认定决定",
    ),
    ("demonstration_base", "呼和浩特市", "内蒙古医科大学", "蒙医药国际科技合作基地", "认定公示"),
    ("demonstration_base", "包头市", "包头钢铁研究院", "钢铁绿色制造国际科技合作基地", "已认定"),
    (
        "innovation_park",
        "包头市",
        "包头装备制造产业园区管理委员会",
        "包头装备制造国际创新园",
        "专家评审",
    ),
    ("innovation_park", "包头市", "包头九原工业园区管理委员会", "九原新能源国际创新园", "实地考察"),
    ("innovation_park", "包头市", "包头石拐工业园区管理委员会", "石拐新材料国际创新园", "认定决定"),
    ("innovation_park", "包头市", "包头金山工业园区管理委员会", "金山国际创新园", "认定公示"),
]

APPLICANTS = {
    "yituo@example.org": "依托单位（已确认）：有草稿、已提交和已撤回的申报",
    "daiqueren@example.org": "依托单位（待推荐部门确认）：可填草稿，不能提交",
    "baotou-gov@example.org": "包头市人民政府：申报国际创新园",
    "chexiao@example.org": "依托单位（基地两年前被撤销，三年内不能申报）",
}


def docx(title, headings):
    """A minimal Word document, enough for a downloadable outline."""
    paragraphs = [title, "", *[f"{n}. {h}" for n, h in enumerate(headings, 1)], "", "（演示文件）"]
    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buffer.getvalue()


def plan_guide(base_type, year):
    Document = get_document_model()
    title = f"{BaseType(base_type).label}实施方案编写提纲（{year}年版）"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            f"guide-{base_type}-{year}.docx",
            ContentFile(docx(title, GUIDE_OUTLINE[base_type])),
            save=False,
        )
        document.save()
    return document


# A call opens in the morning and closes at the end of an office day, Beijing time.
OPENS_AT = datetime.time(9, 0)
CLOSES_AT = datetime.time(17, 0)


def office_hours(days, time):
    """That time of day, ``days`` from today (in the past when negative), Beijing time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def make_call(title, year, opens_at, closes_at, number):
    call = ApplicationCall.objects.filter(title=title).first()
    if call:
        return call
    call = ApplicationCall(
        title=title,
        year=year,
        document_number=number,
        opens_at=opens_at,
        closes_at=closes_at,
        contact="科技厅国际合作处 0471-0000000（演示）",
        guidance=(
            "<p>根据《内蒙古自治区国际科技合作基地管理办法（试行）》，现组织开展本年度国合基地认定申报工作。</p>"
            "<p>国际创新园由园区所在地盟市人民政府申报；国际技术转移中心和示范型国际科技合作基地由依托单位"
            "在线填报，经推荐部门审核后推荐。请按所申报类型的实施方案编写提纲准备材料。</p>"
            "<p>申报单位和申报单位负责人应具有良好的科研诚信记录，对严重违背科研诚信要求的实行“一票否决”。</p>"
        ),
        live=True,
    )
    call.save()
    for order, base_type in enumerate(BaseType.values):
        CallBaseType.objects.create(
            call=call, sort_order=order, base_type=base_type, plan_guide=plan_guide(base_type, year)
        )
    call.save_revision(log_action=True)
    return call


def credit_code(serial):
    first17 = f"91150100{serial:09d}"
    return first17 + credit_code_check_character(first17)


def applicant(email, password, kind="host", host=None, confirmed=True, **fields):
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=email, defaults={"email": email})
    user.is_active = True
    user.set_password(password)
    user.save()
    account, _created = ApplicantAccount.objects.get_or_create(
        user=user,
        defaults={
            "kind": kind,
            "host": host,
            "contact_name": fields.pop("contact_name", "演示联系人"),
            "phone": fields.pop("phone", "0471-6000000"),
            "email_verified_at": timezone.now(),
            "confirmed_at": timezone.now() if confirmed else None,
            **fields,
        },
    )
    return user


def fill(application, name, partner, country, project_level=ApplicationProject.Level.NATIONAL):
    """Fill in the application as its applicant would on the form."""
    application.unit_name = application.unit_name or name.replace("国际科技合作基地", "")
    application.unit_head = "王建国"
    application.address = application.address or "内蒙古自治区呼和浩特市（演示地址）"
    application.base_name = name
    application.base_head = "刘海"
    application.goals = (
        "三年内与 5 家以上国外科研机构建立稳定合作关系，联合承担国际合作项目 3 项以上。"
    )
    application.team = "设国际合作办公室，专职管理人员 4 名，外语和技术转移专业人员 12 名。"
    application.plan_summary = (
        "围绕重点领域开展联合研发、人才交流和技术转移，每年举办一次国际研讨会。"
    )
    application.results = (
        "近三年与国外机构联合发表论文 20 篇，引进外国专家 15 人次，转化技术成果 6 项。"
    )
    application.condition_statements = {
        c.key: "符合。详见实施方案相应章节。" for c in conditions_for(application.base_type)
    }
    application.integrity_commitment = True
    application.commitment_signatory = "王建国"
    application.fields.set(CooperationField.objects.all()[:2])
    application.partner_countries.set(Country.objects.filter(code=country))
    application.partners.add(
        ApplicationPartner(name=partner, country=Country.objects.get(code=country), since=2016)
    )
    application.projects.add(
        ApplicationProject(
            name=f"{name[:6]}国际合作联合研究",
            level=project_level,
            programme="政府间国际科技创新合作",
            start_year=2021,
            end_year=2024,
            role="牵头单位",
        )
    )
    application.save()
    for kind in (
        ApplicationAttachment.Kind.IMPLEMENTATION_PLAN,
        ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE,
    ):
        if (
            kind == ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE
            and application.base_type != BaseType.TECHNOLOGY_TRANSFER_CENTER
        ):
            continue
        content = docx(f"{name}{kind.label}", ["概述", "目标", "措施"])
        application.attachments.create(
            kind=kind,
            file=ContentFile(content, name=f"{kind.label}.docx"),
            original_name=f"{kind.label}.docx",
            size=len(content),
            uploaded_by=application.applicant,
        )
    return application


def load_demo_applications(password):
    """Create the demo calls, accounts and applications once. Returns the accounts to print."""
    year = timezone.localdate().year
    for username, _role, groups, department in STAFF_ACCOUNTS:
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        if department:
            RecommendingDepartment.objects.get(name=department).members.add(user)
            user.first_name = department
            user.save()
        if username in EXPERT_PROFILES:
            organisation, speciality, surname = EXPERT_PROFILES[username]
            # Chinese names are kept whole, family name first, so every page reads 王教授.
            user.first_name, user.last_name = f"{surname}教授", ""
            user.save()
            ExpertProfile.objects.get_or_create(
                user=user, defaults={"organisation": organisation, "speciality": speciality}
            )

    past = make_call(
        f"关于开展{year - 1}年度自治区国际科技合作基地认定工作的通知",
        year - 1,
        office_hours(-400, OPENS_AT),
        office_hours(-340, CLOSES_AT),
        f"内科外字〔{year - 1}〕8号",
    )
    current = make_call(
        f"关于开展{year}年度自治区国际科技合作基地认定工作的通知",
        year,
        office_hours(-20, OPENS_AT),
        office_hours(40, CLOSES_AT),
        f"内科外字〔{year}〕12号",
    )

    accounts = [(username, role) for username, role, _groups, _department in STAFF_ACCOUNTS]
    accounts += list(APPLICANTS.items())
    if ApplicantAccount.objects.filter(user__username="yituo@example.org").exists():
        for email in APPLICANTS:
            applicant(email, password)  # Reset the demo password on every run.
        return accounts

    hohhot = LeagueCity.objects.get(name="呼和浩特市")
    hohhot_bureau = RecommendingDepartment.objects.get(name="呼和浩特市科学技术局")
    confirmed_host = HostOrganisation.objects.create(
        name="内蒙古草原生态科学研究院",
        credit_code=credit_code(880001),
        kind=HostOrganisation.Kind.RESEARCH_INSTITUTE,
        registration_date=datetime.date(2009, 5, 12),
        league_city=hohhot,
        address="呼和浩特市赛罕区（演示地址）",
        recommending_department=hohhot_bureau,
    )
    user = applicant(
        "yituo@example.org",
        password,
        host=confirmed_host,
        contact_name="赵敏",
        phone="0471-6011001",
    )
    # Last year's application, withdrawn by the host: it stays on record with its files.
    earlier = _start_in_closed_call(user.applicant_account, past, BaseType.DEMONSTRATION_BASE)
    fill(earlier, "草原生态国际科技合作基地", "蒙古国科学院植物研究所", "MN")
    withdraw_application(earlier, user, "材料准备不充分，明年再报。")
    submitted = start_application(user.applicant_account, current, BaseType.DEMONSTRATION_BASE)
    fill(submitted, "草原生态国际科技合作基地", "蒙古国科学院植物研究所", "MN")
    submit_application(submitted, user)
    draft = start_application(user.applicant_account, current, BaseType.TECHNOLOGY_TRANSFER_CENTER)
    draft.base_name = "草原生态技术国际转移中心"
    draft.goals = "（草稿）面向蒙俄开展草原生态修复技术转移。"
    draft.save()

    pending_host = HostOrganisation.objects.create(
        name="呼和浩特跨境技术转移服务有限公司",
        credit_code=credit_code(880002),
        kind=HostOrganisation.Kind.INTERMEDIARY,
        registration_date=datetime.date(2021, 3, 1),
        league_city=hohhot,
        confirmed=False,
    )
    pending = applicant(
        "daiqueren@example.org",
        password,
        host=pending_host,
        confirmed=False,
        recommending_department=hohhot_bureau,
        contact_name="孙磊",
    )
    pending_draft = start_application(
        pending.applicant_account, current, BaseType.TECHNOLOGY_TRANSFER_CENTER
    )
    fill(pending_draft, "跨境技术转移中心", "俄罗斯科学院西伯利亚分院", "RU")

    baotou = LeagueCity.objects.get(name="包头市")
    government = applicant(
        "baotou-gov@example.org",
        password,
        kind="government",
        government_name="包头市人民政府",
        league_city=baotou,
        contact_name="钱涛",
        phone="0472-5100000",
    )
    park = start_application(government.applicant_account, current, BaseType.INNOVATION_PARK)
    park.unit_name = "包头稀土高新技术产业开发区管理委员会"
    park.credit_code = credit_code(880003)
    park.unit_kind = HostOrganisation.Kind.SCIENCE_PARK
    park.registration_date = datetime.date(1992, 11, 9)
    fill(park, "包头稀土新材料国际创新园", "德国弗劳恩霍夫应用研究促进协会", "DE")
    submit_application(park, government)

    revoked = Base.objects.filter(status=BaseStatus.REVOKED).select_related("host").first()
    if revoked is not None:
        applicant("chexiao@example.org", password, host=revoked.host, contact_name="周平")
    return accounts


def call_year(application):
    return application.call.year


def _start_in_closed_call(account, call, base_type):
    """Last year's application was started while its call was open."""
    return start_application(
        account, call, base_type, now=call.opens_at + datetime.timedelta(days=1)
    )
