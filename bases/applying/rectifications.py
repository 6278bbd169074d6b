"""The host's rectification report after a failed annual assessment (Art. 12(三)): the rules
its pages apply, in one place so that the pages and the tests share them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bases.applying.annual_reports import ReportError, bases_of
from bases.models import Rectification, RectificationEvent


def rectifications_of(user):
    """The rectifications of the user's own bases; anything else is a 404 on the host's
    pages."""
    return Rectification.objects.filter(base__in=bases_of(user))


def submission_problems(rectification):
    problems = []
    if not rectification.report.strip():
        problems.append(_("请填写整改情况。"))
    if not rectification.attachments.current().exists():
        problems.append(_("请上传整改证明材料。"))
    return problems


@transaction.atomic
def submit_rectification(rectification, user, now=None):
    """Submit (or resubmit) the report for re-evaluation. Returns (rectification, problems);
    it is submitted only if there are none. Fails closed: with no workflow assigned, nothing
    is submitted."""
    rectification = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if not rectification.is_editable:
        raise ReportError(
            _("整改当前状态为“%(status)s”，不能提交。")
            % {"status": rectification.get_status_display()}
        )
    problems = submission_problems(rectification)
    if problems:
        return rectification, problems
    _resubmission, enter_review = rectification.review_entry()
    if enter_review is None:
        raise ReportError(_("整改复评的审核流程尚未启用，暂不能提交，请联系科技厅。"))
    rectification.submitted_at = now or timezone.now()
    rectification.save()
    rectification.save_revision(user=user, log_action=True)
    rectification.record(RectificationEvent.Kind.SUBMITTED, user=user)
    enter_review(user)
    rectification.refresh_from_db()
    return rectification, problems
