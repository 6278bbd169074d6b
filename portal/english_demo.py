"""The demo site's English edition: the pages an editor would translate first, in English.

The home page, the policy library with the unofficial English Measures, the directory, the
news section with the items chosen for foreign partners, the alliance and the footer's pages.
The other news items stay Chinese: at /en/news/<slug>/ they show in Chinese with a note.
Idempotent, like the rest of the demo: a page translated already is only updated.
"""

from alliance.models import AlliancePage
from bases.models import BaseIndexPage
from news.models import NewsIndexPage, NewsPage
from portal.english_edition import english, translate, translate_measures
from portal.models import PolicyIndexPage, PolicyPage, StandardPage

HOME = {
    "title": "Home",
    "hero_heading": "Inner Mongolia International Science and Technology Cooperation Bases",
    "hero_intro": (
        "The international science and technology cooperation bases of Inner Mongolia are "
        "accredited by the Department of Science and Technology of the Autonomous Region, as "
        "International Innovation Parks, International Technology Transfer Centers or "
        "Demonstration-type International S&T Cooperation Bases. This portal publishes the "
        "policy on the bases, shows every accredited base and its international partners, and "
        "reports the news of the bases and of their alliance."
    ),
}
CONTACT = {
    "title": "Contact us",
    "intro": "How to reach the Department about the bases and about this website.",
    "body": (
        "<h2>Accreditation and management of the bases</h2>"
        "<p>Office of International Cooperation and Exchange, Department of Science and "
        "Technology of Inner Mongolia Autonomous Region (demo)</p>"
        "<p>Telephone: +86 471 000 0000 (demo) · Email: guohe@example.org</p>"
        "<p>Office hours: working days, 8:30–12:00 and 14:30–17:30 (China Standard Time).</p>"
        "<h2>Foreign partners of the bases</h2>"
        "<p>The secretariat of the bases' alliance answers in English: see the alliance page.</p>"
    ),
}
PRIVACY = {
    "title": "Privacy notice",
    "intro": "What this website collects about you, why, and your rights.",
    "body": (
        "<p>This website is run by the Department of Science and Technology of Inner Mongolia "
        "Autonomous Region, under the Personal Information Protection Law of the People's "
        "Republic of China.</p>"
        "<h2>What we collect</h2>"
        "<ul><li>Reading the public pages needs no account; we collect no personal "
        "information and use no third-party analytics or advertising.</li>"
        "<li>The accounts of applying organisations hold the organisation's name and its "
        "contact person's name, email and telephone, used only for accreditation and "
        "management.</li></ul>"
        "<h2>Cookies</h2>"
        "<p>Only the cookies the site needs to work: the login session (sessionid), the form "
        "protection (csrftoken) and your choice of larger text (portal_elder). No tracking "
        "cookies.</p>"
        "<h2>Storage</h2>"
        "<p>The information is stored on servers in the People's Republic of China.</p>"
    ),
}
POLICY_INDEX = {
    "title": "Policies",
    "intro": (
        "The policy on the accreditation, management and support of the bases. The English "
        "texts are unofficial translations; the Chinese texts are authentic."
    ),
}
BASES = {
    "title": "Bases",
    "intro": (
        "Every accredited base, with its host organisation, fields of cooperation and "
        "foreign partners, and the statistics of the bases."
    ),
}
NEWS_INDEX = {
    "title": "News",
    "intro": "News of the Department and of the bases, in English.",
}
ALLIANCE = {
    "title": "Alliance",
    "intro": (
        "The alliance of the Inner Mongolia international S&T cooperation bases: learning from "
        "each other, sharing resources, complementing strengths, dividing the work and "
        "regulating the sector itself (Article 20 of the Measures)."
    ),
    "charter": (
        "<p>The alliance of the international science and technology cooperation bases of "
        "Inner Mongolia was formed under Article 20 of the Measures. Accredited bases join it "
        "voluntarily, to learn from each other, share resources, complement each other's "
        "strengths, divide the work and regulate the sector themselves.</p>"
        "<p>A secretariat coordinates the alliance's day-to-day work. (Demo content.)</p>"
    ),
    "secretariat_host": (
        "Inner Mongolia Science and Technology Development Research Center (demo)"
    ),
    "secretariat_address": "Hohhot, Inner Mongolia Autonomous Region (demo address)",
    "secretariat_phone": "+86 471 000 0001 (demo)",
    "how_to_join": (
        "<p>An accredited base applies to the secretariat, which confirms its membership. A "
        "base whose accreditation is revoked leaves the alliance.</p>"
    ),
}
# The demo news items (by their Chinese title) that have an English version, and that version.
NEWS = {
    "自治区科技厅召开国合基地建设工作推进会": {
        "title": "Department holds a meeting on the development of the bases",
        "summary": (
            "The meeting reviewed the bases' progress this year and set the priorities for "
            "the next stage."
        ),
    },
    "稀土功能材料国际联合实验室取得新进展": {
        "title": "International joint laboratory for rare-earth functional materials advances",
        "summary": (
            "A new rare-earth permanent-magnet material developed with partners in Japan and "
            "Germany has completed its pilot-scale tests."
        ),
    },
}


def _news_body(summary):
    return [
        {
            "type": "text",
            "value": f"<p>{summary}</p><p>(Demo content: people and figures are invented.)</p>",
        }
    ]


def _once(page, translator=translate, **fields):
    """``page`` translated, unless it is already (an editor may have changed it since)."""
    if page is None:
        return None
    existing = page.get_translation_or_none(english())
    if existing is not None and existing.live:
        return existing
    return translator(page, **fields)


def load_demo_english(home):
    """Translate the demo site's main pages; returns the English home page."""
    english_home = _once(home, **HOME)
    for slug, fields in (("contact", CONTACT), ("privacy", PRIVACY)):
        _once(StandardPage.objects.child_of(home).filter(slug=slug).first(), **fields)
    policy_index = PolicyIndexPage.objects.child_of(home).first()
    if policy_index is not None:
        _once(policy_index, **POLICY_INDEX)
        measures = PolicyPage.objects.child_of(policy_index).filter(slug="measures").first()
        if measures is not None:
            _once(measures, translate_measures, status=measures.status)
    _once(BaseIndexPage.objects.child_of(home).first(), **BASES)
    news_index = NewsIndexPage.objects.child_of(home).first()
    if news_index is not None:
        _once(news_index, **NEWS_INDEX)
        for page in NewsPage.objects.child_of(news_index).filter(title__in=NEWS):
            fields = NEWS[page.title]
            _once(
                page,
                title=fields["title"],
                summary=fields["summary"],
                source="Department of Science and Technology of Inner Mongolia",
                body=_news_body(fields["summary"]),
            )
    _once(AlliancePage.objects.child_of(home).first(), **ALLIANCE)
    return english_home
