"""The step of a revocation (Art. 12, 14), on the review engine: the leadership confirms the
revocation that department staff proposed, returns it to staff for changes, or decides not to
revoke. Confirming publishes the revocation, which is the revocation itself
(``bases.review.revocations``)."""

from django.utils.translation import gettext_lazy as _

from bases.models.review_steps import ReviewStep
from bases.models.revocations import Revocation, RevocationStatus

CONFIRM = "bases.confirm_revocation"


class RevocationConfirmationTask(ReviewStep):
    subject_model = Revocation
    permission = CONFIRM
    approve_label = _("确认撤销")
    refuse_label = _("不予撤销")
    owner = _("提出人")
    waiting_status = RevocationStatus.AWAITING_CONFIRMATION

    class Meta:
        verbose_name = _("领导小组确认撤销")
        verbose_name_plural = _("领导小组确认撤销")

    @classmethod
    def get_description(cls):
        return _("科技厅领导小组确认撤销国合基地资格（第十二条、第十四条）")

    def approval_blocker(self, revocation, task_state):
        if not revocation.base.status or revocation.base.is_revoked:
            return _("该基地已被撤销。")
        missing = [
            str(Revocation._meta.get_field(name).verbose_name)
            for name in ("evidence", "decision_document", "decision_number")
            if not getattr(revocation, name)
        ]
        if missing:
            return _("缺少%(what)s。") % {"what": "、".join(missing)}
        return None
