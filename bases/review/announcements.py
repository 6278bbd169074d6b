"""Official announcements (通知公告) that the Measures require, drafted from code.

Later steps call :func:`announce` rather than building pages by hand: the publicity of an
accreditation decision, the accreditation itself, a notice of a failed annual assessment
(Art. 12), a commendation (Art. 12, 16) and a revocation (Art. 12, 14).
"""

import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from bases.models.bases import Base
from news.models import NewsCategory, NewsIndexPage, NewsPage

MEASURES = "《内蒙古自治区国际科技合作基地管理办法（试行）》"
TITLE = "“内蒙古自治区国际科技合作基地”"


class AnnouncementEvent(models.TextChoices):
    ACCREDITATION_PUBLICITY = "accreditation_publicity", _("认定公示")
    ACCREDITATION = "accreditation", _("认定公告")
    FAILED_ASSESSMENT = "failed_assessment", _("考核不合格通报")
    COMMENDATION = "commendation", _("表彰")
    REVOCATION = "revocation", _("撤销公告")
    REVOCATION_REVERSAL = "revocation_reversal", _("撤回撤销决定公告")


def _type_label(subject):
    return str(subject.get_base_type_display())


def _text(subject, event, details):
    """(title, paragraphs) of the announcement; ``details`` adds what only the caller knows."""
    name = subject.name
    host = getattr(subject, "host_display", None) or subject.host.name
    if event == AnnouncementEvent.ACCREDITATION_PUBLICITY:
        return (
            f"关于拟认定{name}为{_type_label(subject)}的公示",
            [
                f"根据{MEASURES}，经专家评审、实地考察（考核）和科技厅审定，拟认定{name}"
                f"（依托单位：{host}）为{_type_label(subject)}。",
                f"现予公示，公示期为{details or '5个工作日'}。对公示内容有异议的，请在公示期内"
                "以书面形式向科技厅反映，并提供联系方式和必要的证明材料。",
            ],
        )
    if event == AnnouncementEvent.ACCREDITATION:
        return (
            f"关于认定{name}为{_type_label(subject)}的公告",
            [
                f"根据{MEASURES}，经公示无异议，认定{name}（依托单位：{host}）为"
                f"{_type_label(subject)}，授予{TITLE}牌匾。"
                + (
                    f"牌匾编号：{subject.plaque_number}。"
                    if getattr(subject, "plaque_number", "")
                    else ""
                ),
                details,
            ],
        )
    if event == AnnouncementEvent.FAILED_ASSESSMENT:
        return (
            f"关于{name}年度考核不合格的通报",
            [
                f"根据{MEASURES}第十二条，{name}（依托单位：{host}）年度考核不合格，现予通报。",
                details or "请依托单位认真整改，整改后由科技厅组织复评。",
            ],
        )
    if event == AnnouncementEvent.COMMENDATION:
        return (
            f"关于表彰{name}的通报",
            [
                f"根据{MEASURES}第十二条，{name}（依托单位：{host}）合作成效显著、示范作用突出，"
                "予以表彰。",
                details,
            ],
        )
    if event == AnnouncementEvent.REVOCATION:
        revocation = subject.revocation() if hasattr(subject, "revocation") else None
        article = revocation.article if revocation and revocation.article else f"{MEASURES}第十二条"
        reason = revocation.reason if revocation else ""
        # ``details`` replaces the opening where the reason has its own wording (a host's
        # request, a host dissolved: bases.review.revocations).
        return (
            f"关于撤销{name}{TITLE}资格的公告",
            [
                details
                or f"根据{article}的规定，经研究决定，撤销{name}（依托单位：{host}）的{TITLE}资格，"
                "收回所授牌匾。",
                f"撤销原因：{reason}" if reason else "",
                "被撤销国合基地资格者，三年内不得再次提出认定申请。",
                "特此公告。",
            ],
        )
    if event == AnnouncementEvent.REVOCATION_REVERSAL:
        # ``details``: the decision, as bases.review.revocations.reverse_revocation words it.
        return (
            f"关于撤回撤销{name}{TITLE}资格决定的公告",
            [
                details,
                f"自即日起恢复{name}（依托单位：{host}）的{TITLE}资格，原撤销公告同时作废。",
                "特此公告。",
            ],
        )
    raise ValueError(f"未知的公告类型：{event}")


@transaction.atomic
def announce(subject, event, *, on=None, details="", publish=True, user=None):
    """Draft or publish the 通知公告 for ``subject`` (a base, or an application before there is
    one) and ``event``. Calling it again for the same subject, event and date returns the
    announcement already made instead of a second one."""
    event = AnnouncementEvent(event)
    on = on or datetime.date.today()
    key = f"{event.value}:{subject._meta.label_lower}:{subject.pk}:{on.isoformat()}"
    existing = NewsPage.objects.filter(announcement_key=key).first()
    if existing:
        return existing
    index = NewsIndexPage.objects.first()
    if index is None:
        raise ImproperlyConfigured("网站还没有新闻栏目，无法发布公告。")

    title, paragraphs = _text(subject, event, details)
    page = NewsPage(
        title=title,
        slug=f"{event.value.replace('_', '-')}-{subject._meta.model_name}-{subject.pk}-{on:%Y%m%d}",
        date=on,
        category=NewsCategory.NOTICE,
        source="内蒙古自治区科学技术厅",
        summary=paragraphs[0][:300],
        body=[
            {
                "type": "text",
                "value": "".join(f"<p>{escape(text)}</p>" for text in paragraphs if text),
            }
        ],
        announcement_key=key,
        live=False,
    )

    if isinstance(subject, Base):
        page.related_bases = [subject]
    index.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        # The caller was authorised for the step that requires the announcement (a decision,
        # a revocation); publishing it is part of that step, not an editorial act of theirs.
        revision.publish(user=user, skip_permission_checks=True)
        page.refresh_from_db()
    return page
