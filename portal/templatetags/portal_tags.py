from django import template

from portal import names, routing
from portal.policy_text import int_to_chinese

register = template.Library()

# The public sections and their stable URLs (issue 2). Later sections keep these paths.
MAIN_NAVIGATION = [
    ("首页", "/"),
    ("政策文件", "/policy/"),
    ("基地展示", "/bases/"),
    ("新闻动态", "/news/"),
    ("基地联盟", "/alliance/"),
    ("申报服务", "/apply/"),
    ("互动交流", "/interaction/"),
]


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for label, url in MAIN_NAVIGATION:
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page=None, trail=None):
    """Crumbs for a Wagtail page (its ancestors below the tree root) or an explicit trail.

    ``trail`` is a list of (label, url) pairs for views that are not pages; the last one is
    the current location. A page that routing found has its ancestors at hand already.
    """
    crumbs = [{"label": "首页", "url": "/"}]
    if page is not None:
        for ancestor in routing.ancestors(page, from_depth=3):
            crumbs.append({"label": ancestor.title, "url": ancestor.url})
        crumbs.append({"label": page.title, "url": page.url})
    for label, url in trail or []:
        crumbs.append({"label": label, "url": url})
    crumbs[-1]["url"] = None  # The current location is not a link.
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def interpretations_of(context, number):
    """The published interpretations of article ``number`` of the policy being shown (the
    policy page puts them in its context, by article, in one go)."""
    return context.get("interpretations_by_article", {}).get(number, [])


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
