from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal import i18n, names, policy_text, routing
from portal.policy_text import int_to_chinese

register = template.Library()

# The public sections and their stable URLs (issue 2). Later sections keep these paths.
# In English each leads to /en/…; the two Chinese-only services say so there (portal.views).
MAIN_NAVIGATION = [
    (_("首页"), "/"),
    (_("政策文件"), "/policy/"),
    (_("基地展示"), "/bases/"),
    (_("新闻动态"), "/news/"),
    (_("基地联盟"), "/alliance/"),
    (_("申报服务"), "/apply/"),
    (_("互动交流"), "/interaction/"),
]


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for label, chinese_url in MAIN_NAVIGATION:
        url = i18n.localise(chinese_url)
        active = path == url if chinese_url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page=None, trail=None):
    """Crumbs for a Wagtail page (its ancestors below the tree root) or an explicit trail.

    ``trail`` is a list of (label, url) pairs for views that are not pages; the last one is
    the current location. A page that routing found has its ancestors at hand already.
    """
    crumbs = [{"label": _("首页"), "url": i18n.localise("/")}]
    if page is not None:
        for ancestor in routing.ancestors(page, from_depth=3):
            crumbs.append({"label": ancestor.title, "url": ancestor.url})
        crumbs.append({"label": page.title, "url": page.url})
    for label, url in trail or []:
        crumbs.append({"label": label, "url": url})
    if i18n.is_english():
        # A Chinese page shown at an English address (not translated yet) hangs from Chinese
        # sections: lead to their English addresses, which are Chinese only where they too are.
        for crumb in crumbs:
            if crumb["url"]:
                crumb["url"] = i18n.path_in(crumb["url"], i18n.ENGLISH)
    crumbs[-1]["url"] = None  # The current location is not a link.
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page being shown in each language (portal.i18n.alternates)."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    return i18n.alternates(request, page if isinstance(page, Page) else None)


@register.simple_tag
def html_lang():
    """The lang attribute of the language being shown."""
    return i18n.html_lang()


@register.filter
def localurl(path):
    """A site-relative address of the Chinese site in the language shown: "/bases/" in
    English is "/en/bases/"."""
    return i18n.localise(path)


@register.filter
def local(obj, field):
    """``obj.<field>_en`` in English when it is filled in, else ``obj.<field>`` (i18n.local)."""
    return i18n.local(obj, field)


@register.filter
def cjk_lang(text):
    """` lang="zh-CN"` for text written in Chinese shown on an English page (a filing number,
    a phone number with a Chinese note, a tag); else nothing."""
    if text and i18n.is_english() and i18n.CJK.search(str(text)):
        return mark_safe(f' lang="{i18n.HTML_LANG[i18n.CHINESE]}"')
    return ""


class TitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        text = self.nodelist.render(context)  # escaped already, as every template output
        return format_html("<title{}>{}</title>", cjk_lang(text), mark_safe(text))


@register.tag
def title_element(parser, token):
    """``{% title_element %}…{% endtitle_element %}``: the document's <title>, marked as Chinese
    on an English page when what it says is Chinese (an untranslated page, a name kept only in
    Chinese) and left English when the title itself was translated, as a fallback's may be."""
    nodelist = parser.parse(("endtitle_element",))
    parser.delete_first_token()
    return TitleNode(nodelist)


@register.filter
def zh_span(text):
    """``text``, inside <span lang="zh-CN"> when it is Chinese shown on an English page."""
    if text and i18n.is_english() and i18n.CJK.search(str(text)):
        return format_html('<span lang="{}">{}</span>', i18n.HTML_LANG[i18n.CHINESE], text)
    return text


@register.simple_tag
def local_text(obj, field):
    """``obj|local:field``, marked as Chinese (zh_span) where it falls back to Chinese."""
    return zh_span(local(obj, field))


@register.filter
def local_page(page):
    """The page's English translation on an English page, where there is a live one (the
    pages the site settings choose are Chinese ones)."""
    if page is None or not i18n.is_english():
        return page
    return page.localized


@register.filter
def local_lang(obj, field):
    """` lang="zh-CN"` where ``obj|local:field`` shows Chinese on an English page (no English
    text kept), so that screen readers read it as Chinese; else nothing."""
    english_missing = obj is not None and not getattr(obj, f"{field}_en", "")
    if english_missing and i18n.is_english() and getattr(obj, field, ""):
        return mark_safe(f' lang="{i18n.HTML_LANG[i18n.CHINESE]}"')
    return ""


@register.simple_tag(takes_context=True)
def interpretations_of(context, number):
    """The published interpretations of article ``number`` of the policy being shown (the
    policy page puts them in its context, by article, in one go)."""
    return context.get("interpretations_by_article", {}).get(number, [])


@register.filter
def article_label(number):
    """20 → 第二十条, or Article 20 in English."""
    return policy_text.article_label(number)


@register.simple_tag
def label_gap():
    """What stands between a part's number and its text: an ideographic space in Chinese
    (第五条　…), a space in English (Article 5 …)."""
    return " " if i18n.is_english() else "\u3000"


@register.simple_tag
def word_gap():
    """A space between words in English; nothing in Chinese, which has none."""
    return " " if i18n.is_english() else ""


@register.filter
def chapter_label(number):
    return policy_text.chapter_label(number)


@register.filter
def clause_label(number):
    return policy_text.clause_label(number)


@register.filter
def cn_num(value):
    """12 → 十二, for 第十二条 and （十二）."""
    try:
        return int_to_chinese(int(value))
    except (TypeError, ValueError):
        return value


@register.filter
def person_name(user):
    return names.person_name(user) if user else ""


@register.filter
def acting_name(user):
    return names.acting_name(user) if user else ""
