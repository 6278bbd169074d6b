"""「翻译」 in the admin (wagtail.contrib.simple_translation), with the page permissions the
portal's roles have.

simple_translation checks only that the user may edit the page, then copies it, and with
「包括子页面」 its whole subtree, drafts included, into the English tree without asking
whether the user may add pages there; it also copies untranslated ancestors as aliases. Here a
user who is not an administrator translates one page at a time, into an English section that
exists and where they may add pages (the news editors under /en/news/, the secretariat under
/en/alliance/); the sections themselves are translated by an administrator first.
"""

from django.utils.translation import gettext as _
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.admin import messages
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView


class PortalSubmitPageTranslationView(SubmitPageTranslationView):
    def post(self, request, **kwargs):
        form = self.get_form()
        if form.is_valid():
            refusal = self.refusal(form.cleaned_data)
            if refusal:
                messages.error(request, refusal)
                return self.render_to_response(self.get_context_data(**kwargs))
        try:
            return super().post(request, **kwargs)
        except ParentNotTranslatedError:
            messages.error(request, _("上级页面还没有这种语言的版本，请先翻译上级页面。"))
            return self.render_to_response(self.get_context_data(**kwargs))

    def refusal(self, data):
        """Why this user may not make these translations, or None."""
        user = self.request.user
        if user.is_superuser:
            return None
        if data.get("include_subtree"):
            return _("只有管理员可以连同子页面一起翻译：请逐页翻译。")
        parent = self.object.get_parent()
        for locale in data["locales"]:
            section = parent.get_translation_or_none(locale)
            if section is None or section.alias_of_id:
                return _("上级栏目「%(section)s」还没有%(language)s版：请管理员先翻译该栏目。") % {
                    "section": parent.get_admin_display_title(),
                    "language": locale.get_display_name(),
                }
            if not section.permissions_for_user(user).can_add_subpage():
                return _("您不能在%(language)s版的「%(section)s」下添加页面。") % {
                    "section": section.get_admin_display_title(),
                    "language": locale.get_display_name(),
                }
        return None
