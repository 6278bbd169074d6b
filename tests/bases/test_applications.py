"""The applicant's side of an application, through the public pages: calls, the form, drafts,
submission, uploads, the dashboard, withdrawal and who may see what."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from bases.applying.submission import submit_application
from bases.models import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationStatus,
    BaseType,
    CooperationField,
)
from bases.review.files import OLE2
from bases.review.roles import DEPARTMENT_STAFF
from tests.factories import (
    BAOTOU_BUREAU,
    PDF,
    PNG,
    ApplicationCallFactory,
    attach,
    complete_application,
    compound_file,
    edit_post_data,
    make_applicant,
    make_application,
    make_member,
    make_user,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(site_tree):
    return make_applicant(registration_date=datetime.date(2015, 1, 1))


@pytest.fixture
def draft(applicant):
    return make_application(applicant)


def edit_url(application):
    return reverse("apply_edit", args=[application.pk])


def docx_bytes(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Calls


def test_the_call_index_separates_open_and_past_calls(client, site_tree):
    open_call = ApplicationCallFactory(title="2026年度认定申报通知")
    past_call = ApplicationCallFactory(
        opens_in_days=-400, closes_in_days=-340, title="2025年度认定申报通知"
    )
    unpublished = ApplicationCallFactory(live=False, title="尚未发布的通知")
    response = client.get(reverse("apply_index"))
    html = response.content.decode()
    assert open_call.title in html and past_call.title in html
    assert unpublished.title not in html
    assert html.index("正在受理") < html.index(open_call.title) < html.index("往期通知")
    assert html.index("往期通知") < html.index(past_call.title)


def test_the_call_index_uses_a_constant_number_of_queries(
    client, site_tree, django_assert_max_num_queries
):
    ApplicationCallFactory()
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("apply_index"))
    for _ in range(5):
        ApplicationCallFactory(opens_in_days=-400, closes_in_days=-340)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("apply_index"))


def test_a_draft_is_kept_after_the_deadline_but_cannot_be_submitted(client, applicant):
    call = ApplicationCallFactory(opens_in_days=-10, closes_in_days=5)
    application = complete_application(make_application(applicant, call))
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    client.force_login(applicant)
    response = client.post(edit_url(application), edit_post_data(application, "submit"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "截止" in page and "草稿已保留" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.base_name == "测试国际科技合作基地"


def test_no_draft_can_be_started_before_a_call_opens(client, applicant):
    call = ApplicationCallFactory(opens_in_days=2, closes_in_days=30)
    client.force_login(applicant)
    response = client.post(
        reverse("apply_start", args=[call.pk]), {"base_type": BaseType.DEMONSTRATION_BASE}
    )
    assert response.status_code == 302
    assert not applicant.applications.exists()


def test_start_offers_only_the_types_the_call_accepts(client, applicant):
    call = ApplicationCallFactory(types=[BaseType.TECHNOLOGY_TRANSFER_CENTER])
    client.force_login(applicant)
    response = client.post(
        reverse("apply_start", args=[call.pk]), {"base_type": BaseType.DEMONSTRATION_BASE}
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not applicant.applications.exists()


# The form: drafts, unit information, submission


def test_the_unit_section_is_prefilled_from_the_registry_and_read_only(client, applicant, draft):
    host = applicant.applicant_account.host
    client.force_login(applicant)
    response = client.get(edit_url(draft))
    assert host.credit_code in response.content.decode()
    data = edit_post_data(
        draft, **{"unit-credit_code": "91150100MA0000000X", "unit-unit_name": "冒名单位"}
    )
    client.post(edit_url(draft), data)
    draft.refresh_from_db()
    assert (draft.unit_name, draft.credit_code) == (host.name, host.credit_code)


def test_saving_a_draft_stores_partners_and_projects(client, applicant, draft):
    client.force_login(applicant)
    data = edit_post_data(
        draft,
        **{
            "base-base_name": "草原生态国际合作基地",
            "partners-0-name": "蒙古国科学院",
            "partners-0-country": str(
                __import__("bases.models").models.Country.objects.get(code="MN").pk
            ),
            "partners-0-since": "2018",
            "projects-0-name": "中蒙草原生态联合研究",
            "projects-0-level": "regional",
        },
    )
    response = client.post(edit_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.base_name == "草原生态国际合作基地"
    assert [p.name for p in draft.partners.all()] == ["蒙古国科学院"]
    assert [p.name for p in draft.projects.all()] == ["中蒙草原生态联合研究"]


def test_a_failed_submit_lists_problems_by_section_and_loses_nothing(client, applicant, draft):
    client.force_login(applicant)
    data = edit_post_data(
        draft,
        "submit",
        **{
            "base-base_name": "草原生态国际合作基地",
            "base-goals": "建成中蒙俄草原生态合作平台",
            "attachments-implementation_plan": pdf_upload("实施方案（初稿）.pdf"),
        },
    )
    response = client.post(edit_url(draft), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "申报尚不完整，未能提交" in html
    for section in ("二、拟建基地", "三、合作基础", "四、条件自查", "六、科研诚信承诺"):
        assert section in html
    assert "请填写“基地负责人”" in html
    assert "国家级或自治区级" in html  # Art. 7 for a demonstration base
    # What was typed is saved, and the uploaded file is kept.
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.base_name == "草原生态国际合作基地"
    assert draft.goals == "建成中蒙俄草原生态合作平台"
    assert list(draft.attachments.values_list("original_name", flat=True)) == [
        "实施方案（初稿）.pdf"
    ]
    assert 'value="草原生态国际合作基地"' in html
    assert "请上传实施方案" not in html


def test_a_wrong_value_keeps_what_was_typed_and_saves_the_rest(client, applicant, draft):
    client.force_login(applicant)
    data = edit_post_data(
        draft,
        **{"unit-contact_email": "不是邮箱", "base-base_name": "草原生态国际合作基地"},
    )
    response = client.post(edit_url(draft), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效的电子邮箱地址" in html
    assert 'value="不是邮箱"' in html
    draft.refresh_from_db()
    assert draft.base_name == "草原生态国际合作基地"


def test_a_section_with_an_error_stores_none_of_its_fields(client, applicant, draft):
    CooperationField.objects.create(name="稀土新材料")
    client.force_login(applicant)
    data = edit_post_data(
        draft,
        **{
            "base-base_name": "草原生态国际合作基地",
            "base-fields": "999",
            "record-results": "联合培养博士 3 名。",
        },
    )
    response = client.post(edit_url(draft), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "999 不在可用的选项中" in html
    assert 'value="草原生态国际合作基地"' in html  # shown again, to be corrected
    draft.refresh_from_db()
    assert draft.base_name == ""  # nothing of the section with the error is stored
    assert draft.results == "联合培养博士 3 名。"  # the other sections are


def test_a_complete_application_is_submitted_as_a_revision(client, applicant, draft):
    complete_application(draft)
    client.force_login(applicant)
    response = client.post(edit_url(draft), edit_post_data(draft, "submit"))
    assert response["Location"] == reverse("apply_detail", args=[draft.pk])
    draft.refresh_from_db()
    # The review workflow of its type starts at once: the recommending department's step.
    assert draft.status == ApplicationStatus.RECOMMENDING_REVIEW
    assert draft.submitted_at is not None
    assert not draft.live
    revision = draft.latest_revision
    assert revision.user == applicant
    assert revision.content["base_name"] == "测试国际科技合作基地"
    assert [e.kind for e in draft.events.all()] == [
        ApplicationEvent.Kind.CREATED,
        ApplicationEvent.Kind.SUBMITTED,
        ApplicationEvent.Kind.STEP_STARTED,
    ]
    # A submitted application can no longer be edited.
    response = client.post(edit_url(draft), edit_post_data(draft, **{"base-base_name": "改名"}))
    draft.refresh_from_db()
    assert draft.base_name == "测试国际科技合作基地"


def test_a_technology_transfer_center_needs_its_registration_certificate(client, applicant):
    application = make_application(applicant, base_type=BaseType.TECHNOLOGY_TRANSFER_CENTER)
    complete_application(application)
    application.attachments.filter(kind="registration_certificate").delete()
    client.force_login(applicant)
    response = client.post(edit_url(application), edit_post_data(application, "submit"))
    assert "须上传法人登记证书" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


# Uploads


def test_a_renamed_program_is_refused_by_content_with_its_name(client, applicant, draft):
    client.force_login(applicant)
    program = pdf_upload("实施方案.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    response = client.post(
        edit_url(draft), edit_post_data(draft, **{"attachments-implementation_plan": program})
    )
    html = response.content.decode()
    assert "文件「实施方案.pdf」不是允许的格式" in html
    assert not draft.attachments.exists()


@pytest.mark.parametrize(
    "name,content,accepted",
    [
        ("旧版方案.doc", lambda: compound_file({"WordDocument": b"Word 97"}), "doc"),
        ("预算.xls", lambda: compound_file({"Workbook": b"Excel 97"}), "xls"),
        # A compound file that merely contains the word "Book" is not a workbook.
        ("伪装.xls", lambda: OLE2 + "Book".encode("utf-16-le") * 300, None),
        # Macros are refused, in Word 97 files and in a .docm renamed .docx.
        ("宏.doc", lambda: compound_file({"WordDocument": b"x"}, storages=["Macros"]), None),
        ("宏.docx", lambda: docx_bytes(extra={"word/vbaProject.bin": b"VBA"}), None),
    ],
)
def test_office_files_are_recognised_by_what_is_inside_them(
    client, applicant, draft, name, content, accepted
):
    client.force_login(applicant)
    upload = pdf_upload(name, content())
    response = client.post(
        edit_url(draft), edit_post_data(draft, **{"attachments-cooperation_agreement": upload})
    )
    html = response.content.decode()
    stored = draft.attachments.filter(kind="cooperation_agreement")
    if accepted:
        assert stored.get().original_name.endswith(f".{accepted}")
    else:
        assert not stored.exists()
        assert f"文件「{name}」" in html
        assert ("含有宏" in html) == ("宏" in name)


def test_a_21_mb_file_is_refused(client, applicant, draft):
    client.force_login(applicant)
    big = pdf_upload("大文件.pdf", PDF + b"0" * (21 * 1024 * 1024))
    response = client.post(
        edit_url(draft), edit_post_data(draft, **{"attachments-implementation_plan": big})
    )
    assert "文件「大文件.pdf」大小为 21.0 MB，超过 20 MB 的上限" in response.content.decode()
    assert not draft.attachments.exists()


def test_good_files_are_stored_even_when_another_is_refused(client, applicant, draft):
    client.force_login(applicant)
    data = edit_post_data(
        draft,
        **{
            "attachments-implementation_plan": pdf_upload("方案.PDF"),
            "attachments-cooperation_agreement": [
                pdf_upload("协议.docx", docx_bytes()),
                pdf_upload("现场照片.png", PNG),
                pdf_upload("病毒.doc", b"MZ" + b"\x00" * 100),
            ],
        },
    )
    response = client.post(edit_url(draft), data)
    assert "文件「病毒.doc」不是允许的格式" in response.content.decode()
    names = sorted(draft.attachments.values_list("original_name", flat=True))
    # Names take the extension the content proves.
    assert names == ["协议.docx", "方案.pdf", "现场照片.png"]


def test_files_are_kept_in_private_storage(applicant, draft, settings):
    attachment = attach(draft, ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - private files have no public address


# Who sees what


def test_another_applicant_gets_404_on_the_application_and_its_files(client, draft):
    attachment = attach(draft, ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    other = make_applicant()
    client.force_login(other)
    for name in ("apply_detail", "apply_edit", "apply_withdraw"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
    assert client.post(reverse("apply_withdraw", args=[draft.pk])).status_code == 404
    assert client.get(reverse("apply_file", args=[attachment.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_the_owner_downloads_their_file(client, applicant, draft):
    attachment = attach(draft, ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    client.force_login(applicant)
    response = client.get(reverse("apply_file", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_an_anonymous_visitor_is_sent_to_login_for_a_file(client, draft):
    attachment = attach(draft, ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    response = client.get(reverse("apply_file", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("apply_login"))


def test_department_staff_and_the_recommending_department_see_submitted_files(
    client, applicant, draft
):
    attachment = attach(draft, ApplicationAttachment.Kind.IMPLEMENTATION_PLAN)
    staff = make_user("staff", DEPARTMENT_STAFF)
    bureau_member = make_member("bureau", draft.recommending_department.name)
    url = reverse("apply_file", args=[attachment.pk])
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(bureau_member)
    assert client.get(url).status_code == 404  # Drafts stay with the applicant.
    complete_application(draft)
    submit_application(draft, applicant)
    assert client.get(url).status_code == 200
    other_bureau = make_member("other", BAOTOU_BUREAU)
    client.force_login(other_bureau)
    assert client.get(url).status_code == 404


def test_applicants_have_no_admin_access(client, applicant):
    client.force_login(applicant)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not applicant.is_staff
    assert not applicant.has_perm("wagtailadmin.access_admin")


# Dashboard and withdrawal


def test_the_dashboard_lists_only_my_applications_with_their_status(client, applicant, draft):
    submitted = complete_application(
        make_application(applicant, base_type="technology_transfer_center")
    )
    submit_application(submitted, applicant)
    other = make_application(make_applicant())
    other.base_name = "别人的基地"
    other.save()
    client.force_login(applicant)
    html = client.get(reverse("apply_dashboard")).content.decode()
    assert draft.reference in html and submitted.reference in html
    assert "别人的基地" not in html and other.reference not in html
    assert "草稿" in html and "推荐部门审核中" in html


def test_the_dashboard_uses_a_constant_number_of_queries(
    client, applicant, django_assert_max_num_queries
):
    call = ApplicationCallFactory()
    make_application(applicant, call)
    client.force_login(applicant)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("apply_dashboard"))
    make_application(applicant, call, base_type=BaseType.TECHNOLOGY_TRANSFER_CENTER)
    for _ in range(3):
        ApplicationCallFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("apply_dashboard"))


def test_withdrawing_keeps_the_application_and_its_files(client, applicant, draft):
    complete_application(draft)
    submit_application(draft, applicant)
    client.force_login(applicant)
    response = client.post(reverse("apply_withdraw", args=[draft.pk]), {"reason": "材料需重新准备"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN
    assert draft.attachments.count() == 1
    assert Application.objects.filter(pk=draft.pk).exists()
    attachment = draft.attachments.get()
    assert client.get(reverse("apply_file", args=[attachment.pk])).status_code == 200
    assert "已撤回" in client.get(reverse("apply_dashboard")).content.decode()


def test_no_withdrawal_once_the_decision_is_in_publicity(client, applicant, draft):
    draft.status = ApplicationStatus.PUBLICITY
    draft.save()
    client.force_login(applicant)
    client.post(reverse("apply_withdraw", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.PUBLICITY
