"""Accreditation: what happens, once and atomically, when an application's review workflow
completes and the application goes live (Art. 5–7, 批复 / 认定并授牌).

The base enters the registry with a plaque number, its public profile is built from the
application, and the accreditation is announced.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from wagtail.log_actions import log

from bases.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Base,
    BaseAchievement,
    BaseContact,
    BaseStatus,
    Decision,
    HostOrganisation,
    PartnerInstitution,
    PlaqueSequence,
)
from bases.models.review_steps import announce_transition
from bases.review.announcements import AnnouncementEvent, announce
from bases.rules.eligibility import integrity_veto_in_force

PLAQUE_FORMAT = "内蒙古国合基地〔{year}〕第{number:03d}号"


def _highest_number_in_use(year):
    """Plaque numbers of the year already in the registry, e.g. entered by hand before the
    portal issued them."""
    prefix = PLAQUE_FORMAT.split("第")[0].format(year=year)
    pattern = re.compile(re.escape(prefix) + r"第(\d+)号")
    numbers = [
        int(match.group(1))
        for plaque in Base.objects.filter(plaque_number__startswith=prefix).values_list(
            "plaque_number", flat=True
        )
        if (match := pattern.fullmatch(plaque))
    ]
    return max(numbers, default=0)


@transaction.atomic
def issue_plaque_number(year):
    """The next plaque number of ``year``: sequential and unique, also when two decisions are
    taken at the same moment (the year's row is locked until the transaction ends)."""
    PlaqueSequence.objects.bulk_create(
        [PlaqueSequence(year=year, last_number=_highest_number_in_use(year))],
        ignore_conflicts=True,
    )
    sequence = PlaqueSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    while Base.objects.filter(
        plaque_number=PLAQUE_FORMAT.format(year=year, number=sequence.last_number)
    ).exists():
        sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return PLAQUE_FORMAT.format(year=year, number=sequence.last_number)


def _host_for(application):
    """The registry's host for the application, registering a park that is not yet in it."""
    if application.host_id:
        return application.host
    host = HostOrganisation.objects.filter(credit_code=application.credit_code).first()
    if host is None:
        host = HostOrganisation.objects.create(
            name=application.unit_name,
            credit_code=application.credit_code,
            kind=application.unit_kind,
            registration_date=application.registration_date,
            league_city=application.league_city,
            address=application.address,
            recommending_department=application.recommending_department,
        )
    return host


@transaction.atomic
def accredit(application, user=None, on=None):
    """Create the accredited base for ``application``. Calling it again returns the same base:
    ``Base.application`` is unique and the application row is locked while this runs."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    existing = Base.objects.filter(application=application).first()
    if existing is not None:
        return existing
    on = on or timezone.localdate()
    # Art. 4: the steps refuse to pass while a veto is in force; this is the last guard.
    veto = integrity_veto_in_force(application, on)
    if veto is not None:
        raise PermissionDenied(veto.message)
    host = _host_for(application)
    decision = Decision.objects.filter(application=application).order_by("-recorded_at").first()
    base = Base(
        name=application.base_name,
        base_type=application.base_type,
        host=host,
        recommending_department=application.recommending_department or host.recommending_department,
        accreditation_date=on,
        head=application.base_head,
        decision_number=decision.decision_number if decision else "",
        plaque_number=issue_plaque_number(on.year),
        summary="\n\n".join(part for part in (application.goals, application.plan_summary) if part),
        application=application,
    )
    base.change_status(BaseStatus.ACCREDITED, on=on, reason="经审核认定并授牌", user=user)
    base.fields.set(application.fields.all())
    base.partner_countries.set(application.partner_countries.all())
    for order, partner in enumerate(application.partners.all()):
        PartnerInstitution.objects.create(base=base, sort_order=order, **partner.copy_fields())
    for order, project in enumerate(application.projects.all()):
        BaseAchievement.objects.create(
            base=base,
            sort_order=order,
            year=project.end_year or project.start_year or on.year,
            title=project.name,
            description=f"{project.get_level_display()}国际科技合作项目"
            + (f"（{project.programme}）" if project.programme else ""),
        )
    BaseContact.objects.create(
        base=base,
        sort_order=0,
        office="国际合作办公室",
        phone=application.contact_phone,
        email=application.contact_email,
        address=application.address,
    )
    base.save()  # Index the base with its fields, countries and partners.

    application.move_to(ApplicationStatus.ACCREDITED, host=host)
    application.record(ApplicationEvent.Kind.ACCREDITED, user=user, message=base.plaque_number)

    announce(base, AnnouncementEvent.ACCREDITATION, on=on, user=user)
    log(
        instance=application,
        action="bases.accredit",
        user=user,
        data={"base": base.pk, "plaque_number": base.plaque_number},
    )
    announce_transition(
        application,
        ApplicationEvent.Kind.ACCREDITED,
        user=user,
        message=f"牌匾编号：{base.plaque_number}",
    )
    return base


def accredit_on_publish(sender, instance, revision=None, user=None, **kwargs):
    """Wagtail publishes an application when its last review step passes: that is the
    accreditation (connected to ``wagtail.signals.published`` in ``BasesConfig.ready``)."""
    if isinstance(instance, Application):
        accredit(instance, user=user)


def render_certificate(request, application):
    """The certificate of accreditation (认定证书), for the applicant and the admin alike;
    callers decide who may see ``application``."""
    base = getattr(application, "base", None)
    if base is None:
        raise Http404("尚未认定")
    return render(request, "bases/certificate.html", {"base": base, "application": application})


# What the review's own steps do not cover: a workflow cancelled from outside them (an
# administrator's 取消工作流). The steps write the application's decided state before they
# cancel (不予认定, 撤回); any other cancellation leaves an application that no step holds, so
# it goes back to its applicant, who may resubmit it into a new review.
IN_REVIEW = set(ApplicationStatus) - {
    ApplicationStatus.DRAFT,
    ApplicationStatus.RETURNED,
    ApplicationStatus.ACCREDITED,
    ApplicationStatus.REFUSED,
    ApplicationStatus.WITHDRAWN,
}


def return_when_workflow_cancelled(sender, instance, user=None, **kwargs):
    if instance.base_content_type_id != ContentType.objects.get_for_model(Application).pk:
        return
    application = Application.objects.filter(pk=instance.object_id).first()
    if application is None or application.status not in IN_REVIEW:
        return
    application.move_to(ApplicationStatus.RETURNED)
    application.record(
        ApplicationEvent.Kind.RETURNED,
        user=user,
        message="审核流程已由管理员取消，请核对申报内容后重新提交。",
    )
    announce_transition(
        application, ApplicationEvent.Kind.RETURNED, user=user, message="审核流程已取消"
    )
