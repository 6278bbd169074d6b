"""Builders for the application service: calls, applicant accounts and applications."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bases.applying.submission import start_application
from bases.models import (
    ApplicantAccount,
    ApplicationAttachment,
    ApplicationCall,
    ApplicationPartner,
    ApplicationProject,
    BaseType,
    CallBaseType,
    CooperationField,
    Country,
    LeagueCity,
)
from bases.rules.conditions import conditions_for
from tests.bases.factories import make_host

PASSWORD = "Guohe-Test-2026!"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
_serial = itertools.count(1)


def pdf_upload(name="实施方案.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_call(opens_in_days=-10, closes_in_days=20, types=None, live=True, **fields):
    now = timezone.now()
    call = ApplicationCall(
        title=fields.pop("title", f"{now.year}年度国合基地认定申报通知（{next(_serial)}）"),
        year=fields.pop("year", now.year),
        opens_at=now + datetime.timedelta(days=opens_in_days),
        closes_at=now + datetime.timedelta(days=closes_in_days),
        live=live,
        **fields,
    )
    call.save()
    for base_type in types or BaseType.values:
        CallBaseType.objects.create(call=call, base_type=base_type)
    return call


def make_applicant(host=None, confirmed=True, email=None, **host_fields):
    host = host or make_host(**host_fields)
    email = email or f"applicant{next(_serial)}@example.org"
    user = get_user_model().objects.create_user(email, email, PASSWORD)
    ApplicantAccount.objects.create(
        user=user,
        kind=ApplicantAccount.Kind.HOST,
        host=host,
        contact_name="张联系",
        phone="0471-1234567",
        email_verified_at=timezone.now(),
        confirmed_at=timezone.now() if confirmed else None,
    )
    return user


def make_government(league="包头市"):
    email = f"gov{next(_serial)}@example.org"
    user = get_user_model().objects.create_user(email, email, PASSWORD)
    ApplicantAccount.objects.create(
        user=user,
        kind=ApplicantAccount.Kind.GOVERNMENT,
        government_name=f"{league}人民政府",
        league_city=LeagueCity.objects.get(name=league),
        contact_name="王联系",
        phone="0472-1234567",
        email_verified_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    return user


def make_application(user, call=None, base_type=BaseType.DEMONSTRATION_BASE, complete=False):
    call = call or make_call()
    application = start_application(user.applicant_account, call, base_type)
    if complete:
        complete_application(application)
    return application


def complete_application(application):
    """Fill every required item, as an applicant would before submitting."""
    application.unit_name = application.unit_name or "测试园区管理委员会"
    if not application.credit_code:
        from tests.bases.factories import credit_code

        application.credit_code = credit_code()
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
    from bases.applying.forms import ApplicationSections

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
