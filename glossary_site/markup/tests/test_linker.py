"""Automatic term links: the matcher on its own, then as saves keep it right."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup.linker import Target, TermMatcher
from terms.models import Term, TermAlias


def target(term_id, slug, summary="Summary"):
    return Target(term_id, slug, f"/glossary/{slug}/", summary)


MATCHER = TermMatcher(
    [
        ("Backend Developer", target(1, "backend-developer")),
        ("Developer", target(2, "developer")),
        ("API", target(3, "api", 'Say "hi" <b>&')),
        ("Policy", target(4, "policy")),
        ("Back End Developer", target(1, "backend-developer")),
    ]
)


def links(html, exclude=None):
    out, _ = MATCHER.link(html, exclude_term_id=exclude)
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(out, "html.parser").select("a.term-link")]


def test_first_mention_of_each_term_becomes_a_link_ordinary_words_in_any_case():
    assert links("<p>A Developer calls an API. A developer calls an API.</p>") == [
        ("Developer", "/glossary/developer/"),
        ("API", "/glossary/api/"),
    ]


def test_longer_names_win_and_plurals_match():
    assert links("<p>Backend developers write policies and APIs.</p>") == [
        ("Backend developers", "/glossary/backend-developer/"),
        ("policies", "/glossary/policy/"),
        ("APIs", "/glossary/api/"),
    ]


def test_aliases_link_to_their_term():
    assert links("<p>A back end developer.</p>") == [("back end developer", "/glossary/backend-developer/")]


def test_whole_words_only():
    assert links("<p>Developerish rapidly, capitalism.</p>") == []


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="x">API</h2>',
        "<p><a href='/other/'>API docs</a></p>",
        "<p><code>API</code></p>",
        "<pre><code>call the API</code></pre>",
    ],
)
def test_never_inside_headings_links_code_or_pre(html):
    assert links(html) == []


def test_never_a_link_to_the_page_itself():
    assert links("<p>Backend developer meets API.</p>", exclude=1) == [("API", "/glossary/api/")]


def test_tooltip_is_tied_to_the_link_and_escaped():
    out, ids = MATCHER.link("<p>The API &amp; more.</p>")
    assert ids == [3]
    page = BeautifulSoup(out, "html.parser")
    link = page.select_one("a.term-link")
    tip = page.select_one(f"#{link['aria-describedby']}")
    assert tip["role"] == "tooltip" and tip.has_attr("hidden")
    assert tip.get_text() == link["title"] == 'Say "hi" <b>&'
    assert "<b>" not in out and "&amp; more" in out


def test_a_matcher_patched_with_renamed_terms_links_their_new_first_words_and_not_the_old():
    matcher = TermMatcher([("Ledger", target(1, "ledger")), ("Queue Depth", target(2, "queue-depth"))])

    matcher.replace_terms(
        {1, 2}, [("Journal", target(1, "ledger")), ("Stack Depth", target(2, "queue-depth"))]
    )
    html, linked = matcher.link("<p>A ledger, a journal, queue depth and stack depths.</p>")

    found = [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").select("a.term-link")]
    assert found == [("journal", "/glossary/ledger/"), ("stack depths", "/glossary/queue-depth/")]
    assert linked == [1, 2]


def test_saved_bodies_link_published_terms_and_record_mentions(make_term, make_article):
    api = make_term(title="API", slug="api", summary="An interface.")
    make_term(title="Secret", slug="secret", status="draft")
    article = make_article(body="Our API keeps a Secret.")
    assert 'href="/glossary/api/"' in article.body_html
    assert "/glossary/secret/" not in article.body_html
    assert list(article.mentioned_terms.all()) == [api]


def test_a_new_term_links_the_bodies_that_mention_it(
    make_term, make_article, django_capture_on_commit_callbacks
):
    article = make_article(body="Every payment lands in the ledger.")
    untouched = make_article(body="Nothing relevant here.")
    with django_capture_on_commit_callbacks(execute=True):
        ledger = make_term(title="Ledger", slug="ledger")
    article.refresh_from_db()
    assert 'href="/glossary/ledger/"' in article.body_html
    assert list(ledger.mentioned_in_articles.all()) == [article]
    updated = untouched.updated_at
    untouched.refresh_from_db()
    assert untouched.updated_at == updated


def test_renaming_unpublishing_and_deleting_a_term_relinks_its_mentions(
    make_term, make_article, django_capture_on_commit_callbacks
):
    term = make_term(title="Ledger", slug="ledger")
    article = make_article(body="A ledger and a journal.")

    with django_capture_on_commit_callbacks(execute=True):
        term.title = "Journal"
        term.save()
    article.refresh_from_db()
    assert ">journal</a>" in article.body_html and ">ledger</a>" not in article.body_html

    with django_capture_on_commit_callbacks(execute=True):
        term.status = "draft"
        term.save()
    article.refresh_from_db()
    assert "term-link" not in article.body_html

    term.status = "published"
    with django_capture_on_commit_callbacks(execute=True):
        term.save()
    with django_capture_on_commit_callbacks(execute=True):
        term.delete()
    article.refresh_from_db()
    assert "term-link" not in article.body_html


def test_an_added_alias_links_bodies_that_use_it(make_term, make_article, django_capture_on_commit_callbacks):
    term = make_term(title="Know Your Customer", slug="kyc-term")
    article = make_article(body="Banks run KYC checks.")
    with django_capture_on_commit_callbacks(execute=True):
        TermAlias.objects.create(term=term, name="KYC", slug="kyc")
    article.refresh_from_db()
    assert '<a class="term-link" href="/glossary/kyc-term/"' in article.body_html


def test_reading_time_ignores_the_tooltips(make_term, make_article):
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    for name in names:
        make_term(title=name, slug=name.lower(), summary=("word " * 59).strip())
    article = make_article(body=" ".join(names))
    assert article.body_html.count('class="term-tip"') == 5, "about 300 words of tooltips"
    assert article.reading_time == 1


@pytest.mark.django_db(transaction=True)
def test_relinking_is_queued_with_the_change_and_done_by_the_worker(make_term, make_article, settings):
    from django.core.management import call_command

    from glossary_site.markup.models import RelinkRequest

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    articles = [make_article(body=f"Ledger entry {n}.") for n in range(3)]
    make_term(title="Ledger", slug="ledger")  # commits at once: no surrounding transaction

    request = RelinkRequest.objects.get()
    assert request.names == ["Ledger"]
    for article in articles:
        article.refresh_from_db()
        assert "/glossary/ledger/" not in article.body_html, "the save does not wait for relinking"

    call_command("run_worker", "--batch", "--no-startup-delay", "--worker-id", "test", verbosity=0)

    assert not RelinkRequest.objects.exists()
    for article in articles:
        article.refresh_from_db()
        assert 'href="/glossary/ledger/"' in article.body_html


def test_a_batch_builds_the_matcher_once_and_links_every_body_against_the_final_terms(
    make_term, make_article, monkeypatch
):
    from django.db import transaction

    from glossary_site import lifecycle
    from glossary_site.content.batch import Batch
    from glossary_site.markup import mentions
    from glossary_site.markup.models import RelinkRequest

    builds = []
    real_build = mentions._build
    monkeypatch.setattr(mentions, "_build", lambda: builds.append(1) or real_build())
    batch = Batch()
    with transaction.atomic():
        note = make_article(body="The Ledger and the Journal agree.", batch=batch)
        for title in ("Ledger", "Journal", "Account"):
            make_term(title=title, slug=title.lower(), body="An Account of the Ledger.", batch=batch)
        lifecycle.finish(batch)
    note.refresh_from_db()
    assert 'href="/glossary/ledger/"' in note.body_html and 'href="/glossary/journal/"' in note.body_html
    journal = Term.objects.get(slug="journal")
    assert 'href="/glossary/account/"' in journal.body_html, "a term saved before Account links it"
    assert len(builds) == 1, "one matcher for the whole batch"
    assert not RelinkRequest.objects.exists(), "nothing left for the worker"


def test_changing_only_a_terms_body_asks_for_no_relinking(make_term, make_article):
    from glossary_site.markup.models import RelinkRequest, TermChange

    ledger = make_term(title="Ledger", slug="ledger")
    RelinkRequest.objects.all().delete()
    logged = TermChange.objects.count()
    ledger.body = "A new body for the ledger."
    ledger.save()
    assert TermChange.objects.count() == logged, "every process keeps its matcher"
    assert not RelinkRequest.objects.exists()
    ledger.summary = "A new tooltip."
    ledger.save()
    assert TermChange.objects.count() == logged + 1


def test_a_changed_term_is_patched_into_the_matcher_not_the_whole_glossary_rebuilt(make_term, monkeypatch):
    from glossary_site.markup import mentions

    for title in ("Ledger", "Journal", "Account", "Balance"):
        make_term(title=title, slug=title.lower(), summary=f"About {title}.")
    mentions.matcher()  # built once, as by any earlier request of this process
    builds = []
    real_build = mentions._build
    monkeypatch.setattr(mentions, "_build", lambda: builds.append(1) or real_build())

    ledger = Term.objects.get(slug="ledger")
    ledger.title = "General Ledger"
    ledger.save()
    Term.objects.get(slug="journal").aliases.create(name="Daybook", slug="daybook")
    Term.objects.get(slug="balance").delete()
    account = Term.objects.get(slug="account")
    account.status = "draft"
    account.save()
    make_term(title="Invoice", slug="invoice")

    text = "<p>The General Ledger, the Daybook, a Balance, an Account and an Invoice.</p>"
    patched, _ = mentions.link(text)
    assert builds == [], "patched, not built again"
    fresh, _ = real_build().link(text)
    assert patched == fresh
    linked = BeautifulSoup(patched, "html.parser").select("a.term-link")
    assert [a.get_text() for a in linked] == ["General Ledger", "Daybook", "Invoice"]


def test_a_change_the_matcher_saw_and_that_was_rolled_back_is_undone(make_term):
    from django.db import transaction

    from glossary_site.markup import mentions

    make_term(title="Ledger", slug="ledger", summary="About ledgers.")
    mentions.matcher()
    try:
        with transaction.atomic():
            ledger = Term.objects.get(slug="ledger")
            ledger.title = "Journal"
            ledger.save()
            assert mentions.link("<p>A Journal.</p>")[1], "seen inside the transaction"
            raise RuntimeError("the editor's request fails after the save")
    except RuntimeError:
        pass
    html, linked = mentions.link("<p>A Journal and a Ledger.</p>")
    assert "Journal</a>" not in html and "Ledger</a>" in html


def test_a_batch_that_renames_thousands_of_terms_relinks_every_body_without_searching_each_name(
    make_term, make_article, monkeypatch
):
    from django.db import transaction

    from glossary_site import lifecycle
    from glossary_site.content.batch import Batch
    from glossary_site.markup import relinking

    monkeypatch.setattr(relinking, "ALL_BODIES_FROM", 2)
    outside = make_article(body="The Ledger and the Journal agree.")
    searched = []
    monkeypatch.setattr(relinking, "bodies_with_names", lambda names: searched.append(names) or set())
    batch = Batch()
    with transaction.atomic():
        for title in ("Ledger", "Journal", "Account"):
            make_term(title=title, slug=title.lower(), batch=batch)
        lifecycle.finish(batch)
    outside.refresh_from_db()
    assert searched == [], "three names, over the limit of two: every body, no search"
    assert (
        'href="/glossary/ledger/"' in outside.body_html and 'href="/glossary/journal/"' in outside.body_html
    )
