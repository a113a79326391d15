"""The letter bar of the index and letter pages, per language, and the letters' addresses."""

from django.urls import reverse
from django.utils.translation import gettext

from glossary_site.content import scripts
from glossary_site.content.text import is_heading

OTHER_SLUG = "0-9"  # the URL of the "#" letter: digits and symbols


def letter_slug(letter):
    """The letter's part of its page's address: "a", "д", "あ" (percent-encoded by reverse), "0-9"."""
    return OTHER_SLUG if letter == scripts.OTHER else letter.lower()


def letter_of_slug(slug):
    """The heading a letter address names, or None if it names none ("ab", "é", "が")."""
    letter = scripts.OTHER if slug == OTHER_SLUG else slug.upper()
    if not is_heading(letter) or letter_slug(letter) != slug:
        return None
    return letter


def letter_page_words(letter):
    """The title and description of a letter's page, in the active language: a kana
    row and the Han heading are named for what they hold, not as a first letter."""
    names = {"letter": letter}
    kind = scripts.heading_kind(letter)
    if kind == "symbol":
        return gettext("Glossary: digits and symbols"), gettext(
            "Glossary terms starting with a digit or symbol."
        )
    if kind == "row":
        return (
            gettext("Glossary: the %(letter)s row") % names,
            gettext("Glossary terms in the %(letter)s row of the kana.") % names,
        )
    if kind == "han":
        return (
            gettext("Glossary: Chinese characters"),
            gettext("Glossary terms written in Chinese characters."),
        )
    return gettext("Glossary: %(letter)s") % names, gettext(
        "Glossary terms starting with %(letter)s."
    ) % names


def letter_bar(language, counts):
    """Each heading of the bar for a page in `language` (its alphabet, and whatever
    other heading has terms), with its count and, when it has terms, its URL.

    counts: {letter: number of published terms in that language}."""
    return [
        {
            "letter": letter,
            "count": counts.get(letter, 0),
            "kind": scripts.heading_kind(letter),
            "url": reverse("terms:letter", kwargs={"letter": letter_slug(letter)})
            if counts.get(letter)
            else "",
        }
        for letter in scripts.bar_letters(language, [letter for letter, n in counts.items() if n])
    ]
