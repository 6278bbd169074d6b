"""The English edition's pages: translating a page, and the Measures in English.

Editors translate a page in the admin with wagtail.contrib.simple_translation (「翻译」 on the
page): it copies the page, and the ancestors that have no English yet, into the English tree,
with the same slugs, so an English address is the Chinese one with /en/ in front. The English
copy is then an ordinary page, edited, reviewed and published like any other.

``translate`` does the same from code (the demo content and the tests); ``translate_measures``
gives the English Measures page its body from the unofficial translation kept beside the
Chinese text (portal/content/measures-en.txt), article for article, so that ``#art-20`` is
Article 20 in both languages.

The ancestors copied along with a page are aliases of their Chinese pages: shown in Chinese,
with the note, until they are translated themselves (routing treats them as untranslated).
"""

from django.conf import settings
from django.db import transaction
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from portal.i18n import ENGLISH
from portal.policy_text import parse_policy_text

MEASURES_EN_PATH = settings.MEASURES_TEXT_PATH.with_name("measures-en.txt")


def english():
    """The English locale (portal migration 0006 makes it; a flushed test database has not)."""
    return Locale.objects.get_or_create(language_code=ENGLISH)[0]


@transaction.atomic
def translate(page, *, publish=True, **fields):
    """``page``'s English translation, made (with its untranslated ancestors) if it has none
    yet, given ``fields`` and published. Returns the English page in its specific class."""
    locale = english()
    page = page.specific
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = CopyPageForTranslationAction(
            page, locale, copy_parents=True, include_subtree=False
        ).execute(skip_permission_checks=True)
    translated = translated.specific
    if translated.alias_of_id:
        # An ancestor copied along with a translated page is an alias of the Chinese page
        # until someone translates it (the admin's 「转换别名」 does the same).
        ConvertAliasPageAction(translated).execute(skip_permission_checks=True)
        translated = type(translated).objects.get(pk=translated.pk)
    for name, value in fields.items():
        setattr(translated, name, value)
    revision = translated.save_revision()
    if publish:
        revision.publish()
        translated.refresh_from_db()
    return translated


def measures_in_english(text=None):
    """The parsed English Measures (portal.policy_text, English markers)."""
    if text is None:
        text = MEASURES_EN_PATH.read_text(encoding="utf-8")
    return parse_policy_text(text, language="en")


def translate_measures(measures, **fields):
    """The Measures page's English translation, its body the unofficial English text."""
    document = measures_in_english()
    locale = english()
    page = measures.specific
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = translate(page, publish=False)
    translated = translated.specific
    translated.set_body_from_document(document)
    return translate(
        page,
        title=document.title,
        summary=fields.pop(
            "summary",
            "An unofficial English translation of the Measures under which the Department "
            "accredits, manages and supports the international science and technology "
            "cooperation bases of Inner Mongolia.",
        ),
        issuing_authority=fields.pop(
            "issuing_authority",
            "Department of Science and Technology of Inner Mongolia Autonomous Region",
        ),
        body=translated.body,
        **fields,
    )
