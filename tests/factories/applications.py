"""The applicant's side: calls for applications, applications started and completed as an
applicant would, their attachments, and what the edit page posts."""

import datetime
import struct

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from bases.applying.forms import ApplicationSections
from bases.applying.submission import start_application
from bases.models import (
    ApplicationAttachment,
    ApplicationCall,
    ApplicationPartner,
    ApplicationProject,
    BaseType,
    CallBaseType,
    CooperationField,
    Country,
)
from bases.rules.conditions import conditions_for
from tests.factories.registry import credit_code

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name="实施方案.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ApplicationCallFactory(DjangoModelFactory):
    """A published call that opened ten days ago and closes in twenty, for every base type
    unless ``types`` names some."""

    class Meta:
        model = ApplicationCall
        skip_postgeneration_save = True

    class Params:
        now = factory.LazyFunction(timezone.now)
        opens_in_days = -10
        closes_in_days = 20

    title = factory.LazyAttributeSequence(
        lambda call, n: f"{call.now.year}年度国合基地认定申报通知（{n}）"
    )
    year = factory.LazyAttribute(lambda call: call.now.year)
    opens_at = factory.LazyAttribute(
        lambda call: call.now + datetime.timedelta(days=call.opens_in_days)
    )
    closes_at = factory.LazyAttribute(
        lambda call: call.now + datetime.timedelta(days=call.closes_in_days)
    )
    live = True

    @factory.post_generation
    def types(call, create, extracted, **kwargs):
        if create:
            for base_type in extracted or BaseType.values:
                CallBaseType.objects.create(call=call, base_type=base_type)


def make_application(user, call=None, base_type=BaseType.DEMONSTRATION_BASE, complete=False):
    """A draft started by ``user``'s account through the applicant's own code path."""
    call = call or ApplicationCallFactory()
    application = start_application(user.applicant_account, call, base_type)
    if complete:
        complete_application(application)
    return application


def complete_application(application):
    """Fill every required item, as an applicant would before submitting."""
    application.unit_name = application.unit_name or "测试园区管理委员会"
    application.credit_code = application.credit_code or credit_code()
    application.unit_kind = application.unit_kind or "science_park"
    application.registration_date = application.registration_date or datetime.date(2015, 3, 1)
    application.address = application.address or "呼和浩特市赛罕区示例路 1 号"
    application.unit_head = "李负责"
    application.base_name = application.base_name or "测试国际科技合作基地"
    application.base_head = "赵主任"
    application.goals = "三年内与 5 家国外机构建立稳定合作。"
    application.team = "设国际合作处，专职人员 6 名。"
    application.plan_summary = "围绕稀土新材料开展联合研发和人才交流。"
    application.results = "联合发表论文 12 篇，引进外国专家 8 人次。"
    application.condition_statements = {
        condition.key: "符合。具体情况见实施方案第二章。"
        for condition in conditions_for(application.base_type)
    }
    application.integrity_commitment = True
    application.commitment_signatory = "李负责"
    # Parental relations are held in memory until the application is saved.
    application.fields.set([CooperationField.objects.get_or_create(name="稀土新材料")[0]])
    application.partner_countries.set(Country.objects.filter(code__in=["DE", "JP"]))
    application.partners.add(
        ApplicationPartner(name="德国弗劳恩霍夫研究所", country=Country.objects.get(code="DE"))
    )
    application.projects.add(
        ApplicationProject(
            name="稀土永磁材料国际合作研究",
            level=ApplicationProject.Level.NATIONAL,
            programme="国家重点研发计划政府间国际科技创新合作",
        )
    )
    application.save()
    attach(application, ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    if application.base_type == BaseType.TECHNOLOGY_TRANSFER_CENTER:
        attach(application, ApplicationAttachment.Kind.REGISTRATION_CERTIFICATE, "登记证书.pdf")
    return application


def attach(application, kind, name="实施方案.pdf", content=PDF):
    return application.attachments.create(
        kind=kind,
        file=ContentFile(content, name=name),
        original_name=name,
        size=len(content),
        uploaded_by=application.applicant,
    )


def edit_post_data(application, action="save", **overrides):
    """What the edit page posts when the applicant changes nothing: every field as rendered,
    with ``overrides`` (``"unit-address": "…"``) applied on top, like a browser would send."""
    sections = ApplicationSections(application)
    data = {"action": action}
    for _section, form in sections.all():
        is_formset = hasattr(form, "management_form")
        for each in [form.management_form, *form.forms] if is_formset else [form]:
            for bound in each:
                if bound.field.disabled or bound.name in ("DELETE",):
                    continue
                value = bound.value()
                if value is None or value is False:
                    continue
                if isinstance(value, (list, tuple)):
                    data[bound.html_name] = [str(item) for item in value]
                elif hasattr(value, "isoformat"):
                    data[bound.html_name] = value.isoformat()
                elif value is True:
                    data[bound.html_name] = "on"
                else:
                    data[bound.html_name] = str(value)
    for key in [key for key in data if key.startswith("attachments-")]:
        del data[key]  # File inputs start empty; ``remove`` checkboxes start unticked.
    data.update(overrides)
    return data


def compound_file(streams, storages=()):
    """A minimal but well-formed OLE2 compound file (what Word 97 and Excel 97 save), holding
    ``streams`` ({name: bytes}, each padded to 4 KB so no mini stream is needed) and empty
    ``storages`` at its root. Enough for olefile to list what is inside."""
    free, end, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    sector = 512
    entries = [("Root Entry", 5, end, 0)]
    data = b""
    next_sector = 2  # 0 is the FAT, 1 the directory
    chains = []
    for name, content in streams.items():
        content = content.ljust(max(4096, len(content)), b"\0")
        content = content.ljust(-(-len(content) // sector) * sector, b"\0")
        count = len(content) // sector
        entries.append((name, 2, next_sector, len(content)))
        chains.append((next_sector, count))
        next_sector += count
        data += content
    entries += [(name, 1, end, 0) for name in storages]
    fat = [free] * (sector // 4)
    fat[0], fat[1] = fat_sector, end
    for start, count in chains:
        for index in range(start, start + count - 1):
            fat[index] = index + 1
        fat[start + count - 1] = end
    directory = b""
    # The root's children form a chain through their right siblings (a valid red-black tree
    # is not needed to read it).
    for number, (name, kind, start, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if number == 0 and len(entries) > 1 else no_stream
        right = number + 1 if 0 < number < len(entries) - 1 else no_stream
        directory += (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, right, child)
            + b"\0" * 16  # class id
            + b"\0" * 4  # state bits
            + b"\0" * 16  # times
            + struct.pack("<II", start, size)
            + b"\0" * 4
        )
    assert len(entries) <= 4, "one directory sector holds four entries"
    directory = directory.ljust(sector, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([free] * 108))
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + data
