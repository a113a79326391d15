"""Keeping the search documents in step with the content: one row per item,
written at save, so a search never renders Markdown."""

from django.db import connection

from glossary_site.content.languages import site_languages, source_language
from glossary_site.search import postgres, sqlite
from glossary_site.search.analysis import analysis
from glossary_site.search.models import SearchWord
from glossary_site.search.query import documents, query_words
from glossary_site.search.query import postgres as on_postgres


def language_of(item):
    return item.language


def _fields(item, text):
    """The search row's columns for an item and its body's text."""
    language = language_of(item)
    names = [item.title, *item.alias_names()]
    analysed = analysis(language)
    return {
        "slug": item.slug,
        "language": language,
        "title": item.title,
        "aliases": " ".join(names[1:]),
        "summary": item.summary,
        "body": text,
        "analysed_names": "\n".join(analysed.index_text(name) for name in names).strip(),
        "analysed_summary": analysed.index_text(item.summary),
        "analysed_body": analysed.index_text(text),
        "status": item.status,
        "published_at": item.published_at,
    }


def _vector(row):
    """The PostgreSQL vector of a search row (as a dict of its columns, or the row)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    if analysis(get("language")).native:
        return postgres.weighted_vector()
    return postgres.analysed_vector(get("analysed_names"), get("analysed_summary"), get("analysed_body"))


def index(item, text):
    """Write (or rewrite) the search row of a term or article after it is saved."""
    rows = documents()
    key = {"kind": item._meta.model_name, "object_id": item.pk}
    fields = _fields(item, text)
    # One UPDATE for the usual case, an item saved before (update_or_create would
    # read and lock the row first, in a savepoint of its own).
    if not rows.filter(**key).update(**fields):
        rows.create(**key, **fields)
    if on_postgres():
        rows.filter(**key).update(vector=_vector(fields))
    if item.status == "published":
        # The aliases as _fields() read them: once a save.
        remember_words(fields["language"], item.title, fields["aliases"], item.summary, text)


def index_new(items, texts, known_words):
    """The search rows of items just created in bulk (an import), as index() writes
    them one by one: one insert for all. `known_words`: the words already remembered
    in this import, a set this adds to, so each word is written once."""
    if not items:
        return
    rows, kind = documents(), items[0]._meta.model_name
    rows.filter(kind=kind, object_id__in=[item.pk for item in items]).delete()  # none, unless stale
    created = rows.bulk_create(
        rows.model(kind=kind, object_id=item.pk, **_fields(item, text))
        for item, text in zip(items, texts, strict=True)
    )
    if on_postgres():
        written = rows.filter(kind=kind, object_id__in=[item.pk for item in items])
        native = [row.pk for row in created if analysis(row.language).native]
        written.filter(pk__in=native).update(vector=postgres.weighted_vector())
        for row in created:
            if row.pk not in native:
                written.filter(pk=row.pk).update(vector=_vector(row))
    published = [(item, text) for item, text in zip(items, texts, strict=True) if item.status == "published"]
    for language in {language_of(item) for item, _ in published}:
        words = {
            (language, word)
            for word in _words(
                (
                    text
                    for item, text in published
                    if language_of(item) == language
                    for text in (item.title, *item.alias_names(), item.summary, text)
                ),
                language,
            )
        }
        _add_words(words - known_words)
        known_words |= words


def indexed_at_end():
    """A block (an import's transaction) whose new search rows are added to the
    full-text index together at its end (SQLite: sqlite.indexed_at_end()); PostgreSQL
    indexes each row as it is written, at no extra cost."""
    return sqlite.indexed_at_end()


def _words(texts, language=None):
    """The folded words of the texts worth remembering. Folding keeps spaces where they
    are and works a character at a time, so each distinct space-separated piece is
    folded once: the same words as folding the whole text, at a fraction of the cost."""
    pieces = {piece for text in texts for piece in (text or "").split()}
    spelled = analysis(language or source_language()).spelled_words
    return {word for piece in pieces for word in spelled(piece) if 3 < len(word) <= 40 and not word.isdigit()}


def _add_words(words):
    """Remember (language, word) pairs."""
    if words:
        SearchWord.objects.bulk_create(
            [SearchWord(language=language, word=word) for language, word in words],
            ignore_conflicts=True,
            batch_size=500,
        )


def remember_words(language, *texts):
    """Keep the words of published text in a language for "did you mean" (SearchWord).
    An edit adds few words, if any: reading which are known costs less than offering
    them all."""
    words = sorted(_words(texts, language))
    _add_words({(language, word) for word in set(words) - _known(language, words)})


def _known(language, words):
    """Which of the words are kept in the language already. In SQL of its own: the
    ORM's `word__in` prepares each of a body's some hundred words one at a time, which
    made this read the largest single cost of a save."""
    table = connection.ops.quote_name(SearchWord._meta.db_table)
    known = set()
    with connection.cursor() as cursor:
        for start in range(0, len(words), 500):
            chunk = words[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT word FROM {table} WHERE language = %s AND word IN ({marks})", [language, *chunk]
            )
            known.update(word for (word,) in cursor.fetchall())
    return known


def remove(item):
    documents().filter(kind=item._meta.model_name, object_id=item.pk).delete()


def documents_mentioning(names, limit=10_000):
    """(kind, object_id) of every document whose text contains one of the names:
    in English text as words in a row; in the other site languages' by their own
    analysis (every word of a name, a CJK word inside longer ones), which may find
    a few documents more than mention a name, never fewer."""
    backend = postgres if on_postgres() else sqlite
    phrases = [words for words in (query_words(name) for name in names) if words]
    found = backend.documents_mentioning(phrases, limit) if phrases else []
    for language in site_languages():
        analysed = analysis(language)
        if analysed.native or len(found) >= limit:
            continue
        terms = [terms for terms in (analysed.query_terms(analysed.words(name)) for name in names) if terms]
        if terms:
            found += backend.analysed_documents_mentioning(terms, limit - len(found), language)
    return found


def update_aliases(term):
    """Rewrite only the aliases of a term's search row (they are edited inline)."""
    rows = documents().filter(kind=term._meta.model_name, object_id=term.pk)
    names = [term.title, *term.alias_names()]
    language, analysed = language_of(term), analysis(language_of(term))
    rows.update(
        aliases=" ".join(names[1:]),
        analysed_names="\n".join(analysed.index_text(name) for name in names).strip(),
    )
    if term.status == "published":
        remember_words(language, *term.alias_names())
    if on_postgres():
        for row in rows:
            rows.filter(pk=row.pk).update(vector=_vector(row))
