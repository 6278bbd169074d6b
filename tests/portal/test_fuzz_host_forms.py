"""Hostile input to the host's other forms under 「我的基地」 (issue 12): the major change report
and the rectification report, with files under hostile names (and programs dressed as PDFs)
and forged ids in their ``remove`` lists. As ``test_fuzz`` does for the application: never a
5xx, nothing echoed unescaped, a form with errors stores none of its fields, and another host's
reports and files never change."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from bases.applying.change_report_forms import ChangeReportForm
from bases.models import (
    ChangeReport,
    ChangeReportAttachment,
    Rectification,
    RectificationAttachment,
)
from tests.factories import (
    PDF,
    change_report_post_data,
    open_rectification,
    submitted_change_report,
)
from tests.portal.fuzzing import (
    FUZZ,
    body,
    checked,
    hostile_data,
    hostile_upload,
    one_example,
    unreadable,
)
from tests.portal.test_fuzz_reports import host_with_base

pytestmark = pytest.mark.django_db

FORGED = 99999999999999999999


def fuzz_form(client, url, unchanged, files, forged, stored, theirs):
    """Post ``unchanged`` (what the page posts) to ``url`` with some of its fields and its
    ``remove`` list made hostile, and sometimes a few files in ``files`` under hostile names.
    ``stored()`` is what the form stores, unchanged when the form has errors; ``theirs()`` is
    another host's report and files, which never change."""
    names = {*unchanged, files.replace("-files", "-remove"), files}

    @FUZZ
    @given(st.data())
    def submit(data):
        with one_example():
            payload = hostile_data(data.draw, names, forged, unchanged)
            if data.draw(st.booleans()):
                payload[files] = data.draw(st.lists(hostile_upload(), min_size=1, max_size=2))
            before, theirs_before = stored(), theirs()
            response = checked(client.post(url, payload))
            if unreadable(payload):
                assert response.status_code == 400 and "文件名过长" in body(response)
            else:
                assert response.status_code in (200, 302), response.status_code
            if response.status_code != 302 and not valid(response):
                assert stored() == before
            assert theirs() == theirs_before

    submit()


def valid(response):
    """Whether the page's form came back without errors (a request that could not be read
    has no form: nothing of it was stored)."""
    form = response.context and response.context.get("form")
    return form is not None and not form.errors


def as_stored(model, pk, fields):
    return model.objects.filter(pk=pk).values(*fields).get()


def rows(*querysets):
    return [list(queryset.order_by("pk").values()) for queryset in querysets]


def test_a_change_report_takes_hostile_values(client, site_tree):
    other_user, other_base = host_with_base("包头市")
    theirs = submitted_change_report(other_user, other_base)
    user, base = host_with_base("呼和浩特市")
    client.force_login(user)
    client.post(reverse("apply_change_start", args=[base.pk]))
    report = ChangeReport.objects.get(base=base)
    report.attachments.create(
        file=ContentFile(PDF, name="纪要.pdf"), original_name="纪要.pdf", size=len(PDF)
    )
    fuzz_form(
        client,
        reverse("apply_change_edit", args=[report.pk]),
        change_report_post_data(),
        "evidence-files",
        [theirs.pk, other_base.pk, FORGED, *theirs.attachments.values_list("pk", flat=True)],
        stored=lambda: as_stored(ChangeReport, report.pk, ChangeReportForm._meta.fields),
        theirs=lambda: rows(
            ChangeReport.objects.filter(pk=theirs.pk),
            ChangeReportAttachment.objects.filter(report=theirs),
        ),
    )


def test_a_rectification_report_takes_hostile_values(client, site_tree):
    other_user, other_base = host_with_base("包头市")
    theirs = open_rectification(other_base)
    their_file = theirs.attachments.create(
        file=ContentFile(PDF, name="他人.pdf"), original_name="他人.pdf", size=len(PDF)
    )
    user, base = host_with_base("呼和浩特市")
    rectification = open_rectification(base)
    rectification.attachments.create(
        file=ContentFile(PDF, name="整改.pdf"), original_name="整改.pdf", size=len(PDF)
    )
    client.force_login(user)
    fuzz_form(
        client,
        reverse("apply_rectification_edit", args=[rectification.pk]),
        {"action": "save", "report": "已完成整改：新增合作项目两项。"},
        "attachments-files",
        [theirs.pk, their_file.pk, other_base.pk, FORGED],
        stored=lambda: as_stored(Rectification, rectification.pk, ["report"]),
        theirs=lambda: rows(
            Rectification.objects.filter(pk=theirs.pk),
            RectificationAttachment.objects.filter(rectification=theirs),
        ),
    )
