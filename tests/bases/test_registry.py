import datetime

import pytest
from django.core.exceptions import ValidationError

from bases.models import (
    Base,
    BaseStatus,
    BaseStatusChange,
    Country,
    HostOrganisation,
    LeagueCity,
    RecommendingDepartment,
    ResearchIntegrityRecord,
    StatusChangeError,
)
from bases.rules.credit_code import validate_credit_code
from tests.factories import HostOrganisationFactory, credit_code, make_base


class TestCreditCode:
    @pytest.mark.parametrize(
        "code", ["91350100M000100Y43", "911500001144155813", credit_code("150200", 42)]
    )
    def test_valid_codes_pass(self, code):
        validate_credit_code(code)

    def test_lowercase_and_blanks_are_accepted(self):
        validate_credit_code(" 91350100m000100y43 ")

    def test_wrong_check_character_is_refused(self):
        with pytest.raises(ValidationError, match="校验位不正确"):
            validate_credit_code("91350100M000100Y44")

    @pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y433", ""])
    def test_wrong_length_is_refused(self, code):
        with pytest.raises(ValidationError, match="应为 18 位"):
            validate_credit_code(code)

    def test_characters_outside_the_alphabet_are_named(self):
        with pytest.raises(ValidationError) as error:
            validate_credit_code("91350100M00010OI43")
        assert "I、O" in error.value.messages[0]

    def test_division_code_must_be_digits(self):
        with pytest.raises(ValidationError, match="行政区划代码"):
            validate_credit_code("913501A0M000100Y43")


pytestmark = pytest.mark.django_db


def test_reference_data_is_loaded_by_migration():
    assert LeagueCity.objects.count() == 14
    assert set(LeagueCity.objects.values_list("name", flat=True)) >= {
        "呼和浩特市",
        "阿拉善盟",
        "满洲里市",
        "二连浩特市",
    }
    assert Country.objects.get(code="MN").name == "蒙古"
    assert Country.objects.get(code="KR").name == "韩国"
    assert Country.objects.get(code="TW").name == "中国台湾"
    assert not Country.objects.filter(code="CN").exists()
    bureau = RecommendingDepartment.objects.get(name="包头市科学技术局")
    assert bureau.league_city.name == "包头市"


def test_host_credit_code_is_normalised_and_unique():
    host = HostOrganisationFactory(credit_code="91350100m000100y43")
    assert host.credit_code == "91350100M000100Y43"
    duplicate = HostOrganisation(
        name="另一单位",
        credit_code="91350100M000100Y43",
        kind="enterprise",
        league_city=host.league_city,
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "该统一社会信用代码已被其他单位使用。" in error.value.message_dict["credit_code"]


def test_integrity_veto_reads_serious_current_records():
    host = HostOrganisationFactory()
    assert not host.is_vetoed_for_integrity()
    record = ResearchIntegrityRecord.objects.create(
        host=host,
        subject="head",
        severity="minor",
        listed_on=datetime.date(2024, 1, 1),
        authority="科技厅",
        description="一般失信",
    )
    assert not host.is_vetoed_for_integrity()
    record.severity = "serious"
    record.save()
    assert host.is_vetoed_for_integrity(on=datetime.date(2024, 6, 1))
    assert not host.is_vetoed_for_integrity(on=datetime.date(2023, 6, 1))
    record.lifted_on = datetime.date(2025, 1, 1)
    record.save()
    assert not host.is_vetoed_for_integrity(on=datetime.date(2025, 6, 1))


def test_status_changes_are_recorded_with_reason_and_article():
    base = make_base()
    assert base.status == BaseStatus.ACCREDITED
    base.change_status(
        BaseStatus.RECTIFYING,
        on=datetime.date(2024, 3, 1),
        reason="年度考核不合格",
        article="《管理办法》第十二条",
    )
    base.change_status(
        BaseStatus.REVOKED,
        on=datetime.date(2025, 3, 1),
        reason="整改后复评仍不合格",
        article="《管理办法》第十二条第（三）项",
    )
    history = list(base.status_changes.values_list("from_status", "to_status"))
    assert history == [("rectifying", "revoked"), ("accredited", "rectifying"), ("", "accredited")]
    assert base.revocation().article == "《管理办法》第十二条第（三）项"
    assert Base.objects.current().filter(pk=base.pk).count() == 0


def test_revocation_is_final_and_reason_is_required():
    base = make_base()
    with pytest.raises(StatusChangeError, match="原因"):
        base.change_status(BaseStatus.REVOKED, on=datetime.date(2025, 1, 1), reason="")
    base.change_status(BaseStatus.REVOKED, on=datetime.date(2025, 1, 1), reason="依托单位申请")
    with pytest.raises(StatusChangeError, match="不能从“已撤销”变更为“已认定”"):
        base.change_status(BaseStatus.ACCREDITED, on=datetime.date(2025, 2, 1), reason="恢复")
    assert BaseStatusChange.objects.filter(base=base).count() == 2


def test_a_bare_status_write_is_refused():
    base = make_base()
    base = Base.objects.get(pk=base.pk)
    base.status = BaseStatus.REVOKED
    with pytest.raises(StatusChangeError):
        base.save()
    assert Base.objects.get(pk=base.pk).status == BaseStatus.ACCREDITED
