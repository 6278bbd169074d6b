"""Applicant accounts in the Wagtail admin.

Department staff see every account, correct contact details and create the accounts of
league/city governments (which are never self-registered, Art. 5). A recommending department
member sees, and may confirm, only the accounts of the hosts it recommends (Art. 10). Which
accounts a user sees is ``ApplicantAccount.objects.manageable_by(user)``, for every view here:
an account outside it is a 404, whatever the URL.
"""

import django_filters
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    ButtonsColumnMixin,
    Column,
    DateColumn,
    StatusFlagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseOperationView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from bases.accounts.emails import (
    send_account_confirmed_email,
    send_government_account_created_email,
)
from bases.accounts.forms import ApplicantAccountEditForm, GovernmentAccountForm
from bases.models import ApplicantAccount
from portal.admin_ui import RegisterExportMixin

CONFIRM_PERMISSION = "bases.confirm_applicantaccount"


def manageable_accounts(user):
    return ApplicantAccount.objects.manageable_by(user).select_related(
        "user",
        "host",
        "host__league_city",
        "host__recommending_department",
        "league_city",
        "recommending_department",
        "confirmed_by",
    )


def can_confirm(user, account):
    return not account.is_confirmed and user.has_perm(CONFIRM_PERMISSION)


class ManageableAccountsMixin:
    """Limits a view to the accounts the user may manage. It comes first in each view's bases,
    so an account outside the user's scope is a 404 before any permission check runs."""

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            get_object_or_404(manageable_accounts(request.user), pk=unquote(str(kwargs["pk"])))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        pk = self.kwargs.get("pk", getattr(self, "pk", None))
        return get_object_or_404(manageable_accounts(self.request.user), pk=unquote(str(pk)))


class ApplicantAccountFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("确认状态"),
        choices=[("pending", _("待确认")), ("confirmed", _("已确认"))],
        method="filter_status",
        empty_label=_("全部"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("账户类别"), choices=ApplicantAccount.Kind.choices, empty_label=_("全部")
    )

    class Meta:
        model = ApplicantAccount
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True)
        if value == "confirmed":
            return queryset.filter(confirmed_at__isnull=False)
        return queryset


class IndexView(RegisterExportMixin, generic.IndexView):
    add_item_label = _("新建盟市人民政府账户")

    def get_base_queryset(self):
        return manageable_accounts(self.request.user)

    @cached_property
    def columns(self):
        view = self

        class OrganisationColumn(ButtonsColumnMixin, TitleColumn):
            def get_buttons(self, instance, parent_context):
                return view.get_list_buttons(instance)

        return [
            OrganisationColumn(
                "organisation_name",
                label=_("单位/政府名称"),
                get_url=lambda account: self.get_inspect_url(account),
            ),
            Column("kind", label=_("账户类别"), accessor="get_kind_display", sort_key="kind"),
            Column("contact_name", label=_("联系人"), sort_key="contact_name"),
            Column("email", label=_("电子邮箱"), accessor="user.email"),
            StatusFlagColumn(
                "verified",
                label=_("邮箱验证"),
                accessor=lambda account: account.email_verified_at is not None,
                true_label=_("已验证"),
                false_label=_("未验证"),
            ),
            StatusFlagColumn(
                "confirmed",
                label=_("确认状态"),
                accessor="is_confirmed",
                true_label=_("已确认"),
                false_label=_("待确认"),
            ),
            DateColumn("created_at", label=_("注册时间"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_confirm(self.request.user, instance):
            buttons.insert(
                0,
                MenuItem(
                    _("确认账户"),
                    url=self.get_inspect_url(instance) + "#confirm",
                    icon_name="tick",
                    priority=5,
                ),
            )
        return buttons


class InspectView(ManageableAccountsMixin, generic.InspectView):
    """The account's details; a pending account gets the confirm form here."""

    template_name = "bases/accounts/admin/inspect.html"
    confirm_url_name = None
    labels = {
        "organisation": _("单位/政府名称"),
        "credit_code": _("统一社会信用代码"),
        "registry": _("基地名录"),
        "league": _("所在盟市"),
        "department": _("负责确认的推荐部门"),
        "email": _("电子邮箱（登录账号）"),
    }

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_organisation_display_value(self):
        return self.object.organisation_name

    def get_credit_code_display_value(self):
        return self.object.host.credit_code if self.object.host_id else "-"

    def get_registry_display_value(self):
        if not self.object.host_id:
            return "-"
        if self.object.host.confirmed:
            return _("已在名录中登记")
        return _("注册时新建，确认账户后列入名录")

    def get_league_display_value(self):
        account = self.object
        league = account.host.league_city if account.host_id else account.league_city
        return league or "-"

    def get_department_display_value(self):
        return self.object.confirming_department or "-"

    def get_email_display_value(self):
        return self.object.user.email

    def get_email_verified_at_display_value(self):
        return self.object.email_verified_at or _("尚未验证")

    def get_confirmed_at_display_value(self):
        return self.object.confirmed_at or _("待确认")

    def get_confirmed_by_display_value(self):
        return self.object.confirmed_by or "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if can_confirm(self.request.user, self.object):
            context["confirm_url"] = reverse(self.confirm_url_name, args=[quote(self.object.pk)])
        return context


class ConfirmView(ManageableAccountsMixin, BaseOperationView):
    """POST only: confirm the account and tell the applicant by e-mail."""

    model = ApplicantAccount
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(CONFIRM_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def perform_operation(self):
        if self.object.is_confirmed:
            return
        self.object.confirm(self.request.user)
        self.mailed = send_account_confirmed_email(self.request, self.object)

    def get_success_message(self):
        if not getattr(self, "mailed", True):
            return _("已确认“%(name)s”的申报账户，但通知邮件未能发出，请另行告知申请人。") % {
                "name": self.object.organisation_name
            }
        return _("已确认“%(name)s”的申报账户，并已邮件通知申请人。") % {
            "name": self.object.organisation_name
        }


class CreateView(generic.CreateView):
    page_title = _("新建盟市人民政府账户")

    def get_header_title(self):
        return self.page_title

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items()[:-1], {"url": "", "label": self.page_title}]

    def save_instance(self):
        account = super().save_instance()
        self.mailed = send_government_account_created_email(self.request, account)
        return account

    def get_success_message(self, instance):
        if not getattr(self, "mailed", True):
            return _(
                "已开设“%(name)s”的申报账户，但设置密码的邮件未能发至 %(email)s："
                "请对方在申报账户登录页点击“忘记密码”重新获取链接。"
            ) % {"name": instance.government_name, "email": instance.user.email}
        return _("已开设“%(name)s”的申报账户，设置密码的链接已发送至 %(email)s。") % {
            "name": instance.government_name,
            "email": instance.user.email,
        }


class EditView(ManageableAccountsMixin, generic.EditView):
    pass


class DeleteView(ManageableAccountsMixin, generic.DeleteView):
    """Deleting an account deletes its login too; an account that has applications is kept
    (deactivate its user instead)."""

    def form_valid(self, form):
        if self.object.user.applications.exists():
            messages.error(self.request, _("该账户已有申报材料，不能删除。"))
            return redirect(self.get_success_url())
        return super().form_valid(form)

    def delete_action(self):
        user = self.object.user
        with transaction.atomic():
            super().delete_action()
            user.delete()


class AccountHistoryView(ManageableAccountsMixin, HistoryView):
    pass


class AccountUsageView(ManageableAccountsMixin, UsageView):
    pass


class ApplicantAccountViewSet(ModelViewSet):
    model = ApplicantAccount
    icon = "user"
    menu_label = _("申报账户")
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "organisation",
        "credit_code",
        "registry",
        "league",
        "department",
        "contact_name",
        "phone",
        "email",
        "email_verified_at",
        "confirmed_at",
        "confirmed_by",
        "created_at",
    ]
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = AccountHistoryView
    usage_view_class = AccountUsageView
    filterset_class = ApplicantAccountFilterSet
    ordering = ["-created_at"]
    list_per_page = 50
    search_backend_name = None  # plain icontains lookups; the model is not indexed
    search_fields = [
        "host__name",
        "host__credit_code",
        "government_name",
        "contact_name",
        "user__email",
    ]

    def get_form_class(self, for_update=False):
        return ApplicantAccountEditForm if for_update else GovernmentAccountForm

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            confirm_url_name=self.get_url_name("confirm"), **kwargs
        )

    @property
    def confirm_view(self):
        return self.construct_view(ConfirmView, success_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("confirm/<int:pk>/", self.confirm_view, name="confirm"),
        ]
