from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from wagtail.admin.views import home
from wagtail.models import Page

from portal.chinese_search import clean_query, highlight, segment, segmented_query
from portal.models import PolicyPage

RESULTS_PER_PAGE = 10


def search(request):
    """Site search over every live public page, with Chinese segmentation (see chinese_search)."""
    query = clean_query(request.GET.get("q"))
    terms = segment(query)
    results, total = None, 0
    if terms:
        found = (
            Page.objects.live().public().specific().search(segmented_query(query), operator="and")
        )
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        total = results.paginator.count
        results.object_list = [_result(page, query, terms) for page in results.object_list]
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "has_terms": bool(terms),
            "results": results,
            "total": total,
            "search_trail": [("站内搜索", "/search/")],
        },
    )


def _result(page, query, terms):
    """What one search hit shows: title, highlighted snippet and, for policies, the article."""
    article = None
    if isinstance(page, PolicyPage):
        article = page.matching_article(query, terms)
    if article:
        number, text = article
        snippet = highlight(text, query, terms)
        url = f"{page.url}#art-{number}"
    else:
        snippet = highlight(page.get_search_plain_text(), query, terms)
        url = page.url
    return {
        "page": page,
        "title": page.title,
        "url": url,
        "snippet": snippet,
        "article_number": article[0] if article else None,
    }


def admin_error_test(request):
    """Wagtail's deliberate server error (/admin/failwhale/), for checking error reporting,
    kept to superusers: for anyone else it is a page that is not there."""
    if not request.user.is_superuser:
        raise Http404
    return home.error_test(request)
