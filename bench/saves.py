"""Editors' saves at size (run through bench/writes.py saves): see its docstring.

Builds the database in this process (bulk rows, as bench/content.py does), then
drives the admin's change view with Django's test client, as a browser would: the
form is read from the page and posted back with one field changed.
"""

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = "Quokka ledger"
WORKER_LIMIT = 900  # seconds: the bench stops the worker after this, whatever it is doing


def _setup(database):
    os.environ.update(DJANGO_SETTINGS_MODULE="glossary_site.settings", DJANGO_SECRET_KEY="bench")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    # testserver: the admin, through Django's test client; localhost: the renders ahead
    # (serving/pages.py asks for pages at localhost when no SITE_URL is set).
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.pop("TASKS_BACKEND", None)
    import django

    django.setup()


def _mention_target(count):
    """`count` term bodies name TARGET, and link it, as if saved after it existed."""
    from django.db import transaction

    from glossary_site.search.models import SearchDocument
    from terms.models import Term

    target = Term(title=TARGET, slug="quokka-ledger", summary="The benchmark's much-mentioned term.")
    target.body, target.status = "The term many bodies name.", "published"
    target.save()
    ids = list(Term.objects.exclude(pk=target.pk).order_by("pk").values_list("pk", flat=True)[:count])
    through = Term.mentioned_terms.through
    with transaction.atomic():
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            for term in Term.objects.filter(pk__in=chunk).only("pk", "body", "body_html"):
                Term.objects.filter(pk=term.pk).update(
                    body=term.body + f"\n\nThe {TARGET} matters here.",
                    body_html=term.body_html
                    + f'<p>The <a class="term-link" href="/glossary/quokka-ledger/">{TARGET}</a> matters here.</p>',
                )
            SearchDocument.objects.filter(kind="term", object_id__in=chunk).update(
                body=f"The {TARGET} matters here."
            )
            through.objects.bulk_create(
                [through(from_term_id=pk, to_term_id=target.pk) for pk in chunk], ignore_conflicts=True
            )
    return target


def _form_data(page):
    """What a browser would post back: every named field of the change form."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(page, "html.parser").select_one("form#term_form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if kind == "submit":
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def _post_change(client, term_id, status=302, **changes):
    url = f"/admin/terms/term/{term_id}/change/"
    data = _form_data(client.get(url).content)
    data.update(changes)
    started = time.perf_counter()
    response = client.post(url, data)
    seconds = time.perf_counter() - started
    assert response.status_code == status, response.content.decode()[:3000]
    return seconds


def bench_saves(terms, mentions):
    tmp = Path(tempfile.mkdtemp(prefix="bench-saves-"))
    try:
        _bench_saves(tmp, terms, mentions)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # 2.5 GB at 100,000 terms


def _bench_saves(tmp, terms, mentions):
    _setup(tmp / "site.db")
    sys.path.insert(0, str(ROOT / "bench"))
    from content import build
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from glossary_site.markup.models import RelinkRequest
    from terms.models import Term

    call_command("migrate", verbosity=0)
    build(terms, articles=10, log=lambda message: None)
    target = _mention_target(mentions)
    RelinkRequest.objects.all().delete()
    # A live site has every page rendered ahead: the rename then marks the pages that
    # show the term stale in its save, and the worker renders them again.
    from writes import manage

    started = time.perf_counter()
    rendered = manage(_worker_env(), "render_pages", "--processes", "2").stdout.strip()
    print(
        f"{terms:,} terms: every page rendered ahead first ({rendered}; {time.perf_counter() - started:.0f} s)"
    )
    editor = get_user_model().objects.create_superuser("bench", "bench@example.com", "bench")
    client = Client()
    client.force_login(editor)

    edited = Term.objects.exclude(pk=target.pk).order_by("-pk").first()
    times = []
    for n in range(21):
        body = Term.objects.get(pk=edited.pk).body
        times.append(_post_change(client, edited.pk, body=body + f"\n\nEdit {n}."))
    p50, p90 = statistics.median(times), statistics.quantiles(times, n=10)[-1]
    print(
        f"{terms:,} terms: change one term's body in the admin: p50 {p50 * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms"
    )

    # A rename of a public term first shows what it will change (editorial/impact.py);
    # the editor ticks "Yes, make this change" and saves again.
    confirm = _post_change(client, target.pk, status=200, title="Quokka journal")
    rename = _post_change(client, target.pk, title="Quokka journal", confirm_impact="on")
    print(
        f"{terms:,} terms: rename a term {mentions:,} bodies mention: what it will change shown in "
        f"{confirm * 1000:.0f} ms, the confirmed save took {rename * 1000:.0f} ms"
    )

    # The next editor's save in this process pays for a matcher that knows the new name.
    body = Term.objects.get(pk=edited.pk).body
    after_rename = _post_change(client, edited.pk, body=body + "\n\nAfter the rename.")
    print(f"{terms:,} terms: the first body edit after that rename took {after_rename * 1000:.0f} ms")

    _time_the_worker(terms, mentions)


def _worker_env():
    """The environment _setup() made, for the site's own processes."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "glossary_site.settings"}


def _time_the_worker(terms, mentions):
    """Run the real worker as make run does (not --batch, which would also wait for
    every page rendered ahead) and watch the database: when every body is relinked,
    and when every stored page is fresh again. Stops it with SIGINT, as Ctrl-C would."""
    from glossary_site.markup.models import RelinkRequest
    from glossary_site.serving import pages
    from glossary_site.serving.models import StoredPage
    from terms.models import Term

    stale = 'href="/glossary/quokka-ledger/"'  # the old name no longer names a term
    before = Term.objects.filter(body_html__contains=stale).count()
    to_render = pages.to_do().count()
    pages_before = StoredPage.objects.filter(html__contains=stale).count()
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--worker-id", "bench"],
        cwd=ROOT,
        env=_worker_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    relinked = fresh = None
    try:
        while time.perf_counter() - started < WORKER_LIMIT and worker.poll() is None:
            time.sleep(0.25)
            seconds = time.perf_counter() - started
            if relinked is None:
                left = Term.objects.filter(body_html__contains=stale).count()
                if left == 0 and not RelinkRequest.objects.exists():
                    relinked = seconds
            elif not pages.to_do().exists():
                fresh = seconds
                break
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    if relinked is None:
        log.seek(0)
        print(log.read().decode()[-3000:])
        raise SystemExit(f"the worker had not relinked every body after {WORKER_LIMIT} s")
    print(
        f"{terms:,} terms: the worker relinked all {before:,} bodies that linked the old name "
        f"{relinked:.1f} s after it started (its start-up included)"
    )
    if fresh is None:
        print(f"{terms:,} terms: stored pages were still stale {WORKER_LIMIT} s after the worker started")
        return
    old_links = StoredPage.objects.filter(html__contains=stale).count()
    print(
        f"{terms:,} terms: every stored page fresh again {fresh:.1f} s after it started "
        f"({to_render:,} stale before it; stored pages linking the old name: {pages_before:,} before, {old_links} after)"
    )
