"""A page among its versions in the site's languages, for search engines and sharing:
the hreflang alternates (with x-default, the source language's version), og:locale
and its alternates, and inLanguage in the JSON-LD.

Only on a site of several languages: with one, the head is what it always was.
An item's alternates are its published translations, itself included; a list
page's (index, blog, home) are the same list in every site language.
"""

from django.urls import translate_url

from glossary_site.content import languages
from glossary_site.content.origin import absolute

# Open Graph locales are language_TERRITORY; where the code names no territory, the
# one a reader of the language most likely means. Others: the language doubled (de_DE).
_TERRITORIES = {
    "ar": "AR",  # Open Graph's own code for Arabic
    "bn": "BD",
    "cs": "CZ",
    "da": "DK",
    "el": "GR",
    "en": "US",
    "fa": "IR",
    "he": "IL",
    "hi": "IN",
    "ja": "JP",
    "ko": "KR",
    "nb": "NO",
    "sv": "SE",
    "uk": "UA",
    "ur": "PK",
    "vi": "VN",
    "zh-hans": "CN",
    "zh-hant": "TW",
}
# schema.org types (CreativeWork) that have inLanguage; a DefinedTerm has not, so a
# term's language is said by its DefinedTermSet.
_WORKS = {"BlogPosting", "WebSite", "DefinedTermSet", "CollectionPage", "WebPage"}


def og_locale(code):
    """de -> de_DE, ja -> ja_JP, pt-br -> pt_BR, zh-hans -> zh_CN."""
    if code in _TERRITORIES:
        return f"{code.split('-')[0]}_{_TERRITORIES[code]}"
    language, _, region = code.partition("-")
    return f"{language}_{(region if len(region) == 2 else language).upper()}"


def of_item(item):
    """{language: path} of the item's published translations, itself included: read
    once per item, for its head and its language switcher."""
    found = item.__dict__.get("_published_versions")
    if found is None:
        versions = type(item).objects.published().filter(translation_key=item.translation_key)
        found = {
            version.language: version.get_absolute_url() for version in versions.only("slug", "language")
        }
        item.__dict__["_published_versions"] = found
    return found


def of_list(path):
    """{language: path} of the same list page in every site language."""
    return {code: translate_url(path, code) for code in languages.site_languages()}


def add(meta, language, versions):
    """Put the page's language and its versions on its PageMeta.

    versions: a function giving {language: path} (of_item, of_list), called only on
    a site of several languages, so a site of one runs no query for it."""
    if not languages.is_multilingual():
        return meta
    order = languages.site_languages()
    found = sorted(
        versions().items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)
    )
    meta.language = language
    meta.alternates = [(code, absolute(path)) for code, path in found]
    source = dict(found).get(languages.source_language())
    if source is not None:
        meta.alternates.append(("x-default", absolute(source)))
    meta.locale = og_locale(language)
    meta.locale_alternates = [og_locale(code) for code, _ in found if code != language]
    for data in meta.json_ld:
        _say_language(data, language)
    return meta


def _say_language(data, language):
    if data.get("@type") in _WORKS:
        data["inLanguage"] = language
    for value in data.values():
        if isinstance(value, dict):
            _say_language(value, language)
