"""Oversight of accredited bases (Art. 12, 14): a revocation proposed through the admin's form,
as department staff do it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from bases.models import Revocation, RevocationReason
from tests.factories.applications import PDF


def revocation_data(base, reason=RevocationReason.NO_ANNUAL_SUMMARY, submit=True, **extra):
    data = {
        "base": base.pk,
        "reason": reason,
        "facts": "经核查，该基地2024、2025年度均未提交年度工作总结。",
        "decision_number": "内科发〔2026〕30号",
        "evidence": SimpleUploadedFile("核查记录.pdf", PDF, content_type="application/pdf"),
        "decision_document": SimpleUploadedFile(
            "撤销决定.pdf", PDF, content_type="application/pdf"
        ),
        **extra,
    }
    if submit:
        data["action-submit"] = "1"
    return data


def propose_revocation(client, staff, base, query="", **data):
    """Staff fill in and submit the revocation form (``query``: the add address's query string,
    e.g. ``?flag=3``); returns the new revocation."""
    client.force_login(staff)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_bases_revocation:add") + query, revocation_data(base, **data)
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Revocation.objects.latest("pk")
