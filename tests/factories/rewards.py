"""Rewards and national recommendations (Art. 16–18): records as staff enter them, and the
admin form's data for entering one through the add view."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from bases.models import (
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
    RecommendationOutcome,
)


class PostSubsidyAwardFactory(DjangoModelFactory):
    """A public award of 50 万元 for 2025 (pass ``base``)."""

    class Meta:
        model = PostSubsidyAward

    year = 2025
    amount = Decimal("50.00")
    decision_number = factory.Sequence(lambda n: f"内科发〔2026〕{n + 1}号")
    decided_on = datetime.date(2026, 3, 20)
    is_public = True


class NationalRecommendationFactory(DjangoModelFactory):
    """A public recommendation of the base for a national-level base (Art. 17), pending."""

    class Meta:
        model = NationalRecommendation

    kind = RecommendationKind.NATIONAL_BASE
    year = 2025
    recommended_on = datetime.date(2025, 9, 1)
    outcome = RecommendationOutcome.PENDING
    is_public = True

    class Params:
        project = factory.Trait(
            kind=RecommendationKind.NATIONAL_PROJECT,
            project_title=factory.Sequence(lambda n: f"中蒙草原生态联合研究项目{n}"),
            programme="科技部政府间国际科技创新合作重点专项",
        )


def award_data(base, **extra):
    """What staff type into the add form of a post-subsidy award."""
    return {
        "base": base.pk,
        "year": "2025",
        "amount": "80.5",
        "decision_number": "内科发〔2026〕12号",
        "decided_on": "2026-04-15",
        "is_public": "on",
        "note": "依据2025年度运行评估结果。",
        **extra,
    }


def recommendation_data(base, **extra):
    """What staff type into the add form of a recommendation for a national project."""
    return {
        "base": base.pk,
        "kind": RecommendationKind.NATIONAL_PROJECT,
        "year": "2026",
        "project_title": "中俄寒区农作物种质资源联合研究",
        "programme": "科技部政府间国际科技创新合作重点专项",
        "recommended_on": "2026-05-10",
        "outcome": RecommendationOutcome.PENDING,
        "is_public": "on",
        "note": "",
        **extra,
    }
