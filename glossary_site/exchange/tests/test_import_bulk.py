"""import_content writes new items in bulk (exchange/bulk.py), without a save()
or a signal per item: what those saves made must still all be there, the same as
when an editor types the same terms in the admin, on one process or several."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from glossary_site.markup import mentions
from glossary_site.search import indexing
from glossary_site.search.models import SearchDocument, SearchWord
from glossary_site.serving.models import StoredPage
from terms.models import Term, TermAlias

NAMES = [
    ("API", "api"),
    ("REST", "rest"),
    ("Message Queue", "message-queue"),
    ("Backend Developer", "backend-developer"),
    ("Idempotency", "idempotency"),
    ("Webhook", "webhook"),
    ("Cache", "cache"),
    ("Rate Limiting", "rate-limiting"),
]


def body(n):
    """Mentions of the other terms (by title, alias, plural), headings for a contents list."""
    others = [title for title, _ in NAMES if title != NAMES[n][0]]
    return (
        f"## What it is\n\nA {others[n % 7]} talks to a {others[(n + 2) % 7]}; back end developers "
        f"read about {others[(n + 4) % 7]}s here.\n\n## Why\n\nBecause the rest of the code needs it.\n\n"
        f"## How\n\nSee [the docs](https://example.com/{n}) and `{others[0]}` in code.\n"
    )


def make_glossary():
    """The glossary as editors make it in the admin: one save() per term, alias and pair."""
    terms = []
    for n, (title, slug) in enumerate(NAMES):
        terms.append(
            Term.objects.create(
                title=title,
                slug=slug,
                summary=f"{title}, in one sentence.",
                body=body(n),
                status="draft" if n == 6 else "published",
                published_at=datetime(2024, 3, 19, 12, tzinfo=UTC),
            )
        )
    TermAlias.objects.create(term=terms[3], name="Back End Developer", slug="back-end-developer")
    TermAlias.objects.create(term=terms[2], name="MQ", slug="mq")
    terms[0].related.add(terms[1], terms[5])
    terms[4].related.add(terms[7])


def snapshot():
    """Everything a save makes of a term, by slug: stored HTML and values, links, relations,
    revisions, the search row, its stored page, and the words "did you mean" knows."""
    terms = {}
    for term in Term.objects.prefetch_related("aliases", "related", "mentioned_terms"):
        document = SearchDocument.objects.get(kind="term", object_id=term.pk)
        terms[term.slug] = {
            "stored": (term.body_html, term.toc_html, term.reading_time, term.sort_key, term.index_letter),
            "version": term.version,
            "aliases": sorted((alias.name, alias.slug) for alias in term.aliases.all()),
            "related": sorted(other.slug for other in term.related.all()),
            "links": sorted(other.slug for other in term.mentioned_terms.all()),
            "revisions": list(term.history.values_list("history_type", "title", "body")),
            "search": (document.title, document.aliases, document.summary, document.body, document.status),
            # Its row only: whether it is rendered yet depends on the worker, not the import.
            "stored page": list(
                StoredPage.objects.filter(kind="term", object_id=term.pk).values_list("path", flat=True)
            ),
        }
    return terms, set(SearchWord.objects.values_list("word", flat=True))


def clear_site():
    # Aliases first: deleting a term with aliases re-stores its mention rows from the
    # alias signal, which fails the foreign key check (a bug of terms/signals.py).
    TermAlias.objects.all().delete()
    Term.objects.all().delete()
    SearchWord.objects.all().delete()
    mentions.forget()


@pytest.mark.parametrize("processes", [1, 2])
def test_an_import_stores_what_the_admins_saves_store(
    tmp_path, db, processes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the relinking the saves ask for
        make_glossary()
    typed, typed_words = snapshot()
    assert typed["api"]["links"], "the bodies must link other terms for this test to mean anything"
    call_command("export_content", tmp_path, stdout=StringIO())
    clear_site()

    out = StringIO()
    call_command("import_content", tmp_path, "--processes", str(processes), stdout=out)

    imported, imported_words = snapshot()
    assert out.getvalue().strip() == f"{len(NAMES)} created, 0 changed, 0 unchanged."
    assert imported == typed
    assert imported_words == typed_words


def test_imported_terms_are_found_by_search_and_linked_by_the_next_save(tmp_path, client, make_article):
    make_glossary()
    call_command("export_content", tmp_path, stdout=StringIO())
    clear_site()
    mentions.matcher()  # a process that knew the glossary before the import (an empty one)

    call_command("import_content", tmp_path, stdout=StringIO())

    page = client.get("/search/", {"q": "back end developer"}).content.decode()
    assert "/glossary/backend-developer/" in page
    article = make_article(title="Notes", body="Our webhook retries use idempotency keys.")
    assert 'href="/glossary/webhook/"' in article.body_html
    assert 'href="/glossary/idempotency/"' in article.body_html


def test_an_alias_another_term_keeps_is_reported_before_anything_is_written(tmp_path, make_term):
    other = make_term(title="Queue", slug="queue")
    TermAlias.objects.create(term=other, name="MQ", slug="mq")
    (tmp_path / "new.md").write_text(
        "---\nkind: term\ntitle: Message Queue\nslug: message-queue\nstatus: draft\n"
        "aliases:\n- {name: MQ, slug: mq}\n---\nA queue.\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match=r"new.md:6: the alias address 'mq' belongs to the term 'queue'"):
        call_command("import_content", tmp_path, "--dry-run", stdout=StringIO())
    with pytest.raises(CommandError, match="new.md:6"):
        call_command("import_content", tmp_path, stdout=StringIO())
    assert not Term.objects.filter(slug="message-queue").exists()


def test_an_alias_moved_from_a_changed_term_to_a_new_one_is_imported(tmp_path, make_term):
    other = make_term(title="Queue", slug="queue")
    TermAlias.objects.create(term=other, name="MQ", slug="mq")
    call_command("export_content", tmp_path, stdout=StringIO())
    own = tmp_path / "terms" / "queue.md"
    own.write_text(
        own.read_text().replace("- name: MQ\n  slug: mq\n", "").replace("aliases:\n", "aliases: []\n")
    )
    (tmp_path / "terms" / "message-queue.md").write_text(
        "---\nkind: term\ntitle: Message Queue\nslug: message-queue\nstatus: draft\n"
        "aliases:\n- {name: MQ, slug: mq}\n---\nA queue.\n",
        encoding="utf-8",
    )

    call_command("import_content", tmp_path, stdout=StringIO())

    assert TermAlias.objects.get(slug="mq").term.slug == "message-queue"


def test_remembered_words_are_those_of_folding_the_whole_text():
    from glossary_site.content.text import fold
    from glossary_site.search.indexing import _words
    from glossary_site.search.query import WORD

    text = "École naïve Straße ﬁlesystem x½y de\u0301ja\u0300 vu a¨b caf\u00e9\u00a0bar ÉCOLE 2024 RESTful"
    whole = {word for word in WORD.findall(fold(text)) if 3 < len(word) <= 40 and not word.isdigit()}

    assert _words([text]) == whole
    assert {"ecole", "strasse", "filesystem", "deja", "cafe"} <= whole


def test_a_checked_file_gives_its_body_back_exactly_when_it_is_written(tmp_path):
    from glossary_site.exchange.files import read_file

    body = "## Ünïcode\r\n\nLine one.\r\nLine two with a trailing space \n\n---\n\nAfter a rule.\n\n"
    path = tmp_path / "term.md"
    path.write_bytes(
        ("---\r\nkind: term\r\ntitle: Term\r\nslug: term\r\nstatus: draft\r\n---\r\n" + body).encode()
    )
    content = read_file(path)
    assert content.record["body"] == body

    content.set_body_aside({})

    assert content.record["body"] is None  # 100,000 bodies are not held from the check to the end
    assert content.body() == body
    assert content.full_record()["body"] == body


def test_a_file_changed_after_it_was_checked_stops_the_import_and_nothing_is_written(
    tmp_path, db, monkeypatch
):

    for n in range(3):
        (tmp_path / f"term-{n}.md").write_text(
            f"---\nkind: term\ntitle: Term {n}\nslug: term-{n}\nstatus: draft\n---\nBody {n}.\n",
            encoding="utf-8",
        )
    from glossary_site.exchange import plan as planning

    plan = planning.plan

    def edited_meanwhile(checked):
        (tmp_path / "term-2.md").write_text(
            "---\nkind: term\ntitle: Term 2\nslug: term-2\nstatus: draft\n---\nAn unchecked body.\n"
        )
        return plan(checked)

    monkeypatch.setattr(planning, "plan", edited_meanwhile)

    with pytest.raises(CommandError, match=r"term-2.md:7: changed while it was being imported"):
        call_command("import_content", tmp_path, stdout=StringIO())
    assert not Term.objects.exists()


def test_an_imported_term_takes_over_a_stored_page_row_left_at_its_address(tmp_path, db):
    make_glossary()
    call_command("export_content", tmp_path, stdout=StringIO())
    clear_site()
    StoredPage.objects.all().delete()
    # A row an item gone since left, rendered and fresh: it must not be served as the new term's page.
    StoredPage.objects.create(
        path="/glossary/webhook/", kind="term", object_id=999_999, html="old", stale=False
    )

    call_command("import_content", tmp_path, stdout=StringIO())

    row = StoredPage.objects.get(path="/glossary/webhook/")
    assert (row.object_id, row.stale) == (Term.objects.get(slug="webhook").pk, True)
    published = Term.objects.filter(status="published").count()
    assert StoredPage.objects.filter(kind="term", stale=True).count() == published


def test_an_import_gives_sqlite_a_large_page_cache_and_sets_it_back(tmp_path, db):
    from django.db import connection
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from glossary_site.exchange import bulk

    # A SQLite connection of its own, so this holds whichever database the suite runs on.
    sqlite = DatabaseWrapper(
        {**connection.settings_dict, "NAME": str(tmp_path / "site.db"), "OPTIONS": {}}, alias="import-test"
    )

    def setting(name):
        with sqlite.cursor() as cursor:
            return cursor.execute(f"PRAGMA {name}").fetchone()[0]

    before = setting("cache_size")
    try:
        with bulk.roomy_database(sqlite):
            during = setting("cache_size")
        after = setting("cache_size")
    finally:
        sqlite.close()

    assert during == -bulk.SQLITE_CACHE_KB
    assert after == before != during


def test_an_imported_article_shows_on_its_older_neighbours_stored_page(
    tmp_path, make_article, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Older", slug="older", published_at=datetime(2024, 1, 1, tzinfo=UTC))
        newer = make_article(title="Newer", slug="newer", published_at=datetime(2024, 2, 1, tzinfo=UTC))
    call_command("export_content", str(tmp_path), stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        newer.delete()
    assert 'rel="next"' not in client.get("/blog/older/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_content", str(tmp_path), stdout=StringIO())  # Newer is new again: in bulk
    page = client.get("/blog/older/")
    assert page["X-Page-Cache"] == "stored"
    assert '<a rel="next" href="/blog/newer/">' in page.content.decode()


def found(word):
    """Slugs of the terms whose search row has the word (the full-text index)."""
    ids = [pk for kind, pk in indexing.documents_mentioning([word]) if kind == "term"]
    return set(Term.objects.filter(pk__in=ids).values_list("slug", flat=True))


def index_matches_its_rows():
    """Whether the full-text index holds exactly what its rows say. SQLite: FTS5's own
    integrity check of its separate index. PostgreSQL: every row's tsvector is the one
    its text makes now (a row indexed for an older text, or never, fails)."""
    if connection.vendor == "postgresql":
        from glossary_site.search import postgres

        rows = SearchDocument.objects.annotate(fresh=postgres.weighted_vector())
        return all(vector == fresh for vector, fresh in rows.values_list("vector", "fresh"))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO glossary_site_searchdocument_fts(glossary_site_searchdocument_fts, rank) "
                "VALUES ('integrity-check', 1)"
            )
    except DatabaseError:
        return False
    return True


def triggers():
    """The triggers on the search tables (SQLite keeps FTS5 in step with them; an
    import drops them for its block and must put them back)."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgrelid = 'glossary_site_searchdocument'::regclass AND NOT tgisinternal ORDER BY tgname"
        )
    else:
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_rows_indexed_at_the_end_of_a_block_are_found_as_they_ended_up(make_term):
    kept, changed, gone = (
        make_term(title="Kept", slug="kept", body="Old zebra text."),
        make_term(title="Changed", slug="changed", body="Old walrus text."),
        make_term(title="Gone", slug="gone", body="Old walrus text."),
    )
    before = triggers()
    with transaction.atomic(), indexing.indexed_at_end():
        new = make_term(title="New", slug="new", body="First narwhal draft.")
        new.body = "Second okapi draft."
        new.save()
        brief = make_term(title="Brief", slug="brief", body="A narwhal for a moment.")
        brief.delete()
        changed.body = "New okapi text."
        changed.save()
        gone.delete()

    assert found("zebra") == {kept.slug}
    assert found("okapi") == {"new", "changed"}
    assert found("narwhal") == set()  # the new term's first body, and a term deleted since
    assert found("walrus") == set()  # the changed term's old body, and a deleted term
    assert index_matches_its_rows()
    assert triggers() == before
    # The triggers index the next save again.
    make_term(title="Later", slug="later", body="A quokka appears.")
    assert found("quokka") == {"later"}


class ImportStopped(Exception):
    pass


def test_a_block_that_fails_leaves_the_index_as_it_was(make_term):
    make_term(title="Kept", slug="kept", body="Old zebra text.")
    before = triggers()
    with pytest.raises(ImportStopped), transaction.atomic(), indexing.indexed_at_end():
        make_term(title="New", slug="new", body="A narwhal.")
        raise ImportStopped

    assert found("narwhal") == set()
    assert found("zebra") == {"kept"}
    assert triggers() == before
    assert index_matches_its_rows()
    make_term(title="Later", slug="later", body="A quokka appears.")
    assert found("quokka") == {"later"}


def test_indexing_at_the_end_is_only_allowed_inside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError, match="inside a transaction"), indexing.indexed_at_end():
        pass


def test_an_import_that_creates_and_changes_terms_leaves_every_one_searchable(tmp_path, make_term):
    make_glossary()
    call_command("export_content", tmp_path, stdout=StringIO())
    webhook = tmp_path / "terms" / "webhook.md"
    webhook.write_text(webhook.read_text().replace("talks to", "gossips with"))
    Term.objects.filter(slug__in=["api", "rest"]).delete()

    call_command("import_content", tmp_path, stdout=StringIO())

    assert {"api", "rest"} <= found("API")  # created by the import
    assert found("gossips") == {"webhook"}  # changed by it
    assert index_matches_its_rows()
