"""The demo's rewards and national recommendations (Art. 16–18): two post-subsidy awards to
bases whose annual summaries were filed, a recommendation for a national-level base (Art. 17)
and one of a base's projects for the national key programme (Art. 18). Staff record them
through Wagtail's create action, as the admin's add view does (validated, audit-logged)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.actions import action_registry

from bases.models import (
    AnnualReport,
    Base,
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
    RecommendationOutcome,
    ReportKind,
)


def _record(instance, staff):
    instance.recorded_by = staff
    instance.full_clean()
    action_registry.get_action_class(type(instance), "create")(instance, user=staff).execute()
    return instance


def load_demo_rewards():
    """Once: a second run finds the records and leaves them be."""
    if PostSubsidyAward.objects.exists() or NationalRecommendation.objects.exists():
        return
    staff = get_user_model().objects.get(username="staff")
    last_year = timezone.localdate().year - 1
    evaluated = last_year - 1  # awards follow the evaluation of the year before
    # Art. 16: excellent bases, on their evaluation — those whose summary of that year was filed.
    filed = AnnualReport.objects.filed().filter(kind=ReportKind.SUMMARY, year=evaluated)
    bases = list(Base.objects.current().filter(pk__in=filed.values("base")).order_by("pk")[:2])
    if len(bases) < 2:
        return
    first, second = bases
    for serial, (base, amount) in enumerate(
        [(first, Decimal("80.00")), (second, Decimal("50.00"))], start=11
    ):
        _record(
            PostSubsidyAward(
                base=base,
                year=evaluated,
                amount=amount,
                decision_number=f"内科发〔{last_year}〕{serial}号",
                decided_on=datetime.date(last_year, 4, 20),
                note=f"依据{evaluated}年度运行评估结果（演示）。",
            ),
            staff,
        )
    _record(
        NationalRecommendation(
            base=first,
            kind=RecommendationKind.NATIONAL_BASE,
            year=last_year,
            recommended_on=datetime.date(last_year, 9, 10),
            outcome=RecommendationOutcome.PENDING,
        ),
        staff,
    )
    _record(
        NationalRecommendation(
            base=second,
            kind=RecommendationKind.NATIONAL_PROJECT,
            year=last_year,
            project_title="寒旱区特色作物种质资源国际联合研发与示范",
            programme="科技部政府间国际科技创新合作重点专项",
            recommended_on=datetime.date(last_year, 5, 20),
            outcome=RecommendationOutcome.APPROVED,
        ),
        staff,
    )
