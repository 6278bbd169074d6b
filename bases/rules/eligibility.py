"""Who may apply for which base type, and when. Each rule is one function named after the
article it implements; the start page, the submit page and the tests all call these.

A rule returns a ``Refusal`` explaining itself in Chinese, or None when the applicant passes.
Rules are checked when an application is started and again when it is submitted.
"""

import calendar
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from bases.models.applicants import ApplicantAccount
from bases.models.applications import Application
from bases.models.bases import Base, BaseStatus, BaseStatusChange, BaseType


@dataclass(frozen=True)
class Refusal:
    rule: str
    article: str
    message: str

    def __str__(self):
        return self.message


def add_years(date, years):
    """The same day ``years`` later; 29 February becomes the last day of February."""
    year = date.year + years
    day = min(date.day, calendar.monthrange(year, date.month)[1])
    return date.replace(year=year, day=day)


def cn_date(date):
    return f"{date.year}年{date.month}月{date.day}日"


def article_4_integrity_veto(host, on):
    """Art. 4: a host, or its head, with a serious research-integrity violation is refused
    outright (一票否决)."""
    if host is None:
        return None
    record = host.serious_integrity_records(on).first()
    if record is None:
        return None
    return Refusal(
        "article_4_integrity_veto",
        _("第四条"),
        _(
            "根据《管理办法》第四条，%(subject)s存在严重违背科研诚信要求的记录"
            "（%(authority)s，%(date)s：%(description)s），实行“一票否决”，不能申报。"
        )
        % {
            "subject": _("申报单位") if record.subject == "organisation" else _("申报单位负责人"),
            "authority": record.authority,
            "date": cn_date(record.listed_on),
            "description": record.description,
        },
    )


def integrity_veto_in_force(application, on=None):
    """Art. 4 during the review: the veto binds until the decision, so a host, or its head,
    put on the blacklist after submission still stops the accreditation."""
    host = application.host if application.host_id else None
    return article_4_integrity_veto(host, on or timezone.localdate())


def article_5_innovation_park_applicant(account, base_type):
    """Art. 5: an innovation park is applied for by the league/city government where the park
    is; league/city governments apply only for innovation parks."""
    is_government = account.kind == ApplicantAccount.Kind.GOVERNMENT
    if base_type == BaseType.INNOVATION_PARK and not is_government:
        return Refusal(
            "article_5_innovation_park_applicant",
            _("第五条"),
            _(
                "根据《管理办法》第五条，国际创新园由园区所在地盟市人民政府向科技厅提出申请，"
                "依托单位账户不能申报。"
            ),
        )
    if base_type != BaseType.INNOVATION_PARK and is_government:
        return Refusal(
            "article_5_innovation_park_applicant",
            _("第五条"),
            _("盟市人民政府账户只能申报国际创新园；其他类型由依托单位经推荐部门申报。"),
        )
    return None


def article_5_park_in_own_league_city(account, application):
    """Art. 5: the government applies for a park in its own league or city."""
    if account.kind != ApplicantAccount.Kind.GOVERNMENT:
        return None
    places = {application.league_city_id}
    if application.host_id:
        places.add(application.host.league_city_id)
    if places == {account.league_city_id}:
        return None
    return Refusal(
        "article_5_park_in_own_league_city",
        _("第五条"),
        _("根据《管理办法》第五条，由园区所在地的盟市人民政府申报；该园区不在%(place)s。")
        % {"place": account.league_city.name},
    )


def article_6_registered_one_year(base_type, registration_date, on):
    """Art. 6: a technology transfer center is an independent legal entity registered for at
    least one year on the date it submits."""
    if base_type != BaseType.TECHNOLOGY_TRANSFER_CENTER or registration_date is None:
        return None
    eligible_from = add_years(registration_date, 1)
    if on >= eligible_from:
        return None
    return Refusal(
        "article_6_registered_one_year",
        _("第六条"),
        _(
            "根据《管理办法》第六条，申报国际技术转移中心的机构须依法注册 1 年以上。"
            "贵单位注册日期为%(registered)s，%(eligible)s起方可申报。"
        )
        % {"registered": cn_date(registration_date), "eligible": cn_date(eligible_from)},
    )


def article_12_revocation_bar(host, on):
    """Art. 12: a host whose base was revoked may not apply again within three years of the
    revocation."""
    if host is None:
        return None
    revocation = (
        BaseStatusChange.objects.filter(
            base__host=host, base__status=BaseStatus.REVOKED, to_status=BaseStatus.REVOKED
        )
        .select_related("base")
        .order_by("-changed_on")
        .first()
    )
    if revocation is None:
        return None
    eligible_from = add_years(revocation.changed_on, 3)
    if on >= eligible_from:
        return None
    return Refusal(
        "article_12_revocation_bar",
        _("第十二条"),
        _(
            "贵单位的“%(base)s”于%(revoked)s被撤销国合基地资格。根据《管理办法》第十二条，"
            "被撤销者三年内不得再次提出认定申请，%(eligible)s起方可重新申报。"
        )
        % {
            "base": revocation.base.name,
            "revoked": cn_date(revocation.changed_on),
            "eligible": cn_date(eligible_from),
        },
    )


def one_open_application_per_type(base_type, host=None, credit_code="", exclude=None):
    """A host has at most one open application per base type, so that reviewers never judge
    two versions of the same request."""
    open_applications = Application.objects.open().filter(base_type=base_type)
    if exclude is not None:
        open_applications = open_applications.exclude(pk=exclude.pk)
    if host is not None:
        open_applications = open_applications.filter(host=host)
    elif credit_code:
        open_applications = open_applications.filter(credit_code=credit_code)
    else:
        return None  # A government's park is known only once its unit information is filled.
    existing = open_applications.first()
    if existing is None:
        return None
    return Refusal(
        "one_open_application_per_type",
        "",
        _("已有一份尚未办结的%(type)s申报（%(status)s），不能重复申报同一类型。")
        % {"type": existing.get_base_type_display(), "status": existing.get_status_display()},
    )


def type_not_already_held(host, base_type):
    """Art. 4 (分类认定): a host that already holds a base of a type does not apply for it again."""
    if host is None:
        return None
    held = Base.objects.current().filter(host=host, base_type=base_type).first()
    if held is None:
        return None
    return Refusal(
        "type_not_already_held",
        _("第四条"),
        _("贵单位已是%(type)s“%(base)s”的依托单位，不能重复申报同一类型。")
        % {"type": held.get_base_type_display(), "base": held.name},
    )


def account_confirmed(account):
    """A self-registered unit submits only after its recommending department or the department
    has confirmed its account; until then it can fill drafts."""
    if account.is_confirmed:
        return None
    return Refusal(
        "account_confirmed",
        "",
        _("贵单位的申报账户尚待推荐部门或科技厅确认，确认后方可提交。可先填写并保存草稿。"),
    )


def refusals_to_start(account, base_type, on):
    """Rules checked when an application is started."""
    host = account.host
    checks = [
        article_5_innovation_park_applicant(account, base_type),
        article_4_integrity_veto(host, on),
        article_12_revocation_bar(host, on),
        type_not_already_held(host, base_type),
        one_open_application_per_type(base_type, host=host),
    ]
    if host is not None:
        checks.append(article_6_registered_one_year(base_type, host.registration_date, on))
    return [refusal for refusal in checks if refusal]


def refusals_to_submit(application, on):
    """Rules checked again when an application is submitted, against what it now says."""
    account = application.applicant.applicant_account
    host = application.host
    checks = [
        account_confirmed(account),
        article_5_innovation_park_applicant(account, application.base_type),
        article_5_park_in_own_league_city(account, application),
        article_4_integrity_veto(host, on),
        article_12_revocation_bar(host, on),
        type_not_already_held(host, application.base_type),
        one_open_application_per_type(
            application.base_type,
            host=host,
            credit_code=application.credit_code,
            exclude=application,
        ),
        article_6_registered_one_year(
            application.base_type,
            host.registration_date
            if host and host.registration_date
            else application.registration_date,
            on,
        ),
    ]
    return [refusal for refusal in checks if refusal]
