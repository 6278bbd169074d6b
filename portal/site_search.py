"""What the site search box finds, in this order: the policies (each hit pointing at the
article that matches), the bases of the registry, the published questions and answers of
互动交流, then every other live public page but the home page, each result labelled with its
kind. The policies come first because they are few
and they are what the portal is for; a name typed that no policy holds still finds its base
first. One page of results costs the same number of queries whatever the number of hits."""

from urllib.parse import unquote

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from wagtail.models import Page

from bases.models import Base, BaseIndexPage, PartnerInstitution, attach_cooperation_names
from portal import i18n, routing
from portal.chinese_search import highlight, segmented_query
from portal.interaction.models import Question
from portal.models import HomePage, PolicyPage
from portal.page_privacy import exclude_private, in_private_section
from portal.specific_pages import as_specific, with_specific_rows


def _snippet_width():
    """As much text as fits the result's lines: English takes about twice the characters."""
    return 240 if i18n.is_english() else 120


def _profile_text(base):
    """A base's profile in brief, where the snippet looks for the query: in English, its
    English summary and names first (the Chinese where a name has no English)."""
    if i18n.is_english():
        lists = [
            ("Host organisation", [i18n.local(base.host)]),
            ("Fields", base.field_names_en),
            ("Countries and regions", base.country_names_en),
            ("Foreign partners", [i18n.local(partner) for partner in base.institution_list]),
        ]
        facts = "; ".join(f"{label}: {', '.join(names)}" for label, names in lists if names)
        return " ".join(part for part in (base.summary_en, facts, base.summary) if part)
    lists = [
        ("依托单位", [base.host.name]),
        ("合作领域", base.field_names),
        ("合作国家和地区", base.country_names),
        ("国外合作机构", [partner.name for partner in base.institution_list]),
    ]
    facts = "；".join(f"{label}：{'、'.join(names)}" for label, names in lists if names)
    return " ".join(part for part in (base.summary, facts, base.summary_en) if part)


class SiteSearchResults:
    """The hits for a query, policies, bases, then other pages, sliced lazily for Django's
    Paginator. Every page hit comes in one query, in its own class and with whether it is in a
    private section: they are as many as the site's pages, not the bases, and splitting them
    needs no count of their own. The bases are counted once and only a page's slice of them is
    fetched. So a page of results costs the same queries whatever the number of bases, and
    whichever groups it shows."""

    def __init__(self, query, terms, request):
        self.query, self.terms, self.request = query, terms, request
        words = segmented_query(query)
        # The pages of the language shown: in English, the English edition's (the bases and
        # their profiles are in both; the questions of 互动交流 are Chinese only).
        locale = routing.locale_id(request)
        english = i18n.is_english()
        self.directory = exclude_private(
            BaseIndexPage.objects.live().filter(locale__language_code=i18n.CHINESE)
        ).first()
        # A base is found through the directory's profile pages; without them it has no page.
        self.bases = (
            Base.objects.select_related("host__league_city").search(words, operator="and")
            if self.directory
            else None
        )
        # The search backend takes plain field filters only: privacy is read as an annotation.
        pages = with_specific_rows(
            Page.objects.live()
            .not_type(HomePage)
            .filter(locale_id=locale if locale is not None else -1)
            .annotate(private=in_private_section())
        ).search(words, operator="and")
        found = [as_specific(page) for page in pages if not page.private]
        questions = Question.objects.published()
        if english:
            questions = questions.none()
        self.groups = [
            ([page for page in found if isinstance(page, PolicyPage)], self._page_hits),
            (self.bases, self._base_hits),
            # Only published answers: a question in progress is its asker's alone.
            (questions.search(words, operator="and"), self._question_hits),
            ([page for page in found if not isinstance(page, PolicyPage)], self._page_hits),
        ]

    def _counts(self):
        if not hasattr(self, "_group_counts"):
            self._group_counts = [
                0 if found is None else len(found) if isinstance(found, list) else found.count()
                for found, _hits in self.groups
            ]
        return self._group_counts

    def count(self):
        return sum(self._counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        hits, offset = [], 0
        for (found, to_hits), size in zip(self.groups, self._counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                hits += to_hits(list(found[low:high]))
            offset += size
        return hits

    def _base_hits(self, bases):
        attach_cooperation_names(bases)
        prefetch_related_objects(
            bases,
            Prefetch(
                "partner_institutions",
                PartnerInstitution.objects.select_related("country"),
                to_attr="institution_list",
            ),
        )
        return [self._base_hit(base) for base in bases]

    def _question_hits(self, questions):
        return [
            {
                "kind": question.search_kind,
                "title": question.summary,
                "details": [question.get_topic_display()],
                "url": question.get_absolute_url(),
                "display_url": question.get_absolute_url(),
                "snippet": highlight(
                    f"{question.question} 答复：{question.answer}", self.query, self.terms
                ),
                "article_number": None,
            }
            for question in questions
        ]

    def _page_hits(self, pages):
        return [self._page_hit(page) for page in pages]

    def _base_hit(self, base):
        url = i18n.localise(
            self.directory.get_url(self.request)
            + self.directory.reverse_subpage("profile", args=[base.pk])
        )
        details = [base.get_base_type_display(), i18n.local(base.host.league_city)]
        if base.is_revoked:
            details.append(_("已撤销"))
        return {
            "kind": base.search_kind,
            "title": i18n.local(base),
            "details": details,
            "url": url,
            "display_url": unquote(url),
            "snippet": highlight(_profile_text(base), self.query, self.terms, _snippet_width()),
            "article_number": None,
        }

    def _page_hit(self, page):
        article = None
        if isinstance(page, PolicyPage):
            article = page.matching_article(self.query, self.terms)
        url = page.get_url(self.request) or ""
        if article:
            number, text = article
            snippet = highlight(text, self.query, self.terms, _snippet_width())
            url = f"{url}#art-{number}"
        else:
            snippet = highlight(
                page.get_search_plain_text(), self.query, self.terms, _snippet_width()
            )
        return {
            "kind": getattr(page, "search_kind", _("页面")),
            "title": page.title,
            "details": [],
            "url": url,
            "display_url": unquote(url),
            "snippet": snippet,
            "article_number": article[0] if article else None,
        }
