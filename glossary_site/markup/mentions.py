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
from django.db import close_old_connections, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from glossary_site.markup.linker import Target, TermMatcher

INLINE_LIMIT = 25
TERMS_VERSION = "terms"
log = logging.getLogger(__name__)
_built = {"version": None, "matcher": None, "next_publication": None}
_lock = threading.Lock()


def _terms():
    return apps.get_model("terms", "Term").objects.published()


def _version():
    """The terms' change counter (one primary-key lookup). A scheduled term whose
    time has come is caught by the build's own publication horizon."""
    return apps.get_model("glossary_site", "ContentVersion").current(TERMS_VERSION)


def changed():
    """Record a change of terms or aliases (called inside the saving transaction)."""
    apps.get_model("glossary_site", "ContentVersion").bump(TERMS_VERSION)


def _build():
    # One reverse() and a substitution, not 10,000 reverse() calls.
    pattern = reverse("terms:detail", kwargs={"slug": "slug-placeholder"})
    targets = {
        term_id: Target(term_id, slug, pattern.replace("slug-placeholder", slug), summary)
        for term_id, slug, summary in _terms().values_list("id", "slug", "summary")
    }
    names = [(title, targets[term_id]) for term_id, title in _terms().values_list("id", "title")]
    aliases = apps.get_model("terms", "TermAlias").objects.filter(term_id__in=targets)
    names += [(name, targets[term_id]) for term_id, name in aliases.values_list("term_id", "name")]
    # Titles first, so a title wins over another term's alias of the same words.
    return TermMatcher(names)


def matcher():
    """The matcher for the current terms, rebuilt in this process only when they changed
    or when a scheduled term has gone public since it was built."""
    version, now = _version(), timezone.now()
    with _lock:
        horizon = _built.get("next_publication")
        if _built["version"] != version or (horizon is not None and horizon <= now):
            scheduled = apps.get_model("terms", "Term").objects.filter(
                status="published", published_at__gt=now
            )
            _built.update(
                version=version,
                matcher=_build(),
                next_publication=scheduled.aggregate(first=Min("published_at"))["first"],
            )
        return _built["matcher"]


def link(html, own_term_id=None):
    return matcher().link(html, exclude_term_id=own_term_id)


def _affected(term, names):
    """Items that link the term now, or whose text contains one of its names."""
    from glossary_site.search import indexing

    found = {("term", pk) for pk in term.mentioned_in_terms.values_list("pk", flat=True)}
    found |= {("article", pk) for pk in term.mentioned_in_articles.values_list("pk", flat=True)}
    found |= set(indexing.documents_mentioning(names))
    found.discard(("term", term.pk))
    return found


def relink_after_change(term, old_names=()):
    """Schedule relinking of what mentions term (call inside the saving transaction)."""
    names = {term.title, *term.alias_names(), *old_names}
    affected = _affected(term, names)
    if not affected:
        return
    if len(affected) <= INLINE_LIMIT:
        transaction.on_commit(lambda: relink(affected))
    else:
        transaction.on_commit(lambda: _in_background(affected))


def _in_background(affected):
    def work():
        try:
            relink(affected)
        except Exception:
            log.exception("relinking %d items failed", len(affected))
        finally:
            close_old_connections()

    threading.Thread(target=work, name="relink-terms", daemon=True).start()


def relink(affected):
    """Link the given (kind, id) items again with the current matcher."""
    models = {"term": apps.get_model("terms", "Term"), "article": apps.get_model("articles", "Article")}
    for kind, model in models.items():
        ids = [pk for item_kind, pk in affected if item_kind == kind]
        for item in model.objects.filter(pk__in=ids).iterator():
            item.refresh_links()
