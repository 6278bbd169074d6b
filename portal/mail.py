"""Every mail the portal sends leaves through ``send``, with one failure policy.

A mail server that is down must neither undo nor half-do what the user did: the failure is
logged for the administrators and ``send`` returns False, so that the caller can tell the user
what to retry. Review notices are sent after the step has committed (see bases.review)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "【国合基地门户】"
SIGNATURE = "内蒙古自治区科学技术厅 国合基地门户"


def send(subject, body, to, *, reply_to=()):
    """Send one plain-text mail from the portal; return whether the mail server took it."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return False
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=list(reply_to),
    )
    try:
        message.send()
    except Exception:  # SMTP errors, refused connections, timeouts, a misconfigured backend
        logger.exception("邮件发送失败：%s → %s", subject, ", ".join(recipients))
        return False
    return True


def send_templated(template, to, context, **kwargs):
    """Send the mail whose subject and body are the templates `<template>_subject.txt` and
    `<template>.txt`."""
    subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
    return send(subject, render_to_string(f"{template}.txt", context), to, **kwargs)
