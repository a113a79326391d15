"""Whether the lowercase mention of an everyday word ("proxy", "event", "images") is
used in its everyday sense or in another than the term's (issue 25): what the words
next to it say of the kind of thing it is, set against the term's own vocabulary
(judgement.vocabulary()). No dictionary and no parser: a few signs a careful
editor reads, each kept to where it costs no good link on the corpora.

- an adjective that judges it or the words before it ("a poor proxy for it",
  "good customer service") means the everyday sense;
- nouns that modify it after an article ("a product launch event", "the analytics
  pipeline") name its kind: two plain words, or one with a noun's ending;
- the other nouns of a list it ends ("scripts, stylesheets and images") say what
  kind of things are listed.

Nouns or list items found mean another sense when the term's vocabulary has none of those words.
"""

from glossary_site.content.wordforms import singulars
from glossary_site.markup import everyday_words
from glossary_site.markup.judgement import BEFORE_A_WORD, FUNCTION_WORDS

_JUDGING = frozenset(
    "good bad poor great fine excellent decent terrible awful better worse best worst perfect ideal".split()
)
_ARTICLES = frozenset(("a", "an", "the"))
# Words that stand before a noun phrase's nouns rather than being one of them.
_NOT_A_NOUN = FUNCTION_WORDS | frozenset("such like including".split())
# Endings that make a word a noun ("analytics", "production", "deployment").
_NOUN_ENDINGS = ("ics", "tion", "sion", "ment", "ness", "ity", "ance", "ence")


def judged(text, words, index):
    """Whether an adjective that judges opens the plain words before the lowercase
    mention of an everyday word at words[index] ("a poor proxy", "good customer
    service")."""
    if not everyday_words.is_everyday(words[index][2]):
        return False
    while (word := _before(text, words, index)) and word not in _JUDGING and word not in _NOT_A_NOUN:
        index -= 1
    return word in _JUDGING


def kind_words(text, words, index):
    """The words beside the lowercase mention of an everyday word at words[index] that
    say what kind of thing it is: its noun modifiers or the other items of its list;
    [] when there are none."""
    if not everyday_words.is_everyday(words[index][2]):
        return []
    modifiers = _noun_modifiers(text, words, index)
    return modifiers or _listed_with(text, words, index)


def knows(vocabulary, word):
    """Whether a term's vocabulary has the word, its singular, or the word its noun
    ending was added to ("deployment" for a text that says "deploy")."""
    if word in vocabulary or any(form in vocabulary for form in singulars(word)):
        return True
    stem = next((word[: -len(end)] for end in _NOUN_ENDINGS if word.endswith(end)), "")
    return len(stem) >= 4 and any(known.startswith(stem) for known in vocabulary)


def _noun_modifiers(text, words, index):
    """The plain lowercase words between an article and the mention ("product launch" of
    "a product launch event"), when there are two or more, or one with a noun's
    ending ("the analytics pipeline"); [] otherwise: one word alone may be an
    adjective ("a fresh container"), and a word ending in s a verb ("a thread keeps
    function calls")."""
    found = []
    while (word := _before(text, words, index)) and word not in _NOT_A_NOUN and not _adverb_or_verb(word):
        found.insert(0, word)
        index -= 1
    if _before(text, words, index) not in _ARTICLES:
        return []
    return found if len(found) >= 2 or (found and found[0].endswith(_NOUN_ENDINGS)) else []


def _adverb_or_verb(word):
    return word.endswith("ly") or (word.endswith("s") and not word.endswith(_NOUN_ENDINGS))


def _listed_with(text, words, index):
    """The other items of a list of three or more plain nouns the mention ends
    ("scripts", "stylesheets"); [] otherwise: of two ("hosts and clusters") neither
    says much of the other."""
    if index < 2 or words[index - 1][2] not in ("and", "or") or _before(text, words, index) is None:
        return []
    items, at, joiner = [], index - 1, " "
    while (word := _before(text, words, at, joiner)) and word not in _NOT_A_NOUN:
        items.insert(0, word)
        at, joiner = at - 1, ", "
    return items if len(items) >= 2 else []


def _before(text, words, index, joiner=" "):
    """The folded word before words[index], when both are plain lowercase words with
    `joiner` between them, else None."""
    if index == 0 or not text[words[index][0] : words[index][1]].islower():
        return None
    begin, finish, word = words[index - 1]
    written = text[begin:finish]
    if text[finish : words[index][0]] != joiner or not written.isalpha() or not written.islower():
        return None
    if begin > 0 and text[begin - 1] not in BEFORE_A_WORD:
        return None  # part of a longer token ("server-side"), judged by judgement.modifier()
    return word
