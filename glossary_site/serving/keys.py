"""The names of what a stored page shows: the only place their strings are made.

A stored page records the keys of what it showed when it was rendered; a change
names the keys it touched, and the pages that showed one are rendered again
(serving/invalidation.py). Every producer and consumer of a key calls a function
here, so the vocabulary stays one:

- item("term", 12): the item itself (its own page);
- card("term", 12): what other pages show of it (title, address, summary, publication);
- mentions("term", 12): which bodies link it (its page lists them; pages that group by it);
- listing("term"): every list of the kind (the index, the letters, the sidebar);
- grouping(name, pk): a grouping a kind declares, such as the articles of a tag;
- translations(key): an item's versions in the site's languages (its page's
  hreflang alternates and language switcher).

Lists and fragments are kept apart per language by what they are stored under
(the path, which carries the language's prefix; fragments.py), not by their keys:
a change of a German term raises "list:term", and so marks stale the term lists
of every language, which is correct if more than needed.
"""

from glossary_site.content import languages


def _name(kind):
    """A kind given as its name, or as a model or item."""
    return kind if isinstance(kind, str) else kind._meta.model_name


def item(kind, pk=None):
    """item(obj) or item("term", 12)."""
    if pk is None:
        return f"{_name(kind)}:{kind.pk}"
    return f"{_name(kind)}:{pk}"


def card(kind, pk=None):
    """card(obj) or card("term", 12)."""
    if pk is None:
        return f"card:{_name(kind)}:{kind.pk}"
    return f"card:{_name(kind)}:{pk}"


def mentions(kind, pk):
    return f"mentions:{_name(kind)}:{pk}"


# The counter every change raises (feeds, sitemaps, pages that name nothing narrower).
CONTENT = "content"

LISTING_PREFIX = "list:"


def listing(kind):
    """The counter (and key) of every list of a kind."""
    return f"{LISTING_PREFIX}{_name(kind)}"


def translations(translation_key):
    """Every version of one item (Publishable.translation_key): one appears, goes or
    moves, and the pages of the others change their alternates."""
    return f"translations:{translation_key}"


def versions_of(item):
    """What an item's page shows of its versions in other languages: nothing on a
    site of one language."""
    return [translations(item.translation_key)] if languages.is_multilingual() else []


def grouping(name, pk):
    """A grouping of items a kind declares (grouping("articles-tagged", 3))."""
    return f"{name}:{pk}"
