"""The demo's major change report (Art. 14): the host of the base whose annual summary was
returned (``host-base@example.org``) reports a change of the base's head, with the appointment
as evidence, through the host's own code path; it waits at its recommending department."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from bases.applying.change_reports import start_change_report, submit_change_report
from bases.demo.annual_reports import HOST_ACCOUNT
from bases.demo.applications import docx
from bases.models import ApplicantAccount, Base, ChangeKind, ChangeReport


def load_demo_change_reports():
    """Once: a second run finds the report and leaves it be."""
    if ChangeReport.objects.exists():
        return None
    account = (
        ApplicantAccount.objects.filter(user__username=HOST_ACCOUNT).select_related("user").first()
    )
    if account is None or account.host_id is None:
        return None
    base = Base.objects.current().filter(host_id=account.host_id).order_by("pk").first()
    if base is None:
        return None
    user = account.user
    report = start_change_report(user, base)
    report.kind = ChangeKind.BASE_HEAD
    report.effective_on = max(
        timezone.localdate() - datetime.timedelta(days=20), base.accreditation_date
    )
    report.new_head = "赵志强"
    report.description = (
        "原基地负责人因工作调动离任。经依托单位领导班子研究决定，由国际合作处处长赵志强同志"
        "担任基地负责人，全面负责基地的国际科技合作工作；基地的管理机构、专职人员和合作项目不变。"
    )
    report.save()
    content = docx(
        "关于调整国合基地负责人的通知（演示）", ["调整事由", "新任负责人简历", "工作安排"]
    )
    report.attachments.create(
        file=ContentFile(content, name="关于调整基地负责人的通知.docx"),
        original_name="关于调整基地负责人的通知.docx",
        size=len(content),
        uploaded_by=user,
    )
    report, problems = submit_change_report(report, user)
    assert not problems, problems
    return report
