"""The admin of the annual assessment (Art. 9, 12): rounds, each with one assessment per base
that staff grade and the leadership confirms, the commendation of the 优秀 bases, and the
rectifications of the 不合格 ones, which staff re-evaluate. Scoped like every reviewed model
(``visible_to`` and the scoping gate); the effects are ``bases.review.assessments``."""

from collections import Counter
from functools import cached_property, partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from modelcluster.forms import BaseChildFormSet
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView

from bases.models import (
    AnnualReport,
    Assessment,
    AssessmentEvent,
    AssessmentExpert,
    AssessmentGrade,
    AssessmentRound,
    AssessmentRoundStatus,
    AssessmentScore,
    Rectification,
    RectificationStatus,
)
from bases.models.review_steps import current_step_name
from bases.review import assessments
from bases.review.desk import ReviewSummaryPanel
from bases.review.forms import AssessmentScoreForm, AssignRoundExpertsForm
from bases.review.viewsets import (
    ANNUAL_REPORT_REVIEWER_VIEWS,
    ReviewedEditView,
    ReviewedIndexView,
    ReviewedViewSet,
    VisibleInspectView,
)
from bases.rules.experts import conflicted_hosts
from portal.admin_ui import DateTimeColumn
from portal.filters import parse_id

FIGURE_LABELS = {
    "projects": _("国际合作项目"),
    "agreements": _("签订协议"),
    **{name: AnnualReport._meta.get_field(name).verbose_name for name in AnnualReport.FIGURES},
}


class AssessmentFormSet(BaseChildFormSet):
    """The round's assessments: the bases are listed when the round opens (``prefill``);
    staff grade them and may take a base out, but not add one by hand."""

    def clean(self):
        super().clean()
        if any(form.has_changed() for form in self.extra_forms):
            raise ValidationError(_("参加考核的基地在组织考核时按年度自动列入，不能在此添加。"))


class AssessmentsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = AssessmentFormSet
        return options


class AssessmentFactsPanel(Panel):
    """What the assessment is based on: the base and its filed summary's figures against the
    plan's targets, as read when the round opened."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "bases/admin/assessment_facts.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            figures = self.instance.figures or {}
            context["assessment"] = self.instance
            context["summary_state"] = figures.get("summary", "")
            context["figures"] = [
                (label, figures[name]) for name, label in FIGURE_LABELS.items() if name in figures
            ]
            context["goals"] = figures.get("goals", [])
            scores = []
            if self.instance.pk:
                scores = list(
                    AssessmentScore.objects.filter(assessment_id=self.instance.pk).select_related(
                        "expert"
                    )
                )
            context["expert_scores"] = scores
            if scores:
                context["expert_average"] = sum(s.score for s in scores) / len(scores)
            return context


def round_context(assessment_round, user):
    # The edit view's round is its latest revision, whose assessments are not yet rows: count
    # what it holds. The candidates are those of the confirmed, published results.
    grades = Counter(assessment.grade for assessment in assessment_round.assessments.all())
    confirmed = assessment_round.is_confirmed
    candidates = list(assessments.candidates(assessment_round)) if confirmed else []
    return {
        "round": assessment_round,
        "grades": [(label, grades.get(value, 0)) for value, label in AssessmentGrade.choices],
        "ungraded": grades.get("", 0),
        "candidates": candidates,
        "can_commend": assessment_round.is_confirmed
        and user.has_perm("bases.change_assessmentround")
        and any(not hasattr(a, "commendation") for a in candidates),
        "events": assessment_round.events.select_related("actor").order_by("created_at", "pk"),
        "experts": [a.expert for a in assessment_round.expert_assignments.select_related("expert")],
        "can_assign": _editable(assessment_round) and user.has_perm("bases.change_assessmentround"),
        "is_expert": assessment_round.expert_assignments.filter(expert=user).exists(),
    }


class RoundFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("状态"), choices=AssessmentRoundStatus.choices)

    class Meta:
        model = AssessmentRound
        fields = ["status"]


class RoundIndexView(ReviewedIndexView):
    created_in_admin = True


class RoundCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        AssessmentRound.objects.filter(pk=instance.pk).update(opened_by=self.request.user)
        count = assessments.prefill(instance, self.request.user)
        instance.record(
            AssessmentEvent.Kind.OPENED,
            user=self.request.user,
            internal_note=f"列入 {count} 个基地",
        )
        return instance


class RoundEditView(ReviewedEditView):
    nothing_to_save = _("考核结果由科技厅工作人员填写，不能在此修改；请使用本环节的办理按钮。")

    @cached_property
    def edits_content(self):
        # Confirmed results are final; results waiting for the leadership are theirs to
        # confirm or return, not to be changed under them.
        editable = self.object.status in (
            AssessmentRoundStatus.DRAFT,
            AssessmentRoundStatus.RETURNED,
        )
        return editable and super().edits_content


class RoundInspectView(VisibleInspectView):
    template_name = "bases/admin/assessment_round_inspect.html"

    def review_context(self):
        return round_context(self.object, self.request.user)


def _editable(assessment_round):
    return assessment_round.status in (AssessmentRoundStatus.DRAFT, AssessmentRoundStatus.RETURNED)


def assign_experts_view(request, pk):
    """Staff assign experts to a round while it is being graded; they are mailed."""
    assessment_round = get_object_or_404(AssessmentRound.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("bases.change_assessmentround"):
        raise PermissionDenied
    edit_url = reverse("wagtailsnippets_bases_assessmentround:edit", args=[pk])
    if not _editable(assessment_round):
        messages.error(request, _("考核结果已提交，不能再指派专家。"))
        return redirect(edit_url)
    form = AssignRoundExpertsForm(request.POST or None, assessment_round=assessment_round)
    if request.method == "POST" and form.is_valid():
        experts = list(form.cleaned_data["experts"])
        with transaction.atomic():
            for expert in experts:
                AssessmentExpert.objects.get_or_create(
                    round=assessment_round, expert=expert, defaults={"assigned_by": request.user}
                )
            log(
                instance=assessment_round,
                action="bases.assign_experts",
                user=request.user,
                data={"experts": [expert.get_username() for expert in experts]},
            )
            transaction.on_commit(partial(assessments.experts_assigned, assessment_round, experts))
        messages.success(request, _("已指派 %(count)d 位专家。") % {"count": len(experts)})
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "bases/admin/assign_round_experts.html",
        {
            "round": assessment_round,
            "form": form,
            "edit_url": edit_url,
            "header_title": _("指派考核专家"),
        },
    )


def score_view(request, pk):
    """An assigned expert scores the round's bases, less those of the hosts the expert
    belongs to (conflict of interest), while staff are grading."""
    assessment_round = get_object_or_404(
        AssessmentRound.objects.filter(expert_assignments__expert=request.user), pk=pk
    )
    conflicted = conflicted_hosts(request.user)
    rows = (
        Assessment.objects.filter(round=assessment_round)
        .exclude(base__host_id__in=conflicted)
        .select_related("base")
        .order_by("base__name_pinyin", "pk")
    )
    scores = {
        score.assessment_id: score
        for score in AssessmentScore.objects.filter(
            assessment__round=assessment_round, expert=request.user
        )
    }
    open_for_scores = _editable(assessment_round)
    bound = None
    if request.method == "POST":
        if not open_for_scores:
            messages.error(request, _("考核结果已提交，不能再评分。"))
            return redirect("wagtailsnippets_bases_assessmentround:score", pk)
        assessment = get_object_or_404(rows, pk=parse_id(request.POST.get("assessment")) or 0)
        form = AssessmentScoreForm(request.POST, prefix=f"a{assessment.pk}")
        if form.is_valid():
            AssessmentScore.objects.update_or_create(
                assessment=assessment,
                expert=request.user,
                defaults={
                    "score": form.cleaned_data["score"],
                    "opinion": form.cleaned_data["opinion"],
                },
            )
            messages.success(
                request, _("已保存对“%(base)s”的评分。") % {"base": assessment.base.name}
            )
            return redirect("wagtailsnippets_bases_assessmentround:score", pk)
        bound = (assessment.pk, form)
    entries = []
    for assessment in rows:
        score = scores.get(assessment.pk)
        if bound and bound[0] == assessment.pk:
            form = bound[1]
        else:
            initial = {"score": score.score, "opinion": score.opinion} if score else None
            form = AssessmentScoreForm(initial=initial, prefix=f"a{assessment.pk}")
        facts = [
            (label, assessment.figures[name])
            for name, label in FIGURE_LABELS.items()
            if name in assessment.figures
        ]
        entries.append((assessment, score, form, facts))
    return TemplateResponse(
        request,
        "bases/admin/assessment_scores.html",
        {
            "round": assessment_round,
            "entries": entries,
            "open_for_scores": open_for_scores,
            "conflicted": bool(conflicted)
            and Assessment.objects.filter(
                round=assessment_round, base__host_id__in=conflicted
            ).exists(),
            "header_title": _("专家评分：%(round)s") % {"round": assessment_round.name},
        },
        status=200 if bound is None else 400,
    )


def commend_view(request, pk):
    assessment_round = get_object_or_404(AssessmentRound.objects.visible_to(request.user), pk=pk)
    if request.method != "POST" or not request.user.has_perm("bases.change_assessmentround"):
        raise PermissionDenied
    count = assessments.commend(assessment_round, request.user)
    if count:
        messages.success(request, _("已表彰 %(n)s 个优秀基地，并发布表彰通报。") % {"n": count})
    else:
        messages.error(request, _("没有可表彰的基地（考核结果须已确认）。"))
    return redirect("wagtailsnippets_bases_assessmentround:inspect", pk)


def confirmed_count(name):
    def count(assessment_round):
        return getattr(assessment_round, name) if assessment_round.is_confirmed else "—"

    return count


class AssessmentRoundViewSet(ReviewedViewSet):
    """年度考核: staff open a round, grade each base and submit; the leadership confirms."""

    model = AssessmentRound
    icon = "tasks"
    menu_label = _("年度考核")
    index_view_class = RoundIndexView
    add_view_class = RoundCreateView
    edit_view_class = RoundEditView
    inspect_view_class = RoundInspectView
    filterset_class = RoundFilterSet
    inspect_view_fields = ["year", "rectification_deadline", "notes", "status", "confirmed_at"]
    list_display = [
        "__str__",
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        # Counted from the confirmed results; a round still being graded shows none yet.
        Column("excellent", label=_("优秀"), accessor=confirmed_count("excellent")),
        Column("passed", label=_("合格"), accessor=confirmed_count("passed")),
        Column("failed", label=_("不合格"), accessor=confirmed_count("failed")),
        DateTimeColumn("confirmed_at", label=_("确认时间"), sort_key="confirmed_at"),
    ]
    ordering = ["-year"]
    edit_handler = ObjectList(
        [
            ReviewSummaryPanel(
                heading=_("考核情况"),
                template="bases/admin/assessment_round_summary.html",
                context=round_context,
            ),
            FieldRowPanel([FieldPanel("year"), FieldPanel("rectification_deadline")]),
            FieldPanel("notes"),
            AssessmentsPanel(
                "assessments",
                heading=_("各基地考核"),
                label=_("基地"),
                panels=[
                    AssessmentFactsPanel(),
                    FieldRowPanel([FieldPanel("score"), FieldPanel("grade")]),
                    FieldPanel("comments"),
                ],
            ),
        ]
    )

    def get_queryset(self, request):
        by_grade = {
            name: Count("assessments", filter=Q(assessments__grade=grade))
            for name, grade in (
                ("excellent", AssessmentGrade.EXCELLENT),
                ("passed", AssessmentGrade.PASSED),
                ("failed", AssessmentGrade.FAILED),
            )
        }
        return (
            AssessmentRound.objects.visible_to(request.user)
            .select_related("latest_revision")
            .annotate(current_step=current_step_name(AssessmentRound), **by_grade)
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("commend/<int:pk>/", commend_view, name="commend"),
            path("experts/<int:pk>/", assign_experts_view, name="assign_round_experts"),
            path("score/<int:pk>/", score_view, name="score"),
        ]


def rectification_context(rectification, user=None):
    return {
        "rectification": rectification,
        "assessment": rectification.assessment,
        "attachments": rectification.attachments.current(),
        "events": rectification.events.select_related("actor").order_by("created_at", "pk"),
    }


class RectificationFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("状态"), choices=RectificationStatus.choices)

    class Meta:
        model = Rectification
        fields = ["status"]


class RectificationEditView(ReviewedEditView):
    nothing_to_save = _("整改报告由依托单位填写，不能在此修改；请使用本环节的办理按钮。")


class RectificationInspectView(VisibleInspectView):
    template_name = "bases/admin/rectification_inspect.html"

    def review_context(self):
        return rectification_context(self.object)


class RectificationViewSet(ReviewedViewSet):
    """整改复评: the hosts' rectification reports, re-evaluated by staff."""

    model = Rectification
    icon = "repeat"
    menu_label = _("整改复评")
    edit_view_class = RectificationEditView
    inspect_view_class = RectificationInspectView
    filterset_class = RectificationFilterSet
    inspect_view_fields = ["base", "deadline", "status", "report", "submitted_at", "decided_at"]
    list_display = [
        "__str__",
        Column("round", label=_("考核年度"), accessor="assessment.round"),
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        Column("deadline", label=_("整改期限")),
        DateTimeColumn("submitted_at", label=_("提交时间"), sort_key="submitted_at"),
    ]
    search_fields = ["base__name"]
    ordering = ["-created_at"]
    panels = [
        ReviewSummaryPanel(
            heading=_("整改情况"),
            template="bases/admin/rectification_summary.html",
            context=rectification_context,
        ),
        FieldPanel("report"),
    ]

    def get_queryset(self, request):
        return (
            Rectification.objects.visible_to(request.user)
            .select_related("base__recommending_department", "assessment__round", "latest_revision")
            .annotate(current_step=current_step_name(Rectification))
        )


ASSESSMENT_ROUND_VIEWS = [
    *ANNUAL_REPORT_REVIEWER_VIEWS,
    "add",
    "commend",
    "assign_round_experts",
    "score",
]
RECTIFICATION_VIEWS = ANNUAL_REPORT_REVIEWER_VIEWS
