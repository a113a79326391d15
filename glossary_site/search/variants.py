"""Forms of a word or a name that a reader takes to be the same: singular and
plural ("queue", "queues"), closed, open and hyphenated compounds ("timestamp",
"time stamp", "time-stamp") and British and American spellings ("optimise",
"optimize"). English only, as the stemmers of both databases are.

Search asks the database for every form at once (names.py by the sort key,
the backends as alternatives of a query word), so none of this needs a column:
a form that names nothing costs an entry in an IN list or an OR."""

import itertools
import re

from glossary_site.content import wordforms
from glossary_site.content.text import fold, sort_key

# Past this many words a query is a phrase, not a name: its compounds are not tried.
MAX_NAME_WORDS = 4
# A closed compound is split at every letter, between these lengths ("e-mail",
# "loadbalancer"): a shorter word is rarely two, a longer one costs many keys.
MIN_SPLIT_CHARS, MAX_SPLIT_CHARS = 5, 30
# Ways of spelling the query's words tried as names: two words with two spellings
# each are four; more would multiply the joins past what an IN list should hold.
MAX_SPELLINGS = 4
_PARTS = re.compile(r"[\s\-\u2010\u2011]+")
_SEPARATORS = (" ", "-", "")

# Endings spelled one way in British English and another in American, read from
# the end of a word: (British, American). Only the endings, so that every form of
# the word ("optimised", "optimising", "optimisation") follows.
_ENDINGS = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("yses", "yzes"),
    ("ysing", "yzing"),
    ("yser", "yzer"),
)
# Words whose start is spelled differently, and every word built on them:
# "colour", "colours", "coloured", "behavioural".
_STEMS = (
    ("behaviour", "behavior"),
    ("colour", "color"),
    ("favour", "favor"),
    ("flavour", "flavor"),
    ("honour", "honor"),
    ("humour", "humor"),
    ("labour", "labor"),
    ("neighbour", "neighbor"),
    ("rumour", "rumor"),
    ("vapour", "vapor"),
    ("armour", "armor"),
    ("endeavour", "endeavor"),
    ("centre", "center"),
    ("fibre", "fiber"),
    ("metre", "meter"),
    ("litre", "liter"),
    ("theatre", "theater"),
    ("calibre", "caliber"),
    ("catalogue", "catalog"),
    ("dialogue", "dialog"),
    ("analogue", "analog"),
    ("licence", "license"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("programme", "program"),
    ("grey", "gray"),
    ("cancell", "cancel"),
    ("labell", "label"),
    ("modell", "model"),
    ("travell", "travel"),
    ("signall", "signal"),
    ("levell", "level"),
    ("fuell", "fuel"),
    ("tunnell", "tunnel"),
    ("channell", "channel"),
    ("totall", "total"),
    ("marshall", "marshal"),
)


# Every ending and stem of either spelling, to pass over at once the many words
# that have neither (str.endswith and startswith take a tuple).
_ANY_ENDING = tuple({ending for pair in _ENDINGS for ending in pair})
_ANY_STEM = tuple({stem for pair in _STEMS for stem in pair})


def spellings(word):
    """The word and its other spelling, British or American, if it has one."""
    forms = {word}
    if not word.endswith(_ANY_ENDING) and not word.startswith(_ANY_STEM):
        return forms
    for british, american in _ENDINGS:
        for ending, other in ((british, american), (american, british)):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                forms.add(word[: -len(ending)] + other)
    for british, american in _STEMS:
        for stem, other in ((british, american), (american, british)):
            if word.startswith(stem):
                forms.add(other + word[len(stem) :])
    return forms


def numbers(word):
    """The word in the singular and in the plural, by the same rules as the linker's
    (content/wordforms.py), so a search and a link agree on what a form is."""
    if len(word) < 3 or not word.isalpha():
        return {word}
    return {word, *(wordforms.singulars(word) or wordforms.plurals(word))}


def name_keys(query):
    """The sort keys (content.text.sort_key) of every name the query may be: each
    join of its words (open, hyphenated, closed), each split of a closed word in
    two, each with its last word singular or plural and each word in either
    spelling. The first is the query's own key."""
    own = sort_key(" ".join(query.split()))
    words = [word for word in _PARTS.split(fold(query).strip()) if word]
    if not words or len(words) > MAX_NAME_WORDS:
        return [own] if words else []
    keys = {own}
    spelled_ways = itertools.product(*(sorted(spellings(word)) for word in words))
    for spelled in itertools.islice(spelled_ways, MAX_SPELLINGS):
        for name in _joins(spelled):
            keys.update(_with_last_word_forms(name))
        if len(spelled) == 1:
            for name in _splits(spelled[0]):
                keys.update(_with_last_word_forms(name))
    keys.discard(own)
    return [own, *sorted(sort_key(key) for key in keys)]


def _joins(words):
    for separators in itertools.product(_SEPARATORS, repeat=len(words) - 1):
        yield words[0] + "".join(sep + word for sep, word in zip(separators, words[1:], strict=True))


def _splits(word):
    if not MIN_SPLIT_CHARS <= len(word) <= MAX_SPLIT_CHARS or not word.isalpha():
        return
    for at in range(1, len(word) - 1):
        for sep in (" ", "-"):
            yield word[:at] + sep + word[at:]


def _with_last_word_forms(name):
    head, last = re.match(r"(.*?)(\w*)$", name).groups()
    return {head + form for form in numbers(last)} if last else {name}
