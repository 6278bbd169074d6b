"""The rows that the data migrations create: the role groups, the news and review workflows
and the reference tables. Transactional tests (the browser and row-lock tests) flush them away
with everything else, so the builders that need them put them back."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import WorkflowContentType

from alliance.permissions import SECRETARIAT, create_secretariat_role
from bases.models import LeagueCity
from bases.review.roles import (
    DEPARTMENT_STAFF,
    LEADERSHIP,
    create_annual_report_roles,
    create_application_roles,
    create_assessment_expert_roles,
    create_assessment_roles,
    create_change_report_roles,
    create_compliance_roles,
    create_review_roles,
    create_revocation_roles,
    create_reward_roles,
    grant_revocation_reversal,
    grant_step_permissions,
    require_two_factor,
)
from bases.review.workflows import (
    create_annual_report_workflow,
    create_assessment_workflows,
    create_change_report_workflow,
    create_review_workflows,
    create_revocation_workflow,
)
from news.editorial import NEWS_REVIEWERS, create_news_roles
from portal.interaction.roles import create_interaction_roles

# A migration's module name starts with a digit: no import statement can name it.
reference_data = importlib.import_module("bases.migrations.0002_reference_data")
country_names = importlib.import_module("bases.migrations.0009_names_in_pinyin_order")
english_names = importlib.import_module("bases.migrations.0026_english_names")
two_factor_permission = importlib.import_module("portal.migrations.0004_two_factor_permission")
english_locale = importlib.import_module("portal.migrations.0006_english_locale")
news_translate = importlib.import_module("news.migrations.0004_translate_permission")
alliance_translate = importlib.import_module("alliance.migrations.0003_translate_permission")


def ensure_migrated_data():
    """Recreate whatever the data migrations made that is gone (idempotent)."""
    if not Group.objects.filter(name=NEWS_REVIEWERS).exists():
        create_news_roles(apps)
        news_translate.grant(apps, None)
    if not Group.objects.filter(name=SECRETARIAT).exists():
        create_secretariat_role(apps)
        alliance_translate.grant(apps, None)
    english_locale.add_english(apps, None)
    if not Group.objects.filter(name=DEPARTMENT_STAFF).exists():
        create_application_roles(apps)
    if not Group.objects.filter(name=LEADERSHIP).exists():
        create_review_roles(apps)
        grant_step_permissions(apps)
        two_factor_permission.create(apps, None)
        require_two_factor(apps)
        create_annual_report_roles(apps)
        create_revocation_roles(apps)
        create_compliance_roles(apps)
        create_assessment_roles(apps)
        create_assessment_expert_roles(apps)
        grant_revocation_reversal(apps)
        create_reward_roles(apps)
        create_change_report_roles(apps)
    # Leagues, countries and recommending departments (migration bases/0002), with the
    # countries' names corrected (bases/0009) and named in English (bases/0026).
    if not LeagueCity.objects.exists():
        reference_data.load(apps, None)
        country_names.names_in_pinyin_order(apps, None)
        english_names.load(apps, None)
    create_review_workflows(apps)
    create_annual_report_workflow(apps)
    create_revocation_workflow(apps)
    create_assessment_workflows(apps)
    create_change_report_workflow(apps)
    if not WorkflowContentType.objects.filter(content_type__app_label="interaction").exists():
        create_interaction_roles(apps)
