"""The news editor's forms: choosing the policy articles an interpretation (政策解读) explains.

The editor picks a policy with Wagtail's page chooser and then one of its articles from a
list filled from the policy's parsed articles (never typed in): the list holds every policy's
articles, grouped by policy, and ``admin-citations.js`` shows only those of the chosen policy.
The server checks the article against the policy again (``PolicyCitation.clean``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from portal.admin_forms import PortalPageForm


class PolicyArticleSelect(forms.Select):
    """The articles of ``policies``, one option group per policy; each option says which
    policy it belongs to (``data-policy``), and the chosen policy's article is the one selected
    (the same article number exists in many policies)."""

    class Media:
        js = ["js/admin-citations.js"]

    def __init__(self, policies=(), policy_id=None, attrs=None):
        super().__init__(attrs={"data-policy-articles": "", **(attrs or {})})
        self.policies = policies
        self.policy_id = str(policy_id or "")

    def optgroups(self, name, value, attrs=None):
        value = {str(v) for v in value if v not in (None, "")}
        groups = [(None, [self.create_option(name, "", _("请选择条款"), not value, 0)], 0)]
        for index, policy in enumerate(self.policies, start=1):
            chosen = str(policy.pk) == self.policy_id
            options = []
            for subindex, (number, label) in enumerate(policy.article_choices()):
                option = self.create_option(
                    name,
                    number,
                    label,
                    chosen and str(number) in value,
                    index,
                    subindex=subindex,
                )
                option["attrs"] = {"data-policy": policy.pk, **option["attrs"]}
                options.append(option)
            groups.append((f"《{policy.title}》", options, index))
        return groups


class PolicyCitationForm(WagtailAdminModelForm):
    """One cited article: its list is filled from the policies the chooser may pick."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        policy = self.fields["policy"]
        self.fields["article"].widget = PolicyArticleSelect(
            policies=policy.queryset.order_by("path"), policy_id=self["policy"].value()
        )


class CitationsPanel(InlinePanel):
    """An InlinePanel whose rows use :class:`PolicyCitationForm`."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = PolicyCitationForm
        return options


class NewsPageForm(PortalPageForm):
    """Only an interpretation may cite policy articles (the model names which categories)."""

    def clean(self):
        cleaned_data = super().clean()
        citations = self.formsets.get("citations")
        category = cleaned_data.get("category")
        if citations is None or category in self._meta.model.citing_categories:
            return cleaned_data
        citations.is_valid()  # so that each row's cleaned_data says whether it is deleted
        if any(
            form.has_changed() and not getattr(form, "cleaned_data", {}).get("DELETE")
            for form in citations.forms
        ):
            self.add_error("category", _("引用了政策条款的新闻，栏目分类须为“政策解读”。"))
        return cleaned_data
