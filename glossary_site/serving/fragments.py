"""Parts many pages show and that change for reasons of their own (the newest
articles, the footer's year): rendered once per change of their own in each
process, and joined into stored pages at request time.

An app registers a fragment in its AppConfig.ready() with the counters it depends
on; its template tag calls `slot()`. While the worker renders a page ahead, a slot
is a marker (the page stores where each fragment goes); in any other render it is
the fragment itself, from the same per-process memory.

A fragment is made in the page's language (the active one: its prepare() reads
only that language's items), and remembered for each language apart.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

MARKER = "<!--fragment-->"


def _same(prepared, argument):
    return argument


@dataclass(frozen=True)
class Fragment:
    """name: what templates' slots call it; render(prepared, argument) -> HTML, where
    prepared = prepare() (its query, run once per change of its counters) and argument is a string
    ("" for none); channels: the counters it depends on (keys.listing());
    by_year: it shows the current year; normalise(prepared, argument): the argument
    that renders the same (the sidebar leaves out the article being read, which
    changes nothing for an article that is not among the newest)."""

    name: str
    render: Callable
    prepare: Callable = lambda: None
    channels: tuple = ()
    by_year: bool = False
    normalise: Callable = _same


_fragments = {}
_rendered = OrderedDict()
_RENDERED_SIZE = 256
renders = {"count": 0}  # fragment renders in this process (tests count them)

# While the worker renders a page ahead: the list the slots are recorded in.


def register(fragment):
    _fragments[fragment.name] = fragment


def get(name):
    return _fragments[name]


def made_from(fragment, snapshot):
    """What the fragment's HTML is made from now: its counters' numbers, and the
    year if it shows it. Equal values, equal HTML."""
    year = (snapshot.year or timezone.localtime().year) if fragment.by_year else None
    return (*snapshot.numbers_of(*fragment.channels), year)


def html(name, argument, snapshot):
    """The fragment's HTML for what it is made from now (memory, or render).""" ""
    fragment = _fragments[name]
    if snapshot is None:  # a request the page cache passes by (staff): always afresh
        prepared = fragment.prepare()
        return fragment.render(prepared, fragment.normalise(prepared, argument))
    current, language = made_from(fragment, snapshot), get_language()
    prepared = _remember((name, language, current), fragment.prepare)
    argument = fragment.normalise(prepared, argument)

    def render():
        renders["count"] += 1
        return fragment.render(prepared, argument)

    return _remember((name, language, current, argument), render)


def _remember(key, compute):
    found = _rendered.get(key)
    if found is None:
        found = _rendered[key] = compute()
        if len(_rendered) > _RENDERED_SIZE:
            _rendered.popitem(last=False)
    else:
        _rendered.move_to_end(key)
    return found


def slot(request, name, argument=""):
    """What a template tag returns: a marker in a render ahead, else the fragment."""
    argument = str(argument if argument is not None else "")
    collected = getattr(request, "fragment_slots", None)
    if collected is not None:
        collected.append(f"{name}:{argument}")
        return mark_safe(MARKER)
    return mark_safe(html(name, argument, getattr(request, "page_snapshot", None)))


def rendered(slots, snapshot):
    """The HTML of each slot ("name:argument") for this snapshot's counters."""
    names = (entry.partition(":") for entry in slots)
    return [html(name, argument, snapshot) for name, _, argument in names]


def join(parts, fragments_html):
    """The stored page's parts with each slot's fragment between them."""
    pieces = [parts[0]]
    for part, fragment in zip(parts[1:], fragments_html, strict=True):
        pieces.append(fragment)
        pieces.append(part)
    return "".join(pieces)


def forget():
    """(tests) Drop every rendered fragment."""
    _rendered.clear()
