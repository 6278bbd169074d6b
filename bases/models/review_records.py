"""What every review process keeps of its subject besides the subject itself: the private
files its owner uploads and the timeline of its review. Abstract: each process has its own
tables (``ApplicationAttachment`` / ``ApplicationEvent``, ``AnnualReportAttachment`` /
``AnnualReportEvent``), with its foreign key, its file folder and its kinds of event."""

from functools import partial

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivateFileQuerySet(models.QuerySet):
    def current(self):
        """The files that count: replaced ones stay on record."""
        return self.filter(removed_at__isnull=True)


class PrivateFile(models.Model):
    """An uploaded file, stored outside the media root and served only through a view that
    applies the subject's visibility rule. Subclasses add the subject's key and ``file``
    (with their own upload folder)."""

    original_name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    # Replaced files are kept for the record but no longer count.
    removed_at = models.DateTimeField(_("移除时间"), null=True, blank=True)

    objects = PrivateFileQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def remove(self):
        self.removed_at = timezone.now()
        self.save(update_fields=["removed_at"])


class ReviewEvent(models.Model):
    """One step of a subject's timeline. ``message`` is addressed to the subject's owner;
    ``internal_note`` is for reviewers only and never shown or mailed to the owner.
    Subclasses add the subject's key and ``kind`` with their choices."""

    step = models.CharField(_("审核环节"), max_length=100, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    internal_note = models.TextField(_("内部意见"), blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class ReviewedSubject:
    """What the review engine asks of the snippet it reviews (an application, an annual
    report, a revocation): ``move_to`` writes the review's state, ``record`` its history.
    ``REVIEW_STATE_FIELDS`` are the review's, not the owner's: loading or publishing a
    revision (the owner's submission) never turns them back. The model needs ``status``,
    ``updated_at`` and an ``events`` relation to its ``ReviewEvent``."""

    REVIEW_STATE_FIELDS = ["status"]
    # The status a step's return leaves the subject in (``ReviewStep.returned_status``).
    RETURNED_STATUS = "returned"

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.REVIEW_STATE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def review_entry(self):
        """How the owner's submission enters the review: ``(resubmission, enter)``, where
        ``enter(user)`` resumes the returned workflow at the step that returned it, or
        starts the workflow assigned to the model. ``enter`` is None when there is neither
        (no workflow assigned): the caller then refuses the submission (fail closed)."""
        resubmission = self.status == self.RETURNED_STATUS
        state = self.current_workflow_state
        if resubmission and state is not None:
            return resubmission, state.resume
        workflow = self.get_workflow()
        if workflow is None:
            return resubmission, None
        return resubmission, partial(workflow.start, self)

    def move_to(self, status, **fields):
        """Write the review state (``status`` and any of REVIEW_STATE_FIELDS) alone, leaving
        the owner's content as it is in the database."""
        fields["status"] = status
        type(self).objects.filter(pk=self.pk).update(**fields, updated_at=timezone.now())
        for name, value in fields.items():
            setattr(self, name, value)

    def record(self, kind, user=None, message="", internal_note="", step=""):
        return self.events.create(
            kind=kind, actor=user, message=message, internal_note=internal_note, step=step
        )
