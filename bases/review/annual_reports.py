"""The annual report's review beyond its steps (Art. 13): filing when the workflow completes,
and the mail at every step, to the people of the next step and to the host's accounts."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from bases.models import AnnualReport, AnnualReportEvent, ReportStatus
from bases.models.review_steps import announce_transition
from bases.review.notifications import host_addresses
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

HOST_SUBJECTS = {
    AnnualReportEvent.Kind.STEP_STARTED: "进入“{step}”环节",
    AnnualReportEvent.Kind.RETURNED: "被退回修改",
    AnnualReportEvent.Kind.FILED: "已备案",
}


@transaction.atomic
def file_report(report, user=None):
    """Wagtail publishes a report when its last step passes: that is the filing (备案).
    Once filed it is read-only, and a summary's figures count in the statistics."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ReportStatus.FILED:
        return report
    report.move_to(ReportStatus.FILED, filed_at=timezone.now())
    report.record(AnnualReportEvent.Kind.FILED, user=user)
    log(instance=report, action="bases.file_report", user=user)
    announce_transition(report, AnnualReportEvent.Kind.FILED, user=user)
    return report


def file_on_publish(sender, instance, revision=None, user=None, **kwargs):
    """Connected to ``wagtail.signals.published`` in ``BasesConfig.ready``."""
    if isinstance(instance, AnnualReport):
        file_report(instance, user=user)


def on_report_transition(sender, subject, event, task=None, user=None, message="", **kwargs):
    if sender is not AnnualReport:
        return
    report = subject
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    step = task.name if task is not None else ""
    if event == AnnualReportEvent.Kind.STEP_STARTED and task is not None:
        recipients = sorted(
            {
                actor.email
                for actor in task.actors(report).exclude(pk=getattr(user, "pk", None))
                if actor.email
            }
        )
        url = base_url + reverse("wagtailsnippets_bases_annualreport:edit", args=[report.pk])
        body = "\n".join(
            [f"“{report}”已进入“{step}”环节，请及时办理。", "", f"办理地址：{url}", "", SIGNATURE]
        )
        if recipients:
            send(f"{SUBJECT_PREFIX}待办：“{report}”{step}", body, recipients)
    if event in HOST_SUBJECTS:
        what = HOST_SUBJECTS[event].format(step=step)
        lines = [f"{report.base.host.name}：", "", f"贵单位报送的“{report}”{what}。"]
        if message:
            lines += ["", f"意见：{message}"]
        url = base_url + reverse("apply_my_bases")
        lines += ["", f"请登录「我的基地」查看：{url}", "", SIGNATURE]
        send(f"{SUBJECT_PREFIX}“{report}”{what}", "\n".join(lines), host_addresses(report.base))
