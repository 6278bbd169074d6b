"""The demo bases' annual summaries (Art. 13), moved through the review by the reviewers' own
actions, never by writing rows: most bases have filed summaries for the last years; one base
has reported nothing for two years (what the compliance monitor flags, Art. 12(四)); one
summary was returned for revision; one waits at its recommending department. Figures are
made up but plausible; no person is named."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from bases.applying.annual_reports import start_report, submit_report
from bases.demo.applications import applicant
from bases.models import (
    AnnualReport,
    Base,
    ReportAgreement,
    ReportKind,
    ReportProject,
)
from bases.review.roles import RECOMMENDING_DEPARTMENTS

HOST_ACCOUNT = "host-base@example.org"
PARTNERS = ["国立大学", "科学院研究所", "技术大学", "农业研究中心", "创新中心"]
YEARS_BACK = 3


def _act(report, user, action, **data):
    report = AnnualReport.objects.get(pk=report.pk)
    task_state = report.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, **data)


def _bureau(department, password):
    """A member of ``department`` who reviews its bases' reports (the demo's own bureau
    accounts where there is one)."""
    member = department.members.filter(is_active=True).first()
    if member is not None:
        return member
    user, _created = get_user_model().objects.get_or_create(
        username=f"bureau{department.pk}", defaults={"email": f"bureau{department.pk}@example.org"}
    )
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=RECOMMENDING_DEPARTMENTS))
    department.members.add(user)
    return user


def _fill(report, base, rng):
    report.narrative = f"{report.year}年，{base.name}围绕年度计划开展国际科技合作，组织联合研发、人员互访和技术培训。"
    report.self_assessment = "年度计划目标基本完成，国际合作项目按期推进。"
    report.foreign_experts_hosted = rng.randint(2, 18)
    report.staff_sent_abroad = rng.randint(0, 9)
    report.talent_trained = rng.randint(5, 40)
    report.training_events = rng.randint(1, 6)
    report.papers = rng.randint(0, 12)
    report.patents = rng.randint(0, 5)
    report.standards = rng.randint(0, 2)
    report.technologies_in = rng.randint(0, 3)
    report.technologies_out = rng.randint(0, 3)
    report.save()
    countries = list(base.partner_countries.all())
    for number in range(rng.randint(1, 3)):
        country = countries[number % len(countries)] if countries else None
        if country is None:
            break
        ReportProject.objects.create(
            report=report,
            title=f"{base.name[:12]}国际合作项目（{report.year}-{number + 1}）",
            partner=f"{country.name}{rng.choice(PARTNERS)}",
            country=country,
            level=rng.choice(list(ReportProject.Level)),
            funding=rng.choice([20, 35, 50, 80, 120, 200]),
            start=datetime.date(report.year, rng.randint(1, 6), 1),
            status=rng.choice(list(ReportProject.Status)),
        )
    if countries and rng.random() < 0.6:
        ReportAgreement.objects.create(
            report=report,
            partner=f"{countries[0].name}{rng.choice(PARTNERS)}",
            country=countries[0],
            signed_on=datetime.date(report.year, rng.randint(3, 11), 15),
            kind=rng.choice(list(ReportAgreement.Kind)),
        )


def load_demo_annual_reports(password):
    """Once: a second run finds summaries and leaves them be."""
    if AnnualReport.objects.exists():
        return []
    rng = random.Random(13)
    staff = get_user_model().objects.get(username="staff")
    last_year = timezone.localdate().year - 1
    bases = list(
        Base.objects.current().select_related("host", "recommending_department").order_by("pk")
    )
    # The base that reports nothing for two years: one accredited long enough ago.
    silent = next(base for base in bases if base.accreditation_date.year <= last_year - 2)
    returned, waiting = [
        base for base in bases if base is not silent and base.accreditation_date.year <= last_year
    ][:2]
    for base in bases:
        user = applicant(
            HOST_ACCOUNT if base is returned else f"base{base.pk}@example.org",
            password,
            host=base.host,
        )
        bureau = _bureau(base.recommending_department, password)
        first = max(base.accreditation_date.year, last_year - YEARS_BACK + 1)
        for year in range(first, last_year + 1):
            if base is silent and year >= last_year - 1:
                continue
            report = start_report(user, base, year, ReportKind.SUMMARY)
            _fill(report, base, rng)
            submit_report(report, user)
            latest = year == last_year
            if latest and base is waiting:
                continue
            if latest and base is returned:
                _act(
                    report,
                    bureau,
                    "reject",
                    comment="请补充国际合作项目的经费来源和外方投入情况。",
                    internal_note="经费数字与上年差别较大，需核实。",
                )
                continue
            _act(report, bureau, "approve", comment="经审核，同意报送。")
            _act(report, staff, "approve")
    return [(HOST_ACCOUNT, f"依托单位：{returned.name}（「我的基地」，年度总结被退回）")]
