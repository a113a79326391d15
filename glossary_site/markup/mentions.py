"""Keep automatic term links right as terms come and go.

A term or article body is linked when it is saved (Publishable.save). When a term
itself changes (new, renamed, new summary, aliases, unpublished, deleted), the
bodies that mention it, and only those, are linked again: in the same request for
a few, in a background thread after the commit for many, so an editor never waits
on a large site.
"""

import logging
import threading

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Min
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.markup.linker import Target, TermMatcher, phrases
from glossary_site.search import indexing

INLINE_LIMIT = 25
TERMS_VERSION = "terms"
log = logging.getLogger(__name__)
_built = {"version": None, "matcher": None, "next_publication": None}
_lock = threading.Lock()


def _terms():
    return registry.link_target().model.objects.published()


def _version():
    """The terms' change counter (one primary-key lookup). A scheduled term whose
    time has come is caught by the build's own publication horizon."""
    return apps.get_model("glossary_site", "ContentVersion").current(TERMS_VERSION)


def changed():
    """Record a change of terms or aliases (called inside the saving transaction)."""
    apps.get_model("glossary_site", "ContentVersion").bump(TERMS_VERSION)


def _build():
    kind = registry.link_target()
    rules = kind.link_rules(_terms()) if kind.link_rules else {}
    targets = {
        term_id: Target(term_id, slug, slug_url(kind.url_name, slug), summary, **rules.get(term_id, {}))
        for term_id, slug, summary in _terms().values_list("id", "slug", "summary")
    }
    names = [(title, targets[term_id]) for term_id, title in _terms().values_list("id", "title")]
    if kind.other_names:
        name = f"{kind.other_names}__name"
        others = kind.model.objects.filter(pk__in=targets, **{f"{name}__isnull": False}).order_by(name)
        names += [(other, targets[term_id]) for term_id, other in others.values_list("id", name)]
    # A name two terms share links neither (linker.py): the editor links the right one.
    return TermMatcher(names, never_in=phrases(settings.TERM_LINKS_NEVER_IN))


def matcher():
    """The matcher for the current terms, rebuilt in this process only when they changed
    or when a scheduled term has gone public since it was built."""
    version, now = _version(), timezone.now()
    with _lock:
        horizon = _built.get("next_publication")
        if _built["version"] != version or (horizon is not None and horizon <= now):
            scheduled = registry.link_target().model.objects.scheduled(now)
            _built.update(
                version=version,
                matcher=_build(),
                next_publication=scheduled.aggregate(first=Min("published_at"))["first"],
            )
        return _built["matcher"]


def link(html, own_term_id=None, own_names=()):
    return matcher().link(html, exclude_term_id=own_term_id, own_names=own_names)


def affected(term, names):
    """Items that link the term now, or whose text contains one of its names."""
    found = set()
    for kind in registry.kinds():
        if kind.mentions:
            linking = kind.model.objects.filter(**{kind.mentions: term}).values_list("pk", flat=True)
            found |= {(kind.name, pk) for pk in linking}
    found |= set(indexing.documents_mentioning(names))
    found.discard(("term", term.pk))
    return found


def relink_after_change(term, old_names=()):
    """Schedule relinking of what mentions term (call inside the saving transaction)."""
    names = {term.title, *term.alias_names(), *old_names}
    items = affected(term, names)
    if not items:
        return
    if len(items) <= INLINE_LIMIT:
        transaction.on_commit(lambda: relink(items))
    else:
        transaction.on_commit(lambda: _in_background(items))


def _in_background(affected):
    def work():
        try:
            relink(affected)
        except Exception:
            log.exception("relinking %d items failed", len(affected))
        finally:
            close_old_connections()

    threading.Thread(target=work, name="relink-terms", daemon=True).start()


def relink(items):
    """Link the given (kind, id) items again with the current matcher."""
    for kind in registry.kinds():
        ids = [pk for item_kind, pk in items if item_kind == kind.name]
        for item in kind.model.objects.filter(pk__in=ids).iterator():
            item.refresh_links()
