"""Oversight of accredited bases (Art. 9, 12, 14), through the admin's forms as department staff
use them: a revocation proposed, an assessment round opened and graded."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from bases.models import (
    Assessment,
    AssessmentGrade,
    AssessmentRound,
    Rectification,
    Revocation,
    RevocationReason,
)
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


def open_round(client, staff, year=2025, deadline="2026-09-30"):
    """Staff open the assessment round of ``year`` in the admin; returns it, prefilled."""
    client.force_login(staff)
    response = client.post(
        reverse("wagtailsnippets_bases_assessmentround:add"),
        {
            "year": year,
            "rectification_deadline": deadline,
            "notes": "按年度工作总结和实地抽查评定。",
            # The empty list of bases the new round's form shows (filled in once it is saved).
            "assessments-TOTAL_FORMS": 0,
            "assessments-INITIAL_FORMS": 0,
            "assessments-MIN_NUM_FORMS": 0,
            "assessments-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return AssessmentRound.objects.get(year=year)


def round_post_data(assessment_round, grades, submit=False):
    """What the round's edit page posts: ``grades`` maps a base to (score, grade, comments);
    the other assessments are posted as they are."""
    assessments = list(assessment_round.assessments.all())
    data = {
        "year": assessment_round.year,
        "rectification_deadline": assessment_round.rectification_deadline.isoformat(),
        "notes": assessment_round.notes,
        "assessments-TOTAL_FORMS": len(assessments),
        "assessments-INITIAL_FORMS": len(assessments),
        "assessments-MIN_NUM_FORMS": 0,
        "assessments-MAX_NUM_FORMS": 1000,
    }
    for index, assessment in enumerate(assessments):
        score, grade, comments = grades.get(
            assessment.base, (assessment.score, assessment.grade, assessment.comments)
        )
        data.update(
            {
                f"assessments-{index}-id": assessment.pk,
                f"assessments-{index}-score": "" if score is None else score,
                f"assessments-{index}-grade": grade,
                f"assessments-{index}-comments": comments,
            }
        )
    if submit:
        data["action-submit"] = "1"
    return data


def grade_round(client, staff, assessment_round, grades, submit=True):
    """Staff record the results and, with ``submit``, send them to the leadership."""
    client.force_login(staff)
    url = reverse("wagtailsnippets_bases_assessmentround:edit", args=[assessment_round.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, round_post_data(assessment_round, grades, submit))
    assert response.status_code == 302, response.content.decode()[:3000]
    return AssessmentRound.objects.get(pk=assessment_round.pk)


def open_rectification(base, year=2025):
    """A failed assessment of ``base`` in the round of ``year`` and the rectification it
    opened, awaiting the host's report: the rows ``bases.review.assessments`` leaves when the
    leadership confirm the round (without its notice and mail, which the caller does not need;
    tests/bases/test_assessments.py drives the confirmation itself)."""
    assessment_round, _created = AssessmentRound.objects.get_or_create(
        year=year,
        defaults={"rectification_deadline": datetime.date(year + 1, 9, 30), "live": False},
    )
    assessment = Assessment.objects.create(
        round=assessment_round,
        base=base,
        grade=AssessmentGrade.FAILED,
        comments="合作项目未按计划推进。",
    )
    return Rectification.objects.create(
        base=base,
        assessment=assessment,
        deadline=assessment_round.rectification_deadline,
        live=False,
    )
