"""Pages rendered ahead of readers by the background worker.

Every published item's page is a StoredPage row. The worker renders the stale
ones (render_stale) as an anonymous reader's request, through Django's request
handler and every middleware, and records what each showed as keys
(PageDependency): its own item ("term:12"), the cards of the items it lists
("card:term:7"), and coarse keys a view may add ("list:article"). A change marks
exactly the rows that show its keys stale (serving/invalidation.py), in the
changing transaction, so a crash after the commit loses nothing: the worker's
to-do list is the stale rows themselves. Until it gets to one, requests render
that page themselves (serving/pagecache.py), so nobody is served a stale page.

(render_stale keeps this module's name: queued task rows name it by its path.)
"""

import hashlib
import logging
from datetime import timedelta
from functools import cache
from io import BytesIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Mod
from django.tasks import task
from django.urls import Resolver404, resolve
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.serving import builds, reading
from glossary_site.serving import keys as page_keys
from glossary_site.serving.models import PageChange, PageDependency, StoredPage

log = logging.getLogger(__name__)

CHUNK = 100  # rows the worker takes per query
WORKER_CHUNKS = 5  # chunks per task run in the worker, then it queues itself again
CHANGE_LOG_HOURS = 1  # how long PageChange rows are kept for in-flight renders
NOT_PUBLIC = (301, 302, 404, 410)  # answers that mean the address has no public page now


class RenderFailed(Exception):
    """A render ahead answered an error: the row stays stale, requests render it."""


# --- What a render shows ------------------------------------------------------


def depends_on(request, *keys):
    """Record keys the page being rendered ahead shows (a no-op in other renders)."""
    keys_of_render = getattr(request, "page_dependencies", None)
    if keys_of_render is not None:
        keys_of_render.update(keys)


def recording(request):
    """Whether this request is a render ahead (serving/pagecache.py passes it by)."""
    return getattr(request, "page_dependencies", None) is not None


# --- Rendering ------------------------------------------------------------------


@cache
def _handler():
    """Django's request handler with the site's middleware, loaded once per process."""
    handler = BaseHandler()
    handler.load_middleware()
    return handler


def _request(path):
    """An anonymous reader's GET of `path`, at the site's public address (or, with
    no SITE_URL, at localhost: the page's absolute addresses are then the
    placeholder that content.origin fills in per request)."""
    site = urlsplit(settings.SITE_URL or "http://localhost")
    environ = {
        "REQUEST_METHOD": "GET",
        # As a WSGI server passes it: the address's UTF-8 bytes, each as one character
        # (PEP 3333), so a Japanese slug arrives as the reader's request would bring it.
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": site.scheme,
        "wsgi.input": BytesIO(),
    }
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header and site.scheme == "https":
        environ[proxy_header[0]] = proxy_header[1]  # as our proxy would say it
    request = WSGIRequest(environ)
    request.page_dependencies = set()
    return request


def render(path, snapshot=None, item=None):
    """Render `path` as an anonymous reader would get it, with markers where the
    shared fragments go: (html, slots, keys), or None if it is not a public page.
    An error answer raises RenderFailed.

    snapshot: the counters, if already read; item: the page's item, if already
    fetched through its view's queryset (prefetch())."""
    request = _request(path)
    if snapshot is None:
        snapshot, _ = reading.lookup(path)
    request.page_snapshot = snapshot
    request.prefetched_item = item
    request.fragment_slots = slots = []  # fragments.slot() marks where each one goes
    response = _handler().get_response(request)
    if response.status_code in NOT_PUBLIC:
        return None
    if response.status_code != 200:
        raise RenderFailed(f"{path} answered {response.status_code}")
    return response.content.decode(), slots, request.page_dependencies


def prefetch(rows):
    """{path: item} for a chunk of rows [(path, kind, object_id)]: one query per kind,
    through the kind's detail view's own queryset (what its get_object() would run
    once per page). Items no longer public are left out; their pages render alone."""
    by_kind = {}
    for path, kind, object_id in rows:
        by_kind.setdefault(kind, []).append((path, object_id))
    found = {}
    for pairs in by_kind.values():
        try:
            match = resolve(pairs[0][0])
        except Resolver404:
            continue
        view_class = getattr(match.func, "view_class", None)
        if view_class is None:
            continue
        view, request = view_class(), _request(pairs[0][0])
        request.user = AnonymousUser()  # what the middleware makes of a reader's request
        view.setup(request, *match.args, **match.kwargs)
        items = {item.pk: item for item in view.get_queryset().filter(pk__in=[pk for _, pk in pairs])}
        found.update({path: items[pk] for path, pk in pairs if pk in items})
    return found


# --- Storing ------------------------------------------------------------------------


def store(renders, since):
    """Keep a chunk of renders in one transaction: [(path, generation, (html, slots,
    keys))]. A render is kept unless its row changed since it was read
    (generation); one whose keys changed while it was being rendered (the change
    log after `since`) is marked stale again. Returns the paths kept."""
    kept = []
    now = timezone.now()
    with transaction.atomic():
        for path, generation, (html, slots, keys) in renders:
            updated = StoredPage.objects.filter(path=path, generation=generation).update(
                html=html,
                slots="|".join(slots),
                etag=hashlib.md5(html.encode(), usedforsecurity=False).hexdigest(),
                rendered_at=now,
                build=builds.current(),
                stale=False,
            )
            if updated:
                kept.append((path, keys))
        paths = [path for path, _ in kept]
        PageDependency.objects.filter(path__in=paths).delete()
        PageDependency.objects.bulk_create(
            [PageDependency(path=path, key=key) for path, keys in kept for key in sorted(keys)],
            batch_size=1000,
        )
    # A change committed after these renders read the content, and whose marking
    # missed the dependency rows written just now.
    all_keys = sorted({key for _, keys in kept for key in keys})
    changed = set()
    for start in range(0, len(all_keys), 500):
        chunk = all_keys[start : start + 500]
        changed |= set(PageChange.objects.filter(id__gt=since, key__in=chunk).values_list("key", flat=True))
    again = [path for path, keys in kept if keys & changed]
    if again:
        StoredPage.objects.filter(path__in=again).update(stale=True, generation=F("generation") + 1)
    return [path for path in paths if path not in again]


def to_do():
    """The rows to render: stale, or rendered by another build.

    `build != current` written as a range either side of it: neither SQLite nor
    PostgreSQL searches an index for `!=`, and that form read every stored page,
    HTML and all, at each call."""
    current = builds.current()
    return StoredPage.objects.filter(Q(stale=True) | Q(build__lt=current) | Q(build__gt=current))


def _render_chunk(rows, skipped):
    """Render a chunk of rows [(path, generation, kind, object_id)]; returns the
    renders to store. Rows no longer public are deleted; failures are skipped."""
    snapshot, _ = reading.lookup("")
    items = prefetch([(path, kind, pk) for path, _, kind, pk in rows])
    rendered = []
    for path, generation, kind, pk in rows:
        try:
            page = render(path, snapshot, items.get(path))
        except Exception:
            log.exception("rendering %s ahead failed; requests render it meanwhile", path)
            skipped.add(path)
            continue
        if page is None:  # no longer a public page
            StoredPage.objects.filter(path=path, generation=generation).delete()
        else:
            page[2].add(page_keys.item(kind, pk))
            rendered.append((path, generation, page))
    return rendered


# Below every other task: until the worker gets to a page, readers are served a
# render of the current content (never stale), so rendering ahead can wait; and a
# relink queued after it would make it render the bodies it changes twice.
@task(priority=-10)
def render_stale(part=0, parts=1, chunks=None):
    """Render every stale stored page (and those of an older build), a chunk at a time.

    part/parts: this process's share (render_pages --processes), by item id.
    chunks: at most this many chunks, then the task queues itself again, so a
    worker asked to stop (SIGTERM) finishes within a chunk or so; None for all."""
    skipped = set()
    rows_to_do = to_do()
    if parts > 1:
        rows_to_do = rows_to_do.annotate(share=Mod("object_id", parts)).filter(share=part)
    done = 0
    while True:
        if chunks is not None and done >= chunks:
            # More to do: the rest in a task of its own (a stop in between loses
            # nothing: the rows stay stale).
            if rows_to_do.exclude(path__in=skipped).exists():
                transaction.on_commit(lambda: render_stale.enqueue(chunks=chunks))
            break
        done += 1
        rows = list(
            rows_to_do.exclude(path__in=skipped).values_list("path", "generation", "kind", "object_id")[
                :CHUNK
            ]
        )
        if not rows:
            break
        since = PageChange.objects.aggregate(last=Max("id"))["last"] or 0
        rendered = _render_chunk(rows, skipped)
        kept = set(store(rendered, since))
        # Changed meanwhile: the task queued by that change renders them.
        skipped |= {path for path, _, _ in rendered if path not in kept}
    cutoff = timezone.now() - timedelta(hours=CHANGE_LOG_HOURS)
    PageChange.objects.filter(at__lt=cutoff).delete()


# --- Rows ---------------------------------------------------------------------------


def add_missing():
    """Rows for published items that have none (after a migration or an import):
    the worker renders them. Returns how many were added."""
    added = 0
    for kind in registry.kinds():
        have = StoredPage.objects.filter(kind=kind.name).values("object_id")
        missing = kind.model.objects.published().exclude(pk__in=have).only("pk", "slug")
        batch = [
            StoredPage(path=item.get_absolute_url(), kind=kind.name, object_id=item.pk) for item in missing
        ]
        StoredPage.objects.bulk_create(batch, batch_size=1000, ignore_conflicts=True)
        added += len(batch)
    return added


def mark_all_stale():
    return StoredPage.objects.update(stale=True, generation=F("generation") + 1)


def stored_count():
    """Pages stored and fresh."""
    return StoredPage.objects.filter(stale=False, build=builds.current()).count()
