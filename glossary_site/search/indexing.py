"""Keeping the search documents in step with the content: one row per item,
written at save, so a search never renders Markdown."""

from glossary_site.content.text import fold
from glossary_site.search import postgres, sqlite
from glossary_site.search.models import SearchWord
from glossary_site.search.query import WORD, documents, query_words
from glossary_site.search.query import postgres as on_postgres


def index(item, text):
    """Write (or rewrite) the search row of a term or article after it is saved."""
    rows = documents()
    key = {"kind": item._meta.model_name, "object_id": item.pk}
    values = {
        "slug": item.slug,
        "title": item.title,
        "aliases": " ".join(item.alias_names()),
        "summary": item.summary,
        "body": text,
        "status": item.status,
        "published_at": item.published_at,
    }
    # One UPDATE for the usual case, an item saved before (update_or_create would
    # read and lock the row first, in a savepoint of its own).
    if not rows.filter(**key).update(**values):
        rows.create(**key, **values)
    if on_postgres():
        rows.filter(**key).update(vector=postgres.weighted_vector())
    if item.status == "published":
        remember_words(item.title, *item.alias_names(), item.summary, text)


def index_new(items, texts, known_words):
    """The search rows of items just created in bulk (an import), as index() writes
    them one by one: one insert for all. `known_words`: the words already remembered
    in this import, a set this adds to, so each word is written once."""
    if not items:
        return
    rows, kind = documents(), items[0]._meta.model_name
    rows.filter(kind=kind, object_id__in=[item.pk for item in items]).delete()  # none, unless stale
    rows.bulk_create(
        rows.model(
            kind=kind,
            object_id=item.pk,
            slug=item.slug,
            title=item.title,
            aliases=" ".join(item.alias_names()),
            summary=item.summary,
            body=text,
            status=item.status,
            published_at=item.published_at,
        )
        for item, text in zip(items, texts, strict=True)
    )
    if on_postgres():
        rows.filter(kind=kind, object_id__in=[item.pk for item in items]).update(
            vector=postgres.weighted_vector()
        )
    published = [(item, text) for item, text in zip(items, texts, strict=True) if item.status == "published"]
    words = _words(
        text for item, text in published for text in (item.title, *item.alias_names(), item.summary, text)
    )
    _add_words(words - known_words)
    known_words |= words


def indexed_at_end():
    """A block (an import's transaction) whose new search rows are added to the
    full-text index together at its end (SQLite: sqlite.indexed_at_end()); PostgreSQL
    indexes each row as it is written, at no extra cost."""
    return sqlite.indexed_at_end()


def _words(texts):
    """The folded words of the texts worth remembering. Folding keeps spaces where they
    are and works a character at a time, so each distinct space-separated piece is
    folded once: the same words as folding the whole text, at a fraction of the cost."""
    pieces = {piece for text in texts for piece in (text or "").split()}
    return {
        word
        for piece in pieces
        for word in WORD.findall(fold(piece))
        if 3 < len(word) <= 40 and not word.isdigit()
    }


def _add_words(words):
    if words:
        SearchWord.objects.bulk_create(
            [SearchWord(word=word) for word in words], ignore_conflicts=True, batch_size=500
        )


def remember_words(*texts):
    """Keep the words of published text for "did you mean" (SearchWord). An edit adds
    few words, if any: reading which are known costs less than offering them all."""
    words, known = sorted(_words(texts)), set()
    for start in range(0, len(words), 500):
        chunk = words[start : start + 500]
        known |= set(SearchWord.objects.filter(word__in=chunk).values_list("word", flat=True))
    _add_words(set(words) - known)


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
    if term.status == "published":
        remember_words(*term.alias_names())
    if on_postgres():
        rows.update(vector=postgres.weighted_vector())
