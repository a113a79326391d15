"""Pages rendered ahead of readers by the worker, and re-rendered by what they show.

The worker here is Django's ImmediateBackend: the task queued at the commit runs
at once in the test's process (test_worker.py runs real workers)."""

import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from glossary_site.models import StoredPage
from glossary_site.serving import fragments, pages


@pytest.fixture
def worker(django_capture_on_commit_callbacks):
    """Run what a block queues, as the worker would after its commit; returns a
    function giving the paths rendered ahead during the block."""

    class Run:
        def __init__(self):
            self.rendered = []

        def __enter__(self):
            self.before = {row.path: row.rendered_at for row in StoredPage.objects.all()}
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return self

        def __exit__(self, *exc):
            self.capture.__exit__(*exc)
            after = {row.path: row.rendered_at for row in StoredPage.objects.all()}
            self.rendered = sorted(path for path, at in after.items() if at and at != self.before.get(path))

    return Run


def test_a_page_nobody_requested_is_served_without_rendering_a_template(
    make_term, make_article, worker, client
):
    with worker():
        make_article(title="Launch notes", slug="launch-notes")
        make_term(title="Ledger", slug="ledger", summary="Where every payment is written down.")
        make_term(title="Queue", slug="queue")
    # Another page first: this process renders the shared sidebar once, for all pages.
    client.get("/glossary/queue/")
    page = client.get("/glossary/ledger/")
    assert page.status_code == 200
    assert page["X-Page-Cache"] == "stored"
    assert not page.templates, "a stored page renders no template in the request"
    html = page.content.decode()
    assert "<h1>Ledger</h1>" in html
    assert "Launch notes" in html, "the sidebar fragment is joined in"
    assert f"&copy; {timezone.localtime().year} " in html
    assert fragments.MARKER not in html


def test_a_stored_page_is_the_page_a_render_in_the_request_gives(make_term, make_article, worker, client):
    with worker():
        make_article(title="Launch notes", slug="launch-notes")
        make_term(title="Ledger", slug="ledger", body="A *book* of accounts.")
    stored = client.get("/glossary/ledger/")
    rendered = client.get("/glossary/ledger/?fresh")  # a query string: rendered in the request
    assert stored["X-Page-Cache"] == "stored" and rendered.templates
    assert stored.content == rendered.content


def test_a_typo_fix_re_renders_that_page_only(make_term, make_article, worker):
    with worker():
        make_article(title="Money", slug="money", body="Every payment lands in the ledger.")
        ledger = make_term(title="Ledger", slug="ledger", body="A book of recrods.")
        make_term(title="Payment", slug="payment", body="Money moving into a ledger.")
        account = make_term(title="Account", slug="account")
        account.related.add(ledger)
    with worker() as run:
        ledger.body = "A book of records."
        ledger.save()
    assert run.rendered == ["/glossary/ledger/"]


def test_a_rename_re_renders_the_pages_that_link_or_list_it_and_no_others(
    make_term, make_article, worker, client
):
    with worker():
        make_article(title="Money", slug="money", body="Every payment lands in the ledger.")
        ledger = make_term(title="Ledger", slug="ledger", summary="Where payments are written.")
        make_term(title="Payment", slug="payment", body="Money moving into a ledger.")
        account = make_term(title="Account", slug="account")
        account.related.add(ledger)
        make_term(title="Queue", slug="queue", body="Work waiting its turn.")
    assert 'href="/glossary/ledger/"' in client.get("/glossary/payment/").content.decode()
    with worker() as run:
        ledger.title = "General ledger"
        ledger.save()
    assert run.rendered == ["/blog/money/", "/glossary/account/", "/glossary/ledger/", "/glossary/payment/"]
    assert "General ledger" in client.get("/glossary/account/").content.decode()
    assert client.get("/glossary/queue/")["X-Page-Cache"] == "stored"


def test_publishing_an_article_changes_the_sidebar_on_every_page_with_one_render(
    make_term, make_article, worker, client
):
    with worker():
        terms = [make_term(title=f"Term {n}", slug=f"term-{n}") for n in range(6)]
    for term in terms:
        client.get(term.get_absolute_url())  # each process has rendered the old sidebar
    with worker() as run:
        make_article(title="Fresh from the press", slug="fresh")
    assert run.rendered == ["/blog/fresh/"], "no term page is rendered again"
    before = fragments.renders["count"]
    for term in terms:
        page = client.get(term.get_absolute_url())
        assert page["X-Page-Cache"] == "stored"
        assert [t.name for t in page.templates] in ([], ["includes/recent_articles.html"])
        assert "Fresh from the press" in page.content.decode()
    assert fragments.renders["count"] - before == 1, "the sidebar is rendered once for all the pages"


def test_an_edit_shows_on_the_next_request_before_the_worker_has_run(make_term, worker, client):
    with worker():
        ledger = make_term(title="Ledger", slug="ledger", body="Old words.")
    assert client.get("/glossary/ledger/")["X-Page-Cache"] == "stored"
    ledger.body = "New words."
    ledger.save()  # committed, but the worker has not rendered it yet
    page = client.get("/glossary/ledger/")
    assert "New words." in page.content.decode() and "Old words." not in page.content.decode()
    assert page.get("X-Page-Cache") != "stored"


def test_a_related_term_that_goes_public_later_appears_when_its_time_comes(make_term, worker, client, clock):
    # The page's lists compare with the database's clock, which `clock` moves too.
    soon = timezone.now() + timedelta(minutes=1)
    with worker():
        ledger = make_term(title="Ledger", slug="ledger")
        later = make_term(title="Journal", slug="journal", published_at=soon)
        ledger.related.add(later)
    assert "Journal" not in client.get("/glossary/ledger/").content.decode()
    clock.move_to(soon + timedelta(seconds=0.2))
    assert "Journal" in client.get("/glossary/ledger/").content.decode()
    assert client.get("/glossary/journal/").status_code == 200


@pytest.mark.parametrize("change", ["unpublish", "delete", "rename"])
def test_a_page_that_went_away_is_not_served_from_its_stored_copy(make_term, worker, client, change):
    with worker():
        ledger = make_term(title="Ledger", slug="ledger")
    assert client.get("/glossary/ledger/")["X-Page-Cache"] == "stored"
    if change == "unpublish":
        ledger.status = "draft"
        ledger.save()
    elif change == "delete":
        ledger.delete()
    else:
        ledger.slug = "general-ledger"
        ledger.save()
    answer = client.get("/glossary/ledger/")
    assert answer.status_code == {"unpublish": 410, "delete": 410, "rename": 301}[change]
    assert not StoredPage.objects.filter(path="/glossary/ledger/").exists()


def test_stored_pages_answer_conditional_requests_and_change_their_etag_with_the_sidebar(
    make_term, make_article, worker, client
):
    with worker():
        make_term(title="Ledger", slug="ledger")
    first = client.get("/glossary/ledger/")
    assert first["X-Page-Cache"] == "stored"
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert client.get("/glossary/ledger/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/glossary/ledger/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with worker():
        make_article(title="News", slug="news")
    again = client.get("/glossary/ledger/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "News" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_staff_are_never_served_a_stored_page(make_term, worker, admin_user):
    with worker():
        make_term(title="Ledger", slug="ledger")
    staff = Client()
    staff.force_login(admin_user)
    page = staff.get("/glossary/ledger/")
    assert page.status_code == 200 and "X-Page-Cache" not in page and page.templates


def test_a_stored_page_keeps_the_headers_of_a_rendered_one(make_term, worker, client):
    with worker():
        make_term(title="Ledger", slug="ledger")
    stored = client.get("/glossary/ledger/")
    rendered = client.get("/glossary/ledger/?fresh")
    headers = (
        "Content-Type",
        "X-Frame-Options",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Vary",
        "Permissions-Policy",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cache-Control",
    )
    for header in headers:
        assert stored.get(header) == rendered.get(header), header


def test_a_page_of_another_build_is_rendered_in_the_request_until_the_worker_renders_it(
    make_term, worker, client, settings
):
    with worker():
        make_term(title="Ledger", slug="ledger")
    StoredPage.objects.update(build="0000000000000000")
    page = client.get("/glossary/ledger/")
    assert page.status_code == 200 and page.get("X-Page-Cache") != "stored"
    with worker() as run:
        pages.render_stale.enqueue()
    assert run.rendered == ["/glossary/ledger/"]
    assert client.get("/glossary/ledger/")["X-Page-Cache"] == "stored"


def test_render_pages_stores_every_published_page_and_adds_rows_missing_after_an_import(make_term, client):
    from io import StringIO

    from django.core.management import call_command

    make_term(title="Ledger", slug="ledger")
    make_term(title="Queue", slug="queue")
    make_term(title="Draft", slug="draft", status="draft")
    StoredPage.objects.filter(path="/glossary/queue/").delete()  # as after a bulk import
    out = StringIO()
    call_command("render_pages", stdout=out)
    assert out.getvalue().startswith("rendered 2 page(s)")
    assert sorted(StoredPage.objects.filter(stale=False).values_list("path", flat=True)) == [
        "/glossary/ledger/",
        "/glossary/queue/",
    ]
    assert client.get("/glossary/queue/")["X-Page-Cache"] == "stored"


def test_the_worker_task_does_a_few_chunks_a_run_and_queues_the_rest(make_term, worker, monkeypatch):
    from django.tasks.signals import task_started

    for n in range(3):
        make_term(title=f"Term {n}", slug=f"term-{n}")
    monkeypatch.setattr(pages, "CHUNK", 1)
    runs = []

    def started(sender, task_result, **kwargs):
        if task_result.task.name == "render_stale":
            runs.append(task_result.kwargs)

    task_started.connect(started)
    try:
        with worker() as run:
            pages.render_stale.enqueue(chunks=1)
    finally:
        task_started.disconnect(started)
    assert run.rendered == ["/glossary/term-0/", "/glossary/term-1/", "/glossary/term-2/"]
    assert runs == [{"chunks": 1}] * 3, "one chunk a run, each run queuing the next"


# Outside a test transaction, as in production: what a process read last is reused
# while SQLite says nothing was committed since (serving/db.change_token()).


@pytest.mark.django_db(transaction=True)
def test_a_warm_page_is_read_without_a_query_until_another_connection_commits(
    make_term, client, django_assert_num_queries
):
    ledger = make_term(title="Ledger", slug="ledger", body="Old words.")
    assert client.get("/glossary/ledger/")["X-Page-Cache"] == "stored"
    with django_assert_num_queries(0 if connection.vendor == "sqlite" else 1):
        assert client.get("/glossary/ledger/")["X-Page-Cache"] == "stored"

    def another_editor():  # another thread has a connection of its own
        ledger.body = "New words."
        ledger.save()
        connection.close()

    editor = threading.Thread(target=another_editor)
    editor.start()
    editor.join()
    page = client.get("/glossary/ledger/").content.decode()
    assert "New words." in page and "Old words." not in page
    ledger.body = "Newer words."
    ledger.save()  # this connection's own write
    assert "Newer words." in client.get("/glossary/ledger/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_warm_page_shows_a_scheduled_term_when_its_time_comes_with_nothing_committed(
    make_term, client, clock
):
    soon = timezone.now() + timedelta(minutes=1)
    ledger = make_term(title="Ledger", slug="ledger")
    ledger.related.add(make_term(title="Journal", slug="journal", published_at=soon))
    assert "Journal" not in client.get("/glossary/ledger/").content.decode()
    assert "Journal" not in client.get("/glossary/ledger/").content.decode()
    clock.move_to(soon + timedelta(seconds=0.2))
    assert "Journal" in client.get("/glossary/ledger/").content.decode()


def test_a_term_page_rendered_before_the_relink_lists_the_articles_it_linked(
    make_term, make_article, worker, client, monkeypatch
):
    from glossary_site.markup import relinking

    with worker():
        make_article(title="Money", slug="money", body="Every payment lands in the ledger.")
    queued = []
    # The worker renders the new term's page before it gets to the relink.
    monkeypatch.setattr(relinking, "relink_pending", SimpleNamespace(enqueue=lambda: queued.append(1)))
    with worker():
        make_term(title="Ledger", slug="ledger")
    assert (
        queued and "Articles that mention this term" not in client.get("/glossary/ledger/").content.decode()
    )
    monkeypatch.undo()
    with worker() as run:
        relinking.relink_all("test-worker")
    assert 'href="/glossary/ledger/"' in client.get("/blog/money/").content.decode()
    assert run.rendered == ["/blog/money/", "/glossary/ledger/"]
    page = client.get("/glossary/ledger/")
    assert page["X-Page-Cache"] == "stored"
    mentioning = page.content.decode().partition("Articles that mention this term")[2]
    assert 'href="/blog/money/"' in mentioning, "the term page lists the article that now links it"


@pytest.fixture
def blog(make_article, worker):
    """Four articles, oldest first; Alpha is tagged "payments"."""
    from articles.models import Tag

    payments = Tag.objects.create(name="Payments", slug="payments")
    now = timezone.now()
    with worker():
        made = {
            name: make_article(title=name, slug=name.lower(), published_at=now - timedelta(days=days))
            for name, days in (("Alpha", 5), ("Beta", 4), ("Gamma", 3), ("Delta", 2))
        }
        made["Alpha"].tags.add(payments)
    return SimpleNamespace(articles=made, payments=payments)


def test_publishing_an_article_re_renders_its_neighbour_and_the_articles_sharing_its_tags_only(
    make_article, blog, worker, client
):
    with worker() as run:
        fresh = make_article(title="Fresh", slug="fresh", published_at=timezone.now() - timedelta(hours=1))
        fresh.tags.add(blog.payments)
    # Delta's next article is Fresh now; Alpha may list it as related; Beta and
    # Gamma show nothing of it.
    assert run.rendered == ["/blog/alpha/", "/blog/delta/", "/blog/fresh/"]
    delta = client.get("/blog/delta/")
    assert delta["X-Page-Cache"] == "stored" and 'href="/blog/fresh/"' in delta.content.decode()
    alpha = client.get("/blog/alpha/").content.decode()
    related = alpha.partition("Related articles")[2].partition("</section>")[0]
    assert 'href="/blog/fresh/"' in related


def test_retitling_an_article_re_renders_the_pages_that_show_it_only(make_article, blog, worker, client):
    with worker() as run:
        gamma = blog.articles["Gamma"]
        gamma.title = "Gamma, retold"
        gamma.save()
    # Beta shows it as its next article, Delta as its previous one.
    assert run.rendered == ["/blog/beta/", "/blog/delta/", "/blog/gamma/"]
    assert "Gamma, retold" in client.get("/blog/beta/").content.decode()
    assert client.get("/blog/alpha/")["X-Page-Cache"] == "stored"


def test_unpublishing_an_article_joins_its_neighbours_to_each_other(blog, worker, client):
    with worker() as run:
        gamma = blog.articles["Gamma"]
        gamma.status = "draft"
        gamma.save()
    assert run.rendered == ["/blog/beta/", "/blog/delta/"]
    beta = client.get("/blog/beta/").content.decode()
    assert 'href="/blog/delta/"' in beta and 'href="/blog/gamma/"' not in beta


def test_the_worker_relinks_bodies_before_it_renders_pages_ahead(settings, db):
    """Queued in the other order, the database queue still hands out the relink first:
    rendering ahead can wait (readers get a render meanwhile), relinking cannot."""
    from django_tasks_db.models import DBTaskResult

    from glossary_site.markup import relinking

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    pages.render_stale.enqueue()
    relinking.relink_pending.enqueue()
    order = [result.task_path for result in DBTaskResult.objects.ready()]
    assert order == [
        "glossary_site.markup.relinking.relink_pending",
        "glossary_site.serving.pages.render_stale",
    ]


def test_a_page_at_a_japanese_address_is_rendered_ahead_and_served_stored(
    three_languages, make_term, worker, client
):
    with worker() as run:
        make_term(
            title="データベース", slug="データベース", language="ja", body="データを整理して保存する仕組み。"
        )
    assert "/ja/glossary/データベース/" in run.rendered
    page = client.get("/ja/glossary/%E3%83%87%E3%83%BC%E3%82%BF%E3%83%99%E3%83%BC%E3%82%B9/")
    assert page.status_code == 200 and page["X-Page-Cache"] == "stored"
    assert "<h1>データベース</h1>" in page.content.decode()
