"""Email, in Chinese, at every step of an application's review, sent once the step has
committed: to the people who act on the next step, and to the applicant. The applicant's mail
carries the comment addressed to them and never the reviewers' internal notes, which are not
even passed to this module."""

import logging

from django.conf import settings
from django.urls import reverse

from bases.models import Application, ApplicationEvent, ExpertAssignment
from bases.review.roles import REVIEW, holders_of
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

logger = logging.getLogger(__name__)

APPLICANT_SUBJECTS = {
    ApplicationEvent.Kind.STEP_STARTED: "申报进入“{step}”环节",
    ApplicationEvent.Kind.STEP_PASSED: "申报已通过“{step}”环节",
    ApplicationEvent.Kind.RETURNED: "申报被退回修改",
    ApplicationEvent.Kind.REFUSED: "申报不予认定",
    ApplicationEvent.Kind.ACCREDITED: "申报已获认定",
}


def host_addresses(base):
    """The addresses of the active accounts of ``base``'s host, to which the department
    writes about its base (prefetch ``host__applicant_accounts__user`` for many bases)."""
    return sorted(
        {
            account.user.email
            for account in base.host.applicant_accounts.all()
            if account.user.is_active and account.user.email
        }
    )


def _base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def notify_reviewers(users, application, subject, lines):
    recipients = sorted({user.email for user in users if user.email})
    if not recipients:
        return
    url = _base_url() + reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    body = "\n".join([*lines, "", f"办理地址：{url}", "", SIGNATURE])
    send(SUBJECT_PREFIX + subject, body, recipients)


def notify_applicant(application, subject, message=""):
    email = application.applicant.email
    if not email:
        return
    url = _base_url() + reverse("apply_detail", args=[application.pk])
    lines = [
        f"{application.applicant.applicant_account.organisation_name}：",
        "",
        f"贵单位的申报“{application}”（申报编号 {application.reference}）{subject}。",
    ]
    if message:
        lines += ["", f"意见：{message}"]
    lines += ["", f"请登录查看办理进程：{url}", "", SIGNATURE]
    send(SUBJECT_PREFIX + subject, "\n".join(lines), [email])


def on_application_transition(sender, subject, event, task=None, user=None, message="", **kwargs):
    """Mail the people of the next step and the applicant (sent after the step's commit)."""
    if sender is not Application:
        return
    application = subject
    step = task.name if task is not None else ""
    if event == "expert_scored":
        pending = ExpertAssignment.objects.filter(application=application, score__isnull=True)
        if not pending.exists():
            notify_reviewers(
                holders_of(REVIEW),
                application,
                f"“{application}”专家评审已全部完成",
                [f"申报“{application}”的指派专家均已提交评审意见，请汇总并办结专家评审环节。"],
            )
        return
    if event == ApplicationEvent.Kind.STEP_STARTED and task is not None:
        notify_reviewers(
            task.actors(application).exclude(pk=getattr(user, "pk", None)),
            application,
            f"待办：“{application}”{step}",
            [
                f"申报“{application}”（{application.get_base_type_display()}，"
                f"申报编号 {application.reference}）已进入“{step}”环节，请及时办理。"
            ],
        )
    subject = APPLICANT_SUBJECTS.get(event)
    if subject:
        notify_applicant(application, subject.format(step=step), message)


def experts_assigned(application, experts):
    notify_reviewers(
        experts,
        application,
        f"评审邀请：“{application}”",
        [
            f"您被指派评审申报“{application}”（{application.get_base_type_display()}）。",
            "请登录管理后台查看申报材料，并在评审环节中提交评分和评审意见。",
        ],
    )
