"""Pages rendered ahead of readers, and invalidated by what they show.

Every published item's page is a StoredPage row. The background worker renders it
(render_stale) and records what it showed as keys (PageDependency): its own item
("term:12"), the cards of the items it lists ("card:term:7": title, address,
summary, publication), and coarse keys a view may add ("list:article"). A change
names its keys (versions.changed()), which marks exactly the rows that show them
stale, in the changing transaction, so a crash after the commit loses nothing: the
worker's to-do list is the stale rows themselves.

A request for a fresh row joins it with the shared fragments and renders no
template; for a stale row (the worker has not caught up yet) the request renders
the page itself, so nobody is ever served the page from before a change.
"""

import hashlib
import logging
from datetime import UTC, timedelta
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Mod
from django.http import HttpRequest
from django.tasks import task
from django.urls import Resolver404, resolve
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.serving import fragments, versions

log = logging.getLogger(__name__)

CHUNK = 100  # rows the worker takes per query
WORKER_CHUNKS = 5  # chunks per task run in the worker, then it queues itself again
CHANGE_LOG_HOURS = 1  # how long PageChange rows are kept for in-flight renders
renders = {"count": 0}  # pages rendered ahead in this process (tests count them)


def _models():
    return (
        apps.get_model("glossary_site", "StoredPage"),
        apps.get_model("glossary_site", "PageDependency"),
        apps.get_model("glossary_site", "PageChange"),
    )


def item_key(item):
    return f"{item._meta.model_name}:{item.pk}"


def item_key_of(kind_name, pk):
    return f"{kind_name}:{pk}"


def mentions_key(kind_name, pk):
    """Which bodies link an item (a term): its own page lists them, and pages that
    group by it (an article's related articles) follow this key."""
    return f"mentions:{kind_name}:{pk}"


def card_key(item_or_kind, pk=None):
    if pk is None:
        return f"card:{item_or_kind._meta.model_name}:{item_or_kind.pk}"
    return f"card:{item_or_kind}:{pk}"


# --- What a render shows ------------------------------------------------------


def depends_on(request, *keys):
    """Record keys the page being rendered ahead shows (a no-op in other renders)."""
    keys_of_render = getattr(request, "page_dependencies", None)
    if keys_of_render is not None:
        keys_of_render.update(keys)


def recording(request):
    return getattr(request, "page_dependencies", None) is not None


# --- Changes ------------------------------------------------------------------


def invalidate(keys, everything=False):
    """Mark stale the stored pages that show any of `keys` (inside the change's
    transaction), log the keys, and have the worker render them after the commit."""
    StoredPage, PageDependency, PageChange = _models()
    if everything:
        StoredPage.objects.update(stale=True, generation=F("generation") + 1)
        keys = {"*"}
    elif not keys:
        return
    else:
        keys = set(keys)
        PageChange.objects.bulk_create([PageChange(key=key) for key in keys])
        _mark(keys)

    def after_commit():
        # Again, for renders stored while this change was in flight (pages.store()).
        if "*" not in keys:
            _mark(keys)
        render_stale.enqueue(chunks=WORKER_CHUNKS)

    transaction.on_commit(after_commit)


def _mark(keys):
    StoredPage, PageDependency, _ = _models()
    keys, paths = sorted(keys), set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        paths |= set(PageDependency.objects.filter(key__in=chunk).values_list("path", flat=True))
    # The paths as values, not a subquery: given `path IN (SELECT ...)`, SQLite scans
    # every stored page (50 ms at 100,000 pages, twice in each editor's save).
    paths = sorted(paths)
    for start in range(0, len(paths), 500):
        StoredPage.objects.filter(path__in=paths[start : start + 500]).update(
            stale=True, generation=F("generation") + 1
        )


def item_saved(item, before):
    """After an item's save: its page row, and the keys of what changed.

    before: its card values read before the save (card_before), None if new."""
    StoredPage = _models()[0]
    kind = registry.of(item)
    rows = StoredPage.objects.filter(kind=kind.name, object_id=item.pk)
    if item.is_published:
        _delete(rows.exclude(path=item.get_absolute_url()))  # an old address: it redirects now
        _to_render(item)
    else:
        _delete(rows)
    if _scheduled(item):
        versions.wake_the_worker_at(item.published_at)
    card = card_values(item)
    card_changed = before is None or before != card
    keys = change_keys(item) if card_changed else {item_key(item)}
    versions.changed(keys=keys, lists={kind.name} if card_changed else ())


def _scheduled(item):
    return item.status == item.Status.PUBLISHED and item.published_at > timezone.now()


def change_keys(item):
    """The keys an item's change of card names: its page, the pages showing its card,
    and, while it is public, the pages where it may now appear (Kind.appears_on)."""
    kind = registry.of(item)
    keys = {item_key(item), card_key(item)}
    if kind.appears_on is not None and item.is_published:
        keys |= set(kind.appears_on(item))
    return keys


def _delete(rows):
    PageDependency = _models()[1]
    PageDependency.objects.filter(path__in=list(rows.values_list("path", flat=True))).delete()
    rows.delete()


def _to_render(item):
    """The item's page row, created or marked stale (a new generation)."""
    StoredPage = _models()[0]
    kind, path = registry.of(item).name, item.get_absolute_url()
    updated = StoredPage.objects.filter(path=path).update(
        kind=kind, object_id=item.pk, stale=True, generation=F("generation") + 1
    )
    if not updated:
        StoredPage.objects.create(path=path, kind=kind, object_id=item.pk)


def items_created(items):
    """item_saved(item, None) for items just created in bulk (an import): their page
    rows in a few queries, not a few each. A new item has no row of its own yet; a
    row already at one of their addresses (an item gone since) is taken over."""
    StoredPage = _models()[0]
    by_path = {item.get_absolute_url(): item for item in items if item.is_published}
    taken = set(StoredPage.objects.filter(path__in=list(by_path)).values_list("path", flat=True))
    for path in taken:
        _to_render(by_path[path])
    StoredPage.objects.bulk_create(
        [
            StoredPage(path=path, kind=registry.of(item).name, object_id=item.pk)
            for path, item in by_path.items()
            if path not in taken
        ],
        batch_size=1000,
    )
    moments = [item.published_at for item in items if _scheduled(item)]
    if moments:  # the earliest; each publication the worker announces wakes it for the next
        versions.wake_the_worker_at(min(moments))
    keys = set().union(*(change_keys(item) for item in items))  # an article's new neighbours too
    versions.changed(keys=keys, lists={registry.of(item).name for item in items})


def item_went_public(item):
    """A scheduled item whose time came: its page is to be rendered ahead."""
    _to_render(item)


def item_deleted(item):
    StoredPage, _, _ = _models()
    _delete(StoredPage.objects.filter(kind=registry.of(item).name, object_id=item.pk))
    versions.changed(keys={item_key(item), card_key(item)}, lists={registry.of(item).name})


def card_values(item):
    """What lists and other pages show of an item (its kind's `card_fields`)."""
    return tuple(getattr(item, name) for name in item.card_fields)


def card_before(item):
    """The stored card of an item about to be saved (None when it is new)."""
    if item._state.adding or item.pk is None:
        return None
    row = type(item).objects.filter(pk=item.pk).values_list(*item.card_fields).first()
    return tuple(row) if row is not None else None


# --- Reading a stored page (every anonymous request) ---------------------------


class Row:
    __slots__ = ("generation", "rendered_at", "html", "slots", "etag", "build", "stale")

    def __init__(self, generation, rendered_at, html, slots, etag, build, stale):
        self.generation, self.rendered_at, self.html = generation, rendered_at, html
        self.slots, self.etag, self.build, self.stale = slots, etag, build, stale

    @property
    def fresh(self):
        return not self.stale and self.build == build()


@cache
def _lookup_sql():
    StoredPage = _models()[0]
    counters = apps.get_model("glossary_site", "ContentVersion")._meta.db_table
    pages_table = StoredPage._meta.db_table
    # One query for both: the counters (a handful of rows) and the page's row.
    return (
        f"SELECT key, number, changed_at, next_change_at, NULL, NULL, NULL, NULL, NULL FROM {counters} "
        # The HTML only when this process does not hold this generation of it already.
        f"UNION ALL SELECT 'page', generation, rendered_at, NULL, "
        f"CASE WHEN generation = %s THEN NULL ELSE html END, slots, etag, build, stale "
        f"FROM {pages_table} WHERE path = %s"
    )


@lru_cache(maxsize=256)
def _datetime(value):
    """A raw column of a UNION: SQLite may give a string or a naive datetime (UTC)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = (
            apps.get_model("glossary_site", "ContentVersion")._meta.get_field("changed_at").to_python(value)
        )
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def lookup(path, held=-1):
    """(snapshot of the counters, the stored row of `path` or None): one query.

    held: the generation of the page this process holds in memory, if any: the
    row's html is then None when that generation is still the stored one."""
    with connection.cursor() as cursor:
        cursor.execute(_lookup_sql(), [held, path])
        rows = cursor.fetchall()
    numbers, changed_at, next_at, page = {}, {}, None, None
    for key, number, when, next_change, html, slots, etag, built, stale in rows:
        if key == "page":
            page = Row(number, when, html, slots, etag, built, bool(stale))
        else:
            numbers[key], changed_at[key] = number, when
            if key == versions.CONTENT and next_change is not None:
                next_at = _datetime(next_change)
    year = timezone.localtime().year
    global _snapshot
    if not _snapshot.same_as(numbers, changed_at, next_at, year):
        _snapshot = versions.Snapshot(numbers, changed_at, next_at, year=year, parse=_datetime)
    return _snapshot, page


_snapshot = versions.Snapshot({}, {})  # the last one handed out, while it holds


def forget():
    """(tests) Forget the last snapshot and what was worked out from it: a rolled
    back test can leave counters equal to another test's."""
    global _snapshot
    _snapshot = versions.Snapshot({}, {})


def assemble(row, snapshot):
    """The stored page with today's fragments joined in: no template rendering."""
    if not row.slots:
        return row.html
    # The fragments' HTML, once per change of the counters for each set of slots.
    html = snapshot.remember(
        ("fragments", row.slots), lambda: fragments.rendered(row.slots.split("|"), snapshot)
    )
    return fragments.join(row.html.split(fragments.MARKER), html)


def _fragment_names(row):
    return {entry.partition(":")[0] for entry in row.slots.split("|")} if row.slots else set()


def fragment_versions(row, snapshot):
    """A short string that changes whenever a fragment joined into the row changes."""

    def compute():
        return "-".join(
            ".".join(str(part) for part in fragments.version(fragments.get(name), snapshot))
            for name in sorted(_fragment_names(row))
        )

    return snapshot.remember(("fragment versions", row.slots), compute)


def last_modified(row, snapshot):
    def fragments_changed():
        names = _fragment_names(row)
        return snapshot.last_changed(*(channel for name in names for channel in fragments.get(name).channels))

    times = [
        _datetime(row.rendered_at),
        snapshot.remember(("fragments changed", row.slots), fragments_changed),
    ]
    return max(t for t in times if t)


# --- Rendering ahead (the worker) ----------------------------------------------


@cache
def build():
    """A digest of what renders pages (templates, code, static file names): stored
    pages of another build are rendered again, so a deploy never serves old markup."""
    digest = hashlib.sha256(settings.PAGES_BUILD.encode())
    base = Path(settings.BASE_DIR)
    # The core and the apps that registered kinds, the project's templates, and the
    # hashed names of the static files the pages link.
    packages = {Path(__file__).resolve().parents[1]} | {
        Path(kind.model._meta.app_config.path) for kind in registry.kinds()
    }
    sources = [path for package in packages for path in package.glob("**/*.py")]
    sources += [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    sources += [Path(settings.STATIC_ROOT) / "staticfiles.json"]
    for source in sorted(set(sources)):
        if not source.is_file() or {"tests", "migrations"} & set(source.parts):
            continue
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _request(path):
    site = urlsplit(settings.SITE_URL)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.META = {
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        "wsgi.url_scheme": site.scheme,
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
    }
    request.user = AnonymousUser()
    request.page_dependencies = set()
    return request


def render(path, snapshot=None, item=None):
    """Render `path` as an anonymous reader would get it, with markers where the
    shared fragments go: (html, slots, keys), or None if it is not a public page.

    snapshot: the counters, if already read; item: the page's item, if already
    fetched through its view's queryset (prefetch())."""
    request = _request(path)
    if snapshot is None:
        snapshot, _ = lookup(path)
    request.page_snapshot = snapshot
    request.prefetched_item = item
    request.content_version = snapshot.lists()
    slots = []
    token = fragments.collecting(slots)
    try:
        match = resolve(path)
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    except Resolver404:
        return None
    finally:
        fragments.reset(token)
    if response.status_code != 200:
        return None
    renders["count"] += 1
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
        view = view_class()
        view.setup(_request(pairs[0][0]), *match.args, **match.kwargs)
        items = {item.pk: item for item in view.get_queryset().filter(pk__in=[pk for _, pk in pairs])}
        found.update({path: items[pk] for path, pk in pairs if pk in items})
    return found


def store(renders, since):
    """Keep a chunk of renders in one transaction: [(path, generation, (html, slots,
    keys))]. A render is kept unless its row changed since it was read
    (generation); one whose keys changed while it was being rendered (the change
    log after `since`) is marked stale again. Returns the paths kept."""
    StoredPage, PageDependency, PageChange = _models()
    kept = []
    now = timezone.now()
    with transaction.atomic():
        for path, generation, (html, slots, keys) in renders:
            updated = StoredPage.objects.filter(path=path, generation=generation).update(
                html=html,
                slots="|".join(slots),
                etag=hashlib.md5(html.encode(), usedforsecurity=False).hexdigest(),
                rendered_at=now,
                build=build(),
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


def _to_do():
    StoredPage = _models()[0]
    return StoredPage.objects.filter(Q(stale=True) | ~Q(build=build()))


# Below every other task: until the worker gets to a page, readers are served a
# render of the current content (never stale), so rendering ahead can wait; and a
# relink queued after it would make it render the bodies it changes twice.
@task(priority=-10)
def render_stale(part=0, parts=1, chunks=None):
    """Render every stale stored page (and those of an older build), a chunk at a time.

    part/parts: this process's share (render_pages --processes), by item id.
    chunks: at most this many chunks, then the task queues itself again, so a
    worker asked to stop (SIGTERM) finishes within a chunk or so; None for all."""
    StoredPage, _, PageChange = _models()
    skipped = set()
    to_do = _to_do()
    if parts > 1:
        to_do = to_do.annotate(share=Mod("object_id", parts)).filter(share=part)
    done = 0
    while True:
        if chunks is not None and done >= chunks:
            # More to do: the rest in a task of its own (a stop in between loses
            # nothing: the rows stay stale).
            if to_do.exclude(path__in=skipped).exists():
                transaction.on_commit(lambda: render_stale.enqueue(chunks=chunks))
            break
        done += 1
        rows = list(
            to_do.exclude(path__in=skipped).values_list("path", "generation", "kind", "object_id")[:CHUNK]
        )
        if not rows:
            break
        since = PageChange.objects.aggregate(last=Max("id"))["last"] or 0
        snapshot, _ = lookup("")
        items = prefetch([(path, kind, pk) for path, _, kind, pk in rows])
        rendered = []
        for path, generation, kind, pk in rows:
            try:
                page = render(path, snapshot, items.get(path))
                if page is not None:
                    page[2].add(item_key_of(kind, pk))
            except Exception:
                log.exception("rendering %s ahead failed; requests render it meanwhile", path)
                skipped.add(path)
                continue
            if page is None:  # no longer a public page
                StoredPage.objects.filter(path=path, generation=generation).delete()
            else:
                rendered.append((path, generation, page))
        kept = set(store(rendered, since))
        # Changed meanwhile: the task queued by that change renders them.
        skipped |= {path for path, _, _ in rendered if path not in kept}
    cutoff = timezone.now() - timedelta(hours=CHANGE_LOG_HOURS)
    PageChange.objects.filter(at__lt=cutoff).delete()


def add_missing():
    """Rows for published items that have none (after a migration or an import):
    the worker renders them. Returns how many were added."""
    StoredPage = _models()[0]
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
    StoredPage = _models()[0]
    return StoredPage.objects.update(stale=True, generation=F("generation") + 1)


def stored_count():
    """Pages stored and fresh."""
    return _to_do().model.objects.filter(stale=False, build=build()).count()
