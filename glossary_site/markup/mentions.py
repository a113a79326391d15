"""The automatic term linker of this process, kept up to date with the terms.

A term or article body is linked when it is saved (glossary_site/lifecycle.py). When a term
itself changes (new, renamed, new summary, aliases, unpublished, deleted), the
bodies that mention it, and only those, are linked again by the background worker
(relinking.py), so an editor never waits on a large site and a crash loses nothing.

Each language has its matcher: a body links only the terms of its own language (a
German body German terms), with that language's rules of words (linker.py).
"""

import threading
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from glossary_site.content import languages, registry
from glossary_site.content.paths import slug_url
from glossary_site.markup.linker import Target, TermMatcher, phrases
from glossary_site.markup.models import TermChange

PATCH_LIMIT = 200  # more terms changed than this since a process last looked: build afresh
MARGIN = timedelta(minutes=5)  # a change may commit this long after it was written; clocks differ
REBUILD_AFTER = timedelta(hours=1)  # and build afresh now and then, whatever happened
_built = {}  # language -> what this process built for it (_empty())
_lock = threading.Lock()


def _empty():
    return {
        "version": None,
        "matcher": None,
        "next_publication": None,
        "built_at": None,
        "looked_at": None,
        "patched": {},  # term id -> when this process last took it out and put it back
    }


def _terms(language):
    """Every term of the language: the published ones are linked, the others' names
    mask (linker.py)."""
    return registry.link_target().model.objects.filter(language=language)


def _version():
    """The newest entry of the terms' change log, (id, time): one indexed lookup. A
    change rolled back after a process saw it leaves a different newest entry, so the
    process looks again. A scheduled term whose time has come is caught by the
    publication horizon."""
    return TermChange.objects.order_by("-id").values_list("id", "at").first()


def changed(term_id):
    """Record a change of a term's links (called inside the saving transaction)."""
    TermChange.objects.create(term_id=term_id)


def _names(terms, language):
    """(name, Target) of the given terms of the language, with their addresses in it
    (/de/glossary/...), whatever language the saving request speaks: titles first,
    then aliases. A term not
    published (a draft, one scheduled or withdrawn) links nowhere but still masks
    its names: "Gateway" is not linked inside "Payment Gateway" while that is a draft."""
    kind = registry.link_target()
    rules = kind.link_rules(terms) if kind.link_rules else {}
    public = set(terms.published().values_list("id", flat=True))
    targets = {
        term_id: Target(
            term_id,
            slug,
            slug_url(kind.url_name, slug, language),
            summary,
            title=title,
            **{**rules.get(term_id, {}), **({} if term_id in public else {"link_automatically": False})},
        )
        for term_id, slug, summary, title in terms.values_list("id", "slug", "summary", "title")
    }
    names = [(target.title, target) for target in targets.values()]
    if kind.other_names:
        name, linked = f"{kind.other_names}__name", f"{kind.other_names}__link_automatically"
        others = kind.model.objects.filter(pk__in=targets, **{f"{name}__isnull": False}).order_by(name)
        # A name the editor keeps from linking still masks: it links nowhere rather
        # than to a shorter name inside it.
        names += [
            (other, targets[term_id] if link else replace(targets[term_id], link_automatically=False))
            for term_id, other, link in others.values_list("id", name, linked)
        ]
    return names


def _build(language=None):
    """The matcher of the language's terms (the source language's when none is given)."""
    language = language or languages.source_language()
    # A name two terms share links neither (linker.py): the editor links the right one.
    return TermMatcher(
        _names(_terms(language), language),
        never_in=phrases(settings.TERM_LINKS_NEVER_IN),
        own_texts=_own_texts,
        language=language,
    )


def _own_texts(term_id):
    """A term's summary and body (the words its modifiers are judged by, linker.py)."""
    terms = registry.link_target().model.objects.filter(pk=term_id)
    return list(terms.values_list("summary", "body").first() or ())


def matcher(language=None):
    """The matcher for the current terms of the language (the source language when
    none is given). When they changed, the terms changed since this process last
    looked are taken out and put back (a save costs the same at 100,000 terms as at
    10); it is built afresh only when it has none, when many changed, when a
    scheduled term went public, and once an hour."""
    language = language or languages.source_language()
    version, now = _version(), timezone.now()
    with _lock:
        state = _built.setdefault(language, _empty())
        horizon = state["next_publication"]
        fresh = state["matcher"] is not None and state["version"] == version
        if fresh and (horizon is None or horizon > now):
            return state["matcher"]
        if not _caught_up(state, language, now, horizon):
            # The source language's is built as it was before the site had languages.
            built = _build() if languages.is_source(language) else _build(language)
            state.update(matcher=built, built_at=now)
            state["patched"].clear()
        scheduled = registry.link_target().model.objects.scheduled(now).filter(language=language)
        state.update(
            version=version,
            looked_at=now,
            next_publication=scheduled.aggregate(first=Min("published_at"))["first"],
        )
        return state["matcher"]


def matchers():
    """{language: matcher} for every language of the site: what a bulk relink links
    with, each body with its own language's."""
    return {language: matcher(language) for language in languages.site_languages()}


def _caught_up(state, language, now, horizon):
    """Bring the language's built matcher up to date with the terms changed since it
    last looked; False when it must be built afresh instead. Terms it took in during
    the last few minutes are read again too: a change it saw may have been rolled
    back since."""
    built, patched = state["matcher"], state["patched"]
    looked_at, built_at = state["looked_at"], state["built_at"]
    if built is None or looked_at is None or now - built_at > REBUILD_AFTER:
        return False
    if horizon is not None and horizon <= now:
        return False
    recent = TermChange.objects.filter(at__gte=looked_at - MARGIN).values_list("term_id", flat=True)
    ids = set(recent[: PATCH_LIMIT * 5])
    for term_id, at in list(patched.items()):
        if at < now - MARGIN:
            del patched[term_id]
    ids |= patched.keys()
    if len(ids) > PATCH_LIMIT:
        return False
    # A term now of another language is taken out here and put back in its own.
    built.replace_terms(ids, _names(_terms(language).filter(pk__in=ids), language))
    patched.update(dict.fromkeys(ids, now))
    return True


def forget():
    """Drop this process's matcher (tests: each test's database starts again)."""
    with _lock:
        _built.clear()


def link(html, own_term_id=None, own_names=(), language=None):
    """(html with the first mention of each term of its language linked, ids of the
    terms linked). language: the body's (the source language when none is given)."""
    return matcher(language).link(html, exclude_term_id=own_term_id, own_names=own_names)
