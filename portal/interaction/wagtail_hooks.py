from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.admin_ui import DateTimeColumn
from portal.dashboard import ListPanel, Row
from portal.interaction.forms import QuestionAdminForm
from portal.interaction.models import Question


class QuestionViewSet(SnippetViewSet):
    """Staff answer here; the answer goes public through the workflow 「互动交流答复发布」."""

    model = Question
    icon = "help"
    menu_label = _("网友提问")
    list_display = [
        "__str__",
        Column("topic", label=_("问题类别"), accessor="get_topic_display"),
        DateTimeColumn("asked_at", label=_("提问时间")),
        BooleanColumn("is_faq", label=_("常见问题")),
        BooleanColumn(
            "answer_notified_at",
            label=_("已通知提问人"),
            accessor=lambda question: question.answer_notified_at is not None,
        ),
    ]
    list_filter = ["topic", "live", "is_faq"]
    search_fields = ["question", "answer"]
    ordering = ["-asked_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("asker_name"),
                    FieldPanel("contact_email", read_only=True),
                    FieldPanel("topic"),
                    FieldPanel("question"),
                ],
                heading=_("提问"),
            ),
            MultiFieldPanel(
                [FieldPanel("answer"), FieldPanel("cited_articles"), FieldPanel("is_faq")],
                heading=_("答复"),
            ),
        ],
        base_form_class=QuestionAdminForm,
    )


class InteractionGroup(SnippetViewSetGroup):
    menu_label = _("互动交流")
    menu_icon = "help"
    menu_order = 310
    items = (QuestionViewSet,)


register_snippet(InteractionGroup)


def questions_to_answer(request):
    """Questions nobody has answered yet: not published, not in review."""
    in_review = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Question),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).values_list("object_id", flat=True)
    waiting = (
        Question.objects.filter(live=False)
        .exclude(pk__in=[int(pk) for pk in in_review])
        .order_by("asked_at")[:20]
    )
    url_name = Question.snippet_viewset.get_url_name("edit")
    for question in waiting:
        yield Row(
            question.summary,
            reverse(url_name, args=[question.pk]),
            question.get_topic_display(),
            question.asked_at,
        )


@hooks.register("construct_homepage_panels")
def interaction_panels(request, panels):
    """The staff's dashboard: the public's questions still waiting for an answer."""
    if not request.user.has_perm("interaction.add_question"):
        return
    panels.append(
        ListPanel(
            "questions-to-answer",
            "待答复的网友提问",
            questions_to_answer,
            "没有待答复的网友提问。",
            order=65,
        )
    )
