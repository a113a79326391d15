"""Helping a reader who has not found the words yet: suggestions as they type,
"did you mean" when nothing matched (its results shown at once when it is surely
what was meant: corrected()), and similar titles on the 404 page."""

import difflib

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from rapidfuzz import process
from rapidfuzz.distance import Indel

from glossary_site.content import registry
from glossary_site.content.languages import source_language
from glossary_site.content.paths import slug_url
from glossary_site.content.text import fold, sort_key
from glossary_site.search.analysis import CJK_RUN, analysis, normalise, unaccented
from glossary_site.search.models import SearchWord
from glossary_site.search.query import MAX_QUERY_CHARS, MAX_WORDS, in_language, postgres, query_words
from glossary_site.search.results import finds_anything, search
from glossary_site.search.variants import name_keys, numbers

SUGGEST_LIMIT = 8
# Of those, at most this many are other items (articles), after the terms: a reader
# typing a term's name still sees the glossary first.
OTHER_KINDS_AT_MOST = 3
# Titles starting with the typed text are read in alphabetical order, this many,
# and then reordered: enough to reach "Containers" past a run of "Container …".
SUGGEST_WINDOW = 50
# Neighbours of a word read for "did you mean", at most.
NEIGHBOURS_AT_MOST = 20_000


def did_you_mean(query, language=None):
    """What the reader probably meant by a query that found nothing, or None: the
    closest published term title, else the query with each unknown word replaced by
    the closest word of published titles, aliases, summaries and bodies, if that
    finds something. All of the language's items (the source language if None)."""
    language = language or source_language()
    text = (query or "")[:MAX_QUERY_CHARS].strip()
    suggestion, checked = _candidate(text, language)
    found = checked or (suggestion and finds_anything(suggestion, language))
    return suggestion if found else None


def corrected(query, limit, literal=False, language=None):
    """(results, suggestion, shown_for) for a reader's query. When the query finds
    nothing, `suggestion` is its "did you mean"; when that is confident (below) and
    the reader did not ask for the query as written (`literal`), its results are
    the ones returned and `shown_for` is the suggestion, else None."""
    language = language or source_language()
    found = search(query, limit=limit, language=language)
    text = (query or "")[:MAX_QUERY_CHARS].strip()
    if found:
        return found, None, None
    suggestion, checked = _candidate(text, language)
    if suggestion and not literal and confident(text, suggestion):
        # Searched in full at once: a respelling that finds nothing is no suggestion.
        shown = search(suggestion, limit=limit, language=language)
        return (shown, suggestion, suggestion) if shown else (found, None, None)
    if suggestion and (checked or finds_anything(suggestion, language)):
        return found, suggestion, None
    return found, None, None


def _candidate(text, language):
    """(suggestion or None, whether it surely finds something): a published title
    does; a respelling must be searched first. The titles and the words it chooses
    from are read in one query: a search that found nothing has few to spare."""
    if not query_words(text):
        return None, False
    if analysis(language).kind == "cjk":
        title = _closest_cjk_title(_terms(language), text)
        if title:
            return title, True
        words = _words(text, language)
        return _respelled(words, _titles_and_neighbours(text, words, language, titles=False)[1]), False
    words = _words(text, language)
    titles, neighbours = _titles_and_neighbours(text, words, language)
    title = _closest_title(text, titles)
    return (title, True) if title else (_respelled(words, neighbours), False)


def confident(query, suggestion):
    """Whether a suggestion is surely what the reader meant, so that its results
    are shown without asking: it differs from the query, case and accents aside,
    by one typing slip (a letter missed, added, changed, or two swapped) in up to
    six letters, by two in a longer query. Further than that a query is as likely
    a word the glossary lacks ("cafe" is not "Cache"), and the reader chooses."""
    typed, meant = " ".join(fold(query).split()), " ".join(fold(suggestion).split())
    allowed = 1 if len(typed) <= 6 else 2
    return typed != meant and _slips(typed, meant, allowed) <= allowed


def _slips(a, b, most):
    """Edits from a to b (optimal string alignment distance), or most + 1 once
    it is clear there are more than `most`."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    before, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if before and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > most:
            return most + 1
        before, row = row, current
    return row[-1]


def _words(text, language):
    """The query's words as the language's words are kept (SearchWord)."""
    analysed = analysis(language)
    return query_words(text) if analysed.native else [unaccented(w) for w in analysed.words(text)[:MAX_WORDS]]


def _respelled(words, neighbours):
    """The words respelled from their neighbours (_titles_and_neighbours()), if any
    is not a word the language has; a word with none is kept as it is."""
    respelled = []
    for word in words:
        near = neighbours.get(word)
        if not near or word in near:  # short, CJK, or a word the language has
            respelled.append(word)
            continue
        close = close_matches(word, near, n=1, cutoff=0.75)
        respelled.append(close[0] if close else word)
    return " ".join(respelled) if respelled != words else None


def _titles_and_neighbours(text, words, language, titles=True):
    """(the titles "did you mean" may offer for the text, {word: the language's words
    with its first letter and nearly its length}) for the words the language does
    not have: a typo's neighbours. A word the language has is what was meant, and
    reading its neighbours would be for nothing (most of a unique query's words).

    One query for all, in plain SQL: building it through the ORM cost more than the
    rest of a search that found nothing, the query itself included."""
    unsure = sorted({word for word in words if len(word) > 3 and not CJK_RUN.match(word)})
    parts = [_title_sql(text, language)] if titles else []
    if unsure:
        parts.append(_neighbour_sql(unsure, language))
    if not parts:
        return [], {}
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part_sql}) AS part{n}" for n, (part_sql, _) in enumerate(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _, params in parts for param in params])
        rows = cursor.fetchall()
    titles = [value for tag, value in rows if tag == 0]
    found = [value for tag, value in rows if tag == 1]
    near = {word: [w for w in found if w[0] == word[0] and abs(len(w) - len(word)) <= 2] for word in unsure}
    return titles, {word: neighbours for word, neighbours in near.items() if neighbours}


def _neighbour_sql(words, language):
    """(SQL, params) of the neighbours of those words the language does not have.
    Each first letter is a range of the (language, word) index, which the case-blind
    LIKE of `startswith` keeps SQLite from using; the words are kept folded."""
    table = connection.ops.quote_name(SearchWord._meta.db_table)
    near, params = [], []
    for word in words:
        near.append(
            f"(word >= %s AND word < %s AND LENGTH(word) >= %s AND LENGTH(word) <= %s"
            f" AND NOT EXISTS (SELECT 1 FROM {table} WHERE language = %s AND word = %s))"
        )
        params += [word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2, language, word]
    sql = f"SELECT 1 AS tag, word FROM {table} WHERE language = %s AND ({' OR '.join(near)}) LIMIT %s"
    return sql, [language, *params, NEIGHBOURS_AT_MOST * len(words)]


def _title_sql(text, language):
    """(SQL, params) of the published titles the closest title is chosen from."""
    table = connection.ops.quote_name(registry.link_target().model._meta.db_table)
    public = "status = 'published' AND published_at <= %s AND language = %s"
    params = [connection.ops.adapt_datetimefield_value(timezone.now()), language]
    if postgres():
        # pg_trgm's similarity operator (escaped for the driver) and its score.
        sql = f"SELECT 0 AS tag, title FROM {table} WHERE {public} AND title %% %s ORDER BY similarity(title, %s) DESC LIMIT 1"
        return sql, [*params, text, text]
    # Elsewhere: edit similarity against the titles that begin as the text does (its
    # first two letters, a range of the sort key's index), of a length that can reach
    # the cutoff (difflib's ratio is at most 2 * shorter / both lengths; a little
    # looser, as folding may change a length). By the first letter alone, a large
    # glossary gave difflib thousands of titles a search. A slip in the first two
    # letters is left to the respelling of the words, by their first letter.
    begins, size = sort_key(text)[:2], len(text)
    sql = f"""SELECT 0 AS tag, title FROM {table} WHERE {public} AND sort_key >= %s AND sort_key < %s
              AND LENGTH(title) >= %s AND LENGTH(title) <= %s LIMIT 5000"""
    return sql, [*params, begins, begins + "\uffff", size * 2 // 5, size * 5 // 2 + 1]


def close_matches(word, choices, n, cutoff):
    """difflib.get_close_matches(), the same answer sooner: the choices difflib
    would score under the cutoff are left out first, in compiled code. difflib's
    score is 2 * M / both lengths, M the letters of its matching blocks, which
    appear in order in both, so M is at most their longest common subsequence:
    a choice whose Indel similarity (2 * that / both lengths) is under the cutoff
    scores under it in difflib too. In Python, difflib's own first checks cost
    most of a search that found nothing, title by title."""
    # A little under the cutoff: rapidfuzz turns a similarity cutoff into a distance
    # one, rounding, and left out titles at the cutoff exactly when given it.
    kept = process.extract(
        word, choices, scorer=Indel.normalized_similarity, score_cutoff=cutoff - 0.01, limit=None
    )
    return difflib.get_close_matches(word, [choice for choice, _, _ in kept], n=n, cutoff=cutoff)


def _closest_title(text, titles):
    if postgres():
        return titles[0] if titles else None
    by_fold = {fold(title): title for title in titles}
    close = close_matches(fold(text), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def _closest_cjk_title(terms, text):
    """The closest title of CJK text, in Python on either database: neither the
    first letter (CJK titles have no A to Z heading) nor PostgreSQL's trigrams
    (which may skip characters outside ASCII) narrow them down."""
    size = len(text)
    near = terms.annotate(size=Length("title")).filter(size__gte=size * 2 // 5, size__lte=size * 5 // 2 + 1)
    wanted = normalise(text)
    by_form = {normalise(title): title for title in near.values_list("title", flat=True)[:5000]}
    # close_matches() leaves out the titles sharing no character with the query first.
    close = close_matches(wanted, list(by_form), n=1, cutoff=0.6)
    return by_form[close[0]] if close else None


def similar_terms(text, limit=5, language=None):
    """Published terms whose titles look like `text` (for the 404 page)."""
    terms = _terms(language).only("title", "slug")
    text = text[:MAX_QUERY_CHARS]
    if postgres():
        similar = terms.filter(title__trigram_similar=text).annotate(
            similarity=TrigramSimilarity("title", text)
        )
        return list(similar.order_by("-similarity")[:limit])
    letter = fold(text)[:1].upper()
    candidates = {fold(term.title): term for term in terms.filter(index_letter=letter)[:5000]}
    close = close_matches(fold(text), list(candidates), n=limit, cutoff=0.5)
    return [candidates[title] for title in close]


def suggest(query, limit=SUGGEST_LIMIT, language=None):
    """Titles for what the reader has typed, each with its kind's label: terms
    (term_suggestions()), then up to OTHER_KINDS_AT_MOST articles with a word of
    their title starting with it, newest first."""
    prefix = fold((query or "")[:MAX_QUERY_CHARS]).strip()
    if not prefix:
        return []
    language = language or source_language()
    others = _other_kinds(query.strip()[:MAX_QUERY_CHARS], OTHER_KINDS_AT_MOST, language)
    terms = term_suggestions(query, limit - len(others), language)
    label = registry.link_target().model._meta.verbose_name
    return [{**term, "kind": label.capitalize()} for term in terms] + others


def _other_kinds(text, limit, language):
    """Published items of the kinds bodies do not link (articles) whose title has a
    word starting with `text`."""
    found = []
    for kind in registry.kinds():
        if kind.link_target or len(found) >= limit:
            continue
        # A plain scan of titles: the kinds besides the glossary (the blog) are small.
        items = in_language(kind.model.objects.published(), language).filter(
            Q(title__istartswith=text) | Q(title__icontains=" " + text)
        )
        label = kind.model._meta.verbose_name.capitalize()
        for item in items.order_by("-published_at", "-pk").only("title", "slug", "summary")[
            : limit - len(found)
        ]:
            found.append(
                {"title": item.title, "url": item.get_absolute_url(), "summary": item.summary, "kind": label}
            )
    return found


def term_suggestions(query, limit=SUGGEST_LIMIT, language=None):
    """Term titles for what the reader has typed: a term named by it first (in
    any form: "container" puts Containers first), then titles starting with it,
    the term itself before its longer relatives, then titles of other names."""
    prefix = fold((query or "")[:MAX_QUERY_CHARS]).strip()
    if not prefix or limit <= 0:
        return []
    kind = registry.link_target()
    language = language or source_language()
    columns = ("title", "slug", "summary", "sort_key")
    keys = name_keys(prefix)
    named = _terms(language).filter(sort_key__in=keys).values(*columns)[:limit]
    found = sorted(named, key=lambda term: (term["sort_key"] != keys[0], term["sort_key"]))
    # A range on the indexed sort key, not LIKE: both databases use the index for it.
    starting = _terms(language).filter(sort_key__gte=prefix, sort_key__lt=prefix + "\uffff")
    window = starting.exclude(slug__in=[t["slug"] for t in found]).order_by("sort_key")
    found += sorted(window.values(*columns)[:SUGGEST_WINDOW], key=_shortest_relative_first)
    found = found[:limit]
    if len(found) < limit and kind.other_names:
        seen = {term["slug"] for term in found}
        name = f"{kind.other_names}__name"
        others = (
            _terms(language)
            .filter(**{f"{name}__istartswith": query.strip()[:MAX_QUERY_CHARS]})
            .exclude(slug__in=seen)
            .order_by(name)
        )
        found += others.values("title", "slug", "summary")[: limit - len(found)]
    return [
        {"title": t["title"], "url": slug_url(kind.url_name, t["slug"]), "summary": t["summary"]}
        for t in found
    ]


def _shortest_relative_first(term):
    """Titles by their first word in the singular, then by how many words they
    have: Containers, then Container Image and Container Orchestration."""
    first, _, rest = term["sort_key"].partition(" ")
    return (min(numbers(first), key=len), len(rest.split()), term["sort_key"])


def _terms(language=None):
    """The published items of a language (the source language if None) whose
    names bodies link: the glossary's terms."""
    return in_language(registry.link_target().model.objects.published(), language or source_language())
