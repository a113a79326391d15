"""Keeping the search documents in step with the content: one row per item,
written at save, so a search never renders Markdown."""

from glossary_site.search import postgres, sqlite
from glossary_site.search.query import documents, query_words
from glossary_site.search.query import postgres as on_postgres


def index(item, text):
    """Write (or rewrite) the search row of a term or article after it is saved."""
    rows = documents()
    document, _ = rows.update_or_create(
        kind=item._meta.model_name,
        object_id=item.pk,
        defaults={
            "slug": item.slug,
            "title": item.title,
            "aliases": " ".join(item.alias_names()),
            "summary": item.summary,
            "body": text,
            "status": item.status,
            "published_at": item.published_at,
        },
    )
    if on_postgres():
        rows.filter(pk=document.pk).update(vector=postgres.weighted_vector())


def remove(item):
    documents().filter(kind=item._meta.model_name, object_id=item.pk).delete()


def documents_mentioning(names, limit=10_000):
    """(kind, object_id) of every document whose text contains one of the names."""
    phrases = [words for words in (query_words(name) for name in names) if words]
    if not phrases:
        return []
    backend = postgres if on_postgres() else sqlite
    return backend.documents_mentioning(phrases, limit)


def update_aliases(term):
    """Rewrite only the aliases of a term's search row (they are edited inline)."""
    rows = documents().filter(kind=term._meta.model_name, object_id=term.pk)
    rows.update(aliases=" ".join(term.alias_names()))
    if on_postgres():
        rows.update(vector=postgres.weighted_vector())
