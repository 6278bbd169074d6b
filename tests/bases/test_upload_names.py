"""The name an uploader gives a file never decides how it is stored (issue 12): every private
file is stored as ``<folder>/<uuid>.<extension its content proves>``, and the name the
uploader gave, cleaned of folders and control characters, is kept in its own column, listed on
the pages and given back on download. Forty dots, 330 Chinese characters, emoji, folders or a
right-to-left mark are a name like any other: the draft is saved and the file kept."""

import datetime
import importlib
import io
import re
from urllib.parse import quote

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from bases.applying.annual_reports import start_report
from bases.models import Application, ChangeReport, ReportKind, Revocation, RevocationReason
from tests.factories import (
    PDF,
    Reviewers,
    change_report_post_data,
    complete_application,
    edit_post_data,
    make_applicant,
    make_application,
    make_base,
    report_post_data,
    revocation_data,
)

pytestmark = pytest.mark.django_db

# What the uploader calls the file → the name the portal keeps and shows.
NAMES = {
    "forty dots": ("方案" + "." * 40 + "pdf", "方案.pdf"),
    "nothing but dots": ("." * 40, "附件.pdf"),
    # Django keeps at most 255 characters of an uploaded name, its extension included.
    "330 Chinese characters": ("国" * 330 + ".pdf", "国" * 251 + ".pdf"),
    "emoji": ("😀" * 80 + ".pdf", "😀" * 80 + ".pdf"),
    "folders": ("../../etc/passwd.pdf", "passwd.pdf"),
    "a right-to-left mark and another extension": ("报告\u202efdp.exe", "报告fdp.pdf"),
    "a dot inside the name": ("方案第1.5版", "方案第1.5版.pdf"),
}


def upload(name, content=PDF):
    """A file as a browser sends it, under exactly ``name`` (Django's SimpleUploadedFile
    would cut a long name before the request is made)."""
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def stored_as(folder, field_file):
    assert re.fullmatch(rf"{folder}/[0-9a-f]{{32}}\.pdf", field_file.name), field_file.name
    assert field_file.read() == PDF


def downloaded_as(response, name):
    assert response.status_code == 200
    assert quote(name) in response["Content-Disposition"], response["Content-Disposition"]


@pytest.mark.parametrize("name,kept", NAMES.values(), ids=NAMES)
def test_an_application_file_of_any_name_is_stored_and_the_draft_saved(
    client, site_tree, name, kept
):
    applicant = make_applicant(registration_date=datetime.date(2015, 1, 1))
    application = complete_application(make_application(applicant))
    client.force_login(applicant)
    edit = reverse("apply_edit", args=[application.pk])
    data = edit_post_data(
        application,
        **{"base-base_name": "改过的名称", "attachments-implementation_plan": upload(name)},
    )
    assert client.post(edit, data).status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert application.base_name == "改过的名称"  # the rest of the section is kept
    attachment = application.attachments.current().get(kind="implementation_plan")
    assert attachment.original_name == kept
    stored_as(f"applications/{application.pk}", attachment.file)
    page = client.get(edit).content.decode()
    assert kept in page and attachment.file.name.rsplit("/", 1)[-1] not in page
    downloaded_as(client.get(reverse("apply_file", args=[attachment.pk])), kept)


def test_a_name_longer_than_any_file_system_allows_is_explained_in_chinese(site_tree):
    """Beyond 8 KiB of part headers the request cannot be read at all: a page in Chinese
    says so (Django's own answer is a bare "Bad Request (400)")."""
    applicant = make_applicant(registration_date=datetime.date(2015, 1, 1))
    application = complete_application(make_application(applicant))
    client = Client(raise_request_exception=False)
    client.force_login(applicant)
    data = edit_post_data(
        application,
        **{"base-base_name": "改过的名称", "attachments-implementation_plan": upload("国" * 3000)},
    )
    response = client.post(reverse("apply_edit", args=[application.pk]), data)
    assert response.status_code == 400
    assert (
        "无法处理这次提交" in response.content.decode()
        and "文件名过长" in response.content.decode()
    )


@pytest.fixture
def host(site_tree):
    user = make_applicant(league="呼和浩特市")
    base = make_base(host=user.applicant_account.host, accredited_on=datetime.date(2023, 6, 1))
    return user, base


def test_an_annual_report_file_keeps_its_name_and_is_stored_under_a_generated_one(client, host):
    user, base = host
    report = start_report(user, base, 2025, ReportKind.PLAN)
    client.force_login(user)
    name, kept = NAMES["330 Chinese characters"]
    edit = reverse("apply_report_edit", args=[report.pk])
    data = report_post_data(report, **{"attachments-files": [upload(name)]})
    assert client.post(edit, data).status_code in (200, 302)
    attachment = report.attachments.get()
    assert attachment.original_name == kept
    stored_as(f"annual-reports/{report.pk}", attachment.file)
    assert kept in client.get(edit).content.decode()
    downloaded_as(client.get(reverse("apply_report_file", args=[attachment.pk])), kept)


def test_a_change_report_s_evidence_keeps_its_name(client, host):
    user, base = host
    client.force_login(user)
    client.post(reverse("apply_change_start", args=[base.pk]))
    report = ChangeReport.objects.get(base=base)
    name, kept = NAMES["forty dots"]
    edit = reverse("apply_change_edit", args=[report.pk])
    assert client.post(edit, change_report_post_data(files=[upload(name)])).status_code == 302
    attachment = report.attachments.get()
    assert attachment.original_name == kept
    stored_as(f"change-reports/{report.pk}", attachment.file)
    downloaded_as(client.get(reverse("apply_change_file", args=[attachment.pk])), kept)


def test_staff_s_documents_of_any_name_are_kept_and_checked_like_applicants(client, host):
    people = Reviewers()
    user, base = host
    name, kept = NAMES["330 Chinese characters"]
    client.force_login(people.staff)
    add = reverse("wagtailsnippets_bases_revocation:add")
    # A program is refused on its field, in Chinese, and what was typed stays on the form.
    program = upload("核查记录.pdf", b"MZ" + b"\0" * 64)
    response = client.post(add, revocation_data(base, evidence=program))
    html = response.content.decode()
    assert response.status_code == 200 and "文件「核查记录.pdf」不是允许的格式" in html
    assert "内科发〔2026〕30号" in html and not Revocation.objects.exists()
    # A name longer than the column of the stored name is no reason to refuse the file.
    response = client.post(add, revocation_data(base, submit=False, evidence=upload(name)))
    assert response.status_code == 302, response.content.decode()[:2000]
    revocation = Revocation.objects.get()
    assert (revocation.evidence_name, revocation.decision_document_name) == (kept, "撤销决定.pdf")
    stored_as("revocations", revocation.evidence)
    file_url = reverse("wagtailsnippets_bases_revocation:file", args=[revocation.pk, "evidence"])
    downloaded_as(client.get(file_url), kept)
    inspect = reverse("wagtailsnippets_bases_revocation:inspect", args=[revocation.pk])
    assert f"（{kept}）" in client.get(inspect).content.decode()


def test_files_stored_before_get_their_name_from_the_stored_one(host):
    user, base = host
    # As an older version stored them: under the uploader's name, which no column kept.
    revocation = Revocation.objects.create(
        base=base,
        reason=RevocationReason.HOST_REQUEST,
        facts="依托单位申请。",
        decision_number="内科发〔2026〕1号",
        evidence="revocations/0f3c/核查记录.pdf",
        decision_document="revocations/9a1d/决定.pdf",
    )
    migration = importlib.import_module("bases.migrations.0024_upload_names")
    migration.name_existing_files(apps, None)
    revocation.refresh_from_db()
    assert (revocation.evidence_name, revocation.decision_document_name) == (
        "核查记录.pdf",
        "决定.pdf",
    )
    assert revocation.reversal_document_name == ""
