"""Major change reports (Art. 14) for tests: what the host's form posts
(``change_report_post_data``) and a report submitted through the host's own code path
(``submitted_change_report``). ``tests/bases/test_change_reports.py`` drives the pages and the
review themselves."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from bases.applying.change_reports import start_change_report, submit_change_report
from bases.models import ChangeKind
from tests.factories.applications import PDF


def evidence(name="任免文件.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def change_report_post_data(action="save", files=(), **fields):
    """What the change report form posts: a head change unless ``fields`` say otherwise."""
    data = {
        "action": action,
        "kind": ChangeKind.BASE_HEAD,
        "effective_on": "2026-03-01",
        "new_head": "李新民",
        "new_host_name": "",
        "description": (
            "原基地负责人退休，经依托单位党委研究，自2026年3月1日起由李新民同志任基地负责人。"
        ),
    }
    data.update(fields)
    if files:
        data["evidence-files"] = list(files)
    return data


def submitted_change_report(host_user, base, kind=ChangeKind.BASE_HEAD, **fields):
    """A complete change report of ``base``, submitted by ``host_user`` as the form would."""
    report = start_change_report(host_user, base)
    report.kind = kind
    report.effective_on = fields.pop("effective_on", datetime.date(2026, 3, 1))
    report.description = fields.pop("description", "依托单位报告的变更情况。")
    if kind == ChangeKind.BASE_HEAD:
        report.new_head = fields.pop("new_head", "李新民")
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    report.attachments.create(
        file=ContentFile(PDF, name="证明材料.pdf"),
        original_name="证明材料.pdf",
        size=len(PDF),
        uploaded_by=host_user,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, problems = submit_change_report(report, host_user)
    assert not problems, problems
    return report
