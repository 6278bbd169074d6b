"""The public side of 互动交流: the form, the asker's private page, and the published answers."""

import django_filters
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log

from portal.filters import ListingFilterSet, parse_id
from portal.interaction.forms import AskForm
from portal.interaction.models import Question, Topic
from portal.interaction.notifications import send_follow_link

PAGE_SIZE = 20
SECTION = ("互动交流", "/interaction/")


class QuestionFilter(ListingFilterSet):
    """The list's query string: ``?topic=``."""

    topic = django_filters.ChoiceFilter(choices=Topic.choices)


def topic_counts():
    """[(value, label, count)] of the published answers, every topic listed, in one query."""
    counts = dict(
        Question.objects.published()
        .order_by()
        .values_list("topic")
        .annotate(count=Count("pk"))
        .values_list("topic", "count")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Topic.choices]


def index(request):
    filters = QuestionFilter(request.GET, queryset=Question.objects.published().by_topic())
    questions = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/index.html",
        {
            "questions": questions,
            "topics": topic_counts(),
            "current": filters.selected,
            "trail": [(SECTION[0], None)],
        },
    )


def faq(request):
    return render(
        request,
        "interaction/faq.html",
        {
            "questions": Question.objects.faq().by_topic(),
            "trail": [SECTION, ("常见问题", None)],
        },
    )


def detail(request, pk):
    # Only what has been published; a question in progress is its asker's alone.
    question = get_object_or_404(Question.objects.published(), pk=parse_id(pk) or 0)
    return render(
        request,
        "interaction/detail.html",
        {"question": question, "trail": [SECTION, (question.summary, None)]},
    )


def ask(request):
    form = AskForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            question = Question(
                live=False,
                asker_name=data["asker_name"].strip(),
                contact_email=data["contact_email"],
                topic=data["topic"],
                question=data["question"].strip(),
            )
            token = question.issue_token()
            question.save()
            question.save_revision()
            log(instance=question, action="wagtail.create")
            if send_follow_link(request, question, token):
                return redirect("interaction_asked")
            # Without the mail the asker could never find the question again: keep nothing,
            # keep what was typed, and ask to retry (portal.mail logged the failure).
            transaction.set_rollback(True)
        form.add_error(None, _("确认邮件暂时未能发出，您的问题尚未提交，请稍后重试。"))
    return render(
        request,
        "interaction/ask.html",
        {"form": form, "trail": [SECTION, ("我要提问", None)]},
    )


def asked(request):
    return render(request, "interaction/asked.html", {"trail": [SECTION, ("我要提问", None)]})


@never_cache
def follow(request, token):
    """The asker's private page: the question and where it stands, and the answer once it is
    published. The token is the only key; nobody else reaches an unpublished question."""
    question = get_object_or_404(Question.objects.for_token(token))
    response = render(
        request,
        "interaction/follow.html",
        {"question": question, "trail": [SECTION, ("我的提问", None)]},
    )
    # The address is the key: never pass it on to a site a link leads to.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
