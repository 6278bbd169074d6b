"""The eligibility rules of Art. 4–7 and 12, at their boundaries, through the rule functions
and through the pages that apply them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bases.applying.submission import (
    ApplicationError,
    match_registry_host,
    start_application,
    submit_application,
    withdraw_application,
)
from bases.models import ApplicationStatus, BaseStatus, BaseType, ResearchIntegrityRecord
from bases.rules.eligibility import (
    add_years,
    article_4_integrity_veto,
    article_5_innovation_park_applicant,
    article_6_registered_one_year,
    article_12_revocation_bar,
    one_open_application_per_type,
    refusals_to_start,
    type_not_already_held,
)
from tests.factories import (
    ApplicationCallFactory,
    HostOrganisationFactory,
    IntegrityRecordFactory,
    complete_application,
    make_applicant,
    make_application,
    make_base,
    make_government,
)

TODAY = datetime.date(2026, 11, 28)
TTC = BaseType.TECHNOLOGY_TRANSFER_CENTER


def revoke(base, on):
    base.change_status(BaseStatus.REVOKED, on=on, reason="连续两年未提交年度工作总结")


# Art. 4: the integrity veto


@pytest.mark.django_db
def test_integrity_veto_refuses_a_host_with_a_serious_record():
    host = HostOrganisationFactory()
    IntegrityRecordFactory(host=host)
    refusal = article_4_integrity_veto(host, TODAY)
    assert refusal is not None
    assert "一票否决" in refusal.message and "论文数据造假" in refusal.message


@pytest.mark.django_db
def test_integrity_veto_covers_the_head_of_the_host():
    host = HostOrganisationFactory()
    IntegrityRecordFactory(host=host, subject="head")
    assert "申报单位负责人" in article_4_integrity_veto(host, TODAY).message


@pytest.mark.django_db
def test_integrity_veto_ends_when_the_record_is_lifted():
    host = HostOrganisationFactory()
    IntegrityRecordFactory(host=host, lifted_on=TODAY)
    assert article_4_integrity_veto(host, TODAY) is None
    assert article_4_integrity_veto(host, TODAY - datetime.timedelta(days=1)) is not None


@pytest.mark.django_db
def test_a_minor_record_does_not_veto():
    host = HostOrganisationFactory()
    IntegrityRecordFactory(
        host=host, severity=ResearchIntegrityRecord.Severity.MINOR, description="逾期提交报告"
    )
    assert article_4_integrity_veto(host, TODAY) is None


@pytest.mark.django_db
def test_the_start_page_shows_the_integrity_veto_and_creates_nothing(client, site_tree):
    user = make_applicant()
    IntegrityRecordFactory(host=user.applicant_account.host)
    call = ApplicationCallFactory()
    client.force_login(user)
    response = client.post(
        reverse("apply_start", args=[call.pk]), {"base_type": BaseType.DEMONSTRATION_BASE}
    )
    assert response.status_code == 200
    assert "一票否决" in response.content.decode()
    assert not user.applications.exists()


# Art. 6: a technology transfer center registered for at least one year


def test_one_year_to_the_day_is_enough():
    assert article_6_registered_one_year(TTC, datetime.date(2025, 11, 28), TODAY) is None


def test_one_day_short_of_a_year_is_refused_with_the_date_it_becomes_possible():
    refusal = article_6_registered_one_year(TTC, datetime.date(2025, 11, 29), TODAY)
    assert refusal is not None
    assert "2026年11月29日起方可申报" in refusal.message


def test_the_one_year_rule_applies_only_to_technology_transfer_centers():
    registered = datetime.date(2026, 6, 1)
    assert article_6_registered_one_year(BaseType.DEMONSTRATION_BASE, registered, TODAY) is None


def test_a_leap_day_registration_counts_from_the_end_of_february():
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)


@pytest.mark.django_db
def test_the_one_year_rule_is_checked_again_on_the_submission_date(site_tree):
    # Registered 364 days before submission: the draft can be started only if the rule
    # is judged at start too, so start it when the host is old enough and move the date.
    user = make_applicant(registration_date=TODAY - datetime.timedelta(days=400))
    application = make_application(user, base_type=TTC)
    complete_application(application)
    host = user.applicant_account.host
    host.registration_date = timezone.localdate() - datetime.timedelta(days=364)
    host.save()
    application, problems = submit_application(application, user)
    assert application.status == ApplicationStatus.DRAFT
    assert [refusal.rule for refusal in problems.refusals] == ["article_6_registered_one_year"]


# Art. 12: three years after a revocation


@pytest.mark.django_db
def test_three_years_to_the_day_after_revocation_a_host_may_apply_again():
    base = make_base()
    revoke(base, datetime.date(2023, 11, 28))
    assert article_12_revocation_bar(base.host, TODAY) is None


@pytest.mark.django_db
def test_within_three_years_of_revocation_the_message_gives_the_date_to_wait_for():
    base = make_base()
    revoke(base, datetime.date(2023, 11, 29))
    refusal = article_12_revocation_bar(base.host, TODAY)
    assert refusal is not None
    assert base.name in refusal.message
    assert "2026年11月29日起方可重新申报" in refusal.message


@pytest.mark.django_db
def test_the_revocation_bar_is_shown_on_the_start_page(client, site_tree):
    base = make_base()
    revoke(base, timezone.localdate() - datetime.timedelta(days=2 * 365))
    user = make_applicant(host=base.host)
    call = ApplicationCallFactory()
    client.force_login(user)
    response = client.post(
        reverse("apply_start", args=[call.pk]), {"base_type": BaseType.DEMONSTRATION_BASE}
    )
    assert "三年内不得再次提出认定申请" in response.content.decode()
    assert not user.applications.exists()


# One open application per type; no type already held


@pytest.mark.django_db
def test_a_second_open_application_for_the_same_type_is_refused(site_tree):
    user = make_applicant()
    make_application(user)
    with pytest.raises(ApplicationError, match="不能重复申报同一类型"):
        make_application(user)


@pytest.mark.django_db
def test_another_type_or_a_withdrawn_application_does_not_count(site_tree):
    user = make_applicant(registration_date=datetime.date(2010, 1, 1))
    first = make_application(user)
    make_application(user, base_type=TTC)
    withdraw_application(first, user)
    host = user.applicant_account.host
    assert one_open_application_per_type(BaseType.DEMONSTRATION_BASE, host=host) is None


@pytest.mark.django_db
def test_a_type_the_host_already_holds_is_refused_but_a_revoked_one_is_not():
    base = make_base(base_type=BaseType.DEMONSTRATION_BASE)
    assert "不能重复申报同一类型" in type_not_already_held(base.host, base.base_type).message
    revoke(base, TODAY)
    assert type_not_already_held(base.host, base.base_type) is None


# Art. 5: innovation parks only by league/city governments


@pytest.mark.django_db
def test_a_host_account_may_not_apply_for_an_innovation_park():
    account = make_applicant().applicant_account
    refusal = article_5_innovation_park_applicant(account, BaseType.INNOVATION_PARK)
    assert "盟市人民政府" in refusal.message


@pytest.mark.django_db
def test_a_government_account_applies_for_innovation_parks_only():
    account = make_government().applicant_account
    assert article_5_innovation_park_applicant(account, BaseType.INNOVATION_PARK) is None
    assert article_5_innovation_park_applicant(account, BaseType.DEMONSTRATION_BASE) is not None


@pytest.mark.django_db
def test_a_government_starts_a_park_application_in_its_league_city(site_tree):
    user = make_government("包头市")
    application = make_application(user, base_type=BaseType.INNOVATION_PARK)
    assert application.league_city.name == "包头市"
    assert application.recommending_department.name == "包头市科学技术局"
    assert refusals_to_start(user.applicant_account, BaseType.INNOVATION_PARK, TODAY) == []


@pytest.mark.django_db
def test_a_park_whose_registry_entry_is_vetoed_is_refused_on_submission(site_tree):
    park = HostOrganisationFactory(league="包头市", kind="science_park")
    IntegrityRecordFactory(host=park)
    user = make_government("包头市")
    application = make_application(user, base_type=BaseType.INNOVATION_PARK)
    complete_application(application)
    application.credit_code = park.credit_code
    match_registry_host(application)
    application.save()
    application, problems = submit_application(application, user)
    assert application.status == ApplicationStatus.DRAFT
    assert "article_4_integrity_veto" in [refusal.rule for refusal in problems.refusals]


@pytest.mark.django_db
def test_an_unconfirmed_account_may_draft_but_not_submit(site_tree):
    user = make_applicant(confirmed=False)
    application = make_application(user)
    complete_application(application)
    application, problems = submit_application(application, user)
    assert application.status == ApplicationStatus.DRAFT
    assert [refusal.rule for refusal in problems.refusals] == ["account_confirmed"]


def test_start_application_refuses_a_closed_call(db):
    call = ApplicationCallFactory(opens_in_days=-30, closes_in_days=-1)
    account = make_applicant().applicant_account
    with pytest.raises(ApplicationError, match="不在申报期内"):
        start_application(account, call, BaseType.DEMONSTRATION_BASE)
