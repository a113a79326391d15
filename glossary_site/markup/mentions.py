"""Keep automatic term links right as terms come and go.

A term or article body is linked when it is saved (Publishable.save). When a term
itself changes (new, renamed, new summary, aliases, unpublished, deleted), the
bodies that mention it, and only those, are linked again by the background worker
(relinking.py), so an editor never waits on a large site and a crash loses nothing.
"""

import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.markup import relinking
from glossary_site.markup.linker import Target, TermMatcher, phrases
from glossary_site.markup.models import TermChange
from glossary_site.serving import versions

PATCH_LIMIT = 200  # more terms changed than this since a process last looked: build afresh
MARGIN = timedelta(minutes=5)  # a change may commit this long after it was written; clocks differ
REBUILD_AFTER = timedelta(hours=1)  # and build afresh now and then, whatever happened
_built = {"version": None, "matcher": None, "next_publication": None, "built_at": None, "looked_at": None}
ALL_BODIES_FROM = 2000  # names changed in a batch past which every body is relinked
_patched = {}  # term id -> when this process last took it out and put it back
_lock = threading.Lock()


def _terms():
    return registry.link_target().model.objects.published()


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
    """(name, Target) of the given published terms: titles first, then aliases."""
    kind = registry.link_target()
    rules = kind.link_rules(terms) if kind.link_rules else {}
    targets = {
        term_id: Target(term_id, slug, slug_url(kind.url_name, slug), summary, **rules.get(term_id, {}))
        for term_id, slug, summary in terms.values_list("id", "slug", "summary")
    }
    names = [(title, targets[term_id]) for term_id, title in terms.values_list("id", "title")]
    if kind.other_names:
        name = f"{kind.other_names}__name"
        others = kind.model.objects.filter(pk__in=targets, **{f"{name}__isnull": False}).order_by(name)
        names += [(other, targets[term_id]) for term_id, other in others.values_list("id", name)]
    return names


def _build():
    # A name two terms share links neither (linker.py): the editor links the right one.
    return TermMatcher(_names(_terms()), never_in=phrases(settings.TERM_LINKS_NEVER_IN))


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
    if getattr(_batch, "state", None) is not None:
        return html, []  # linked once, at the end of the batch
    return matcher().link(html, exclude_term_id=own_term_id, own_names=own_names)


# --- batches: many saves, one matcher ------------------------------------------
_batch = threading.local()
_batch.state = None


@contextmanager
def batch(progress=None):
    """Many saves in one transaction (an import, the demo): bodies are not linked one by
    one against a matcher every term save makes stale; at the end, still inside the
    transaction, the matcher is built once and every body saved or affected is linked
    against the final set of terms. Nothing is left for the background worker.
    progress(done, total), if given, follows that linking."""
    if getattr(_batch, "state", None) is not None:
        yield  # already in one: the outer batch links at its end
        return
    _batch.state = {"saved": set(), "names": set(), "terms": set(), "items": set()}
    try:
        with versions.coalesced():
            yield
            state, _batch.state = _batch.state, None
            # Bodies saved in the batch were stored rendered but unlinked: link those as
            # stored, render the others (their stored HTML carries old links) again.
            saved = state["saved"]
            relinking.relink(saved, from_stored=True, progress=progress)
            relinking.relink(_bodies_of(state) - saved)
    finally:
        _batch.state = None


def in_batch():
    return getattr(_batch, "state", None) is not None


def saved(item):
    """Note a body saved inside a batch (Publishable.save)."""
    if getattr(_batch, "state", None) is not None:
        _batch.state["saved"].add((registry.of(item).name, item.pk))


def created(items, link_target):
    """Note items created in bulk inside a batch (editorial/bulk_create.py), as their
    saves would have: their bodies to link at its end and, for new terms, the change
    log entry every process's matcher follows and their names to look for in bodies."""
    state = getattr(_batch, "state", None)
    if state is None:
        raise RuntimeError("Items are created in bulk only inside mentions.batch().")
    state["saved"].update((registry.of(item).name, item.pk) for item in items)
    if link_target:
        TermChange.objects.bulk_create([TermChange(term_id=item.pk) for item in items], batch_size=1000)
        for item in items:
            state["names"].update((item.title, *item.alias_names()))
            state["terms"].add(item.pk)


def _bodies_of(state):
    if len(state["names"]) > ALL_BODIES_FROM:
        return relinking.every_body()  # cheaper than searching for every name
    bodies = set(state["saved"]) | state["items"]
    for term_id in state["terms"]:
        bodies |= relinking.bodies_linking(term_id)
    if state["names"]:
        bodies |= set(relinking.bodies_with_names(state["names"]))
    return bodies


def relink_after_change(term, old_names=()):
    """Have the bodies that mention the term, by an old or a new name, linked again by
    the background worker (call inside the saving transaction; see relinking.py)."""
    names = {term.title, *term.alias_names(), *old_names}
    if getattr(_batch, "state", None) is not None:
        _batch.state["names"] |= names
        _batch.state["terms"].add(term.pk)
        return
    relinking.request(term.pk, names)


def relink_after_delete(term):
    """The same for a term about to be deleted: its mention rows go with it, so the
    bodies that link it are named now (call from pre_delete)."""
    items, names = relinking.bodies_linking(term.pk), {term.title, *term.alias_names()}
    if getattr(_batch, "state", None) is not None:
        _batch.state["items"] |= items
        _batch.state["names"] |= names
        return
    relinking.request(term.pk, names, items)
