"""The automatic term linker of this process, kept up to date with the terms.

A term or article body is linked when it is saved (glossary_site/lifecycle.py). When a term
itself changes (new, renamed, new summary, aliases, unpublished, deleted), the
bodies that mention it, and only those, are linked again by the background worker
(relinking.py), so an editor never waits on a large site and a crash loses nothing.
"""

import threading
from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.markup.linker import Target, TermMatcher, phrases
from glossary_site.markup.models import TermChange

PATCH_LIMIT = 200  # more terms changed than this since a process last looked: build afresh
MARGIN = timedelta(minutes=5)  # a change may commit this long after it was written; clocks differ
REBUILD_AFTER = timedelta(hours=1)  # and build afresh now and then, whatever happened
_built = {"version": None, "matcher": None, "next_publication": None, "built_at": None, "looked_at": None}
_patched = {}  # term id -> when this process last took it out and put it back
_lock = threading.Lock()


def _terms():
    """Every term: the published ones are linked, the others' names mask (linker.py)."""
    return registry.link_target().model.objects.all()


def _version():
    """The newest entry of the terms' change log, (id, time): one indexed lookup. A
    change rolled back after a process saw it leaves a different newest entry, so the
    process looks again. A scheduled term whose time has come is caught by the
    publication horizon."""
    return TermChange.objects.order_by("-id").values_list("id", "at").first()


def changed(term_id):
    """Record a change of a term's links (called inside the saving transaction)."""
    TermChange.objects.create(term_id=term_id)


def _names(terms):
    """(name, Target) of the given terms: titles first, then aliases. A term not
    published (a draft, one scheduled or withdrawn) links nowhere but still masks
    its names: "Gateway" is not linked inside "Payment Gateway" while that is a draft."""
    kind = registry.link_target()
    rules = kind.link_rules(terms) if kind.link_rules else {}
    public = set(terms.published().values_list("id", flat=True))
    targets = {
        term_id: Target(
            term_id,
            slug,
            slug_url(kind.url_name, slug),
            summary,
            title=title,
            **{**rules.get(term_id, {}), **({} if term_id in public else {"link_automatically": False})},
        )
        for term_id, slug, summary, title in terms.values_list("id", "slug", "summary", "title")
    }
    names = [(target.title, target) for target in targets.values()]
    if kind.other_names:
        name = f"{kind.other_names}__name"
        others = kind.model.objects.filter(pk__in=targets, **{f"{name}__isnull": False}).order_by(name)
        names += [(other, targets[term_id]) for term_id, other in others.values_list("id", name)]
    return names


def _build():
    # A name two terms share links neither (linker.py): the editor links the right one.
    return TermMatcher(_names(_terms()), never_in=phrases(settings.TERM_LINKS_NEVER_IN), own_texts=_own_texts)


def _own_texts(term_id):
    """A term's summary and body (the words its modifiers are judged by, linker.py)."""
    return list(_terms().filter(pk=term_id).values_list("summary", "body").first() or ())


def matcher():
    """The matcher for the current terms. When they changed, the terms changed since this
    process last looked are taken out and put back (a save costs the same at 100,000
    terms as at 10); it is built afresh only when it has none, when many changed, when
    a scheduled term went public, and once an hour."""
    version, now = _version(), timezone.now()
    with _lock:
        horizon = _built.get("next_publication")
        fresh = _built["matcher"] is not None and _built["version"] == version
        if fresh and (horizon is None or horizon > now):
            return _built["matcher"]
        if not _caught_up(now, horizon):
            _built.update(matcher=_build(), built_at=now)
            _patched.clear()
        scheduled = registry.link_target().model.objects.scheduled(now)
        _built.update(
            version=version,
            looked_at=now,
            next_publication=scheduled.aggregate(first=Min("published_at"))["first"],
        )
        return _built["matcher"]


def _caught_up(now, horizon):
    """Bring the built matcher up to date with the terms changed since it last looked;
    False when it must be built afresh instead. Terms it took in during the last few
    minutes are read again too: a change it saw may have been rolled back since."""
    built, looked_at, built_at = _built["matcher"], _built["looked_at"], _built["built_at"]
    if built is None or looked_at is None or now - built_at > REBUILD_AFTER:
        return False
    if horizon is not None and horizon <= now:
        return False
    recent = TermChange.objects.filter(at__gte=looked_at - MARGIN).values_list("term_id", flat=True)
    ids = set(recent[: PATCH_LIMIT * 5])
    for term_id, at in list(_patched.items()):
        if at < now - MARGIN:
            del _patched[term_id]
    ids |= _patched.keys()
    if len(ids) > PATCH_LIMIT:
        return False
    built.replace_terms(ids, _names(_terms().filter(pk__in=ids)))
    _patched.update(dict.fromkeys(ids, now))
    return True


def forget():
    """Drop this process's matcher (tests: each test's database starts again)."""
    with _lock:
        _built.update(version=None, matcher=None, built_at=None, looked_at=None)
        _patched.clear()


def link(html, own_term_id=None, own_names=()):
    """(html with the first mention of each term linked, ids of the terms linked)."""
    return matcher().link(html, exclude_term_id=own_term_id, own_names=own_names)
