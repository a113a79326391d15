"""The read path of every anonymous request: the counters and the path's stored
page in one query (lookup), the page joined with the shared fragments of today
(assemble), and what its ETag and Last-Modified are made of.

What requests work out from the counters (the fragments' HTML, the letter counts)
is kept on the snapshot of the counters: the same snapshot is handed out while
they are unchanged, so it is worked out once per change in each process.
"""

from dataclasses import dataclass, field
from datetime import UTC
from functools import cache, lru_cache

from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from glossary_site.serving import builds, fragments, keys
from glossary_site.serving.models import Counter, StoredPage


@dataclass(frozen=True)
class Snapshot:
    """Every counter, read once per request (reading.lookup())."""

    numbers: dict
    changed_at: dict  # as the database gave them: parsed only when asked for
    next_change_at: object = None
    year: int = 0  # the current year, for fragments that show it
    parse: object = staticmethod(lambda value: value)
    # What requests work out from these counters (reading.lookup() hands out the same
    # snapshot while the counters are unchanged, so this is done once per change).
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def due(self):
        """Whether a timed change's moment has passed and the worker has not made it
        public yet: what was stored or cached before that moment may be out of date."""
        return self.next_change_at is not None and self.next_change_at <= timezone.now()

    def remember(self, key, compute):
        found = self.derived.get(key)
        if found is None:
            found = self.derived[key] = compute()
        return found

    def numbers_of(self, *channels):
        """The numbers of these counters (0 for one not raised yet)."""
        return tuple(self.numbers.get(channel, 0) for channel in channels)

    def lists(self):
        """The counters of every kind's lists: what list pages and fragments key on."""
        return self.remember(
            "lists",
            lambda: tuple(
                sorted((k, v) for k, v in self.numbers.items() if k.startswith(keys.LISTING_PREFIX))
            ),
        )

    def last_changed(self, *channels):
        times = [self.parse(self.changed_at.get(channel)) for channel in channels]
        return max((t for t in times if t), default=None)


class Row:
    """A stored page as lookup() read it; html is None when the caller holds it."""

    __slots__ = ("generation", "rendered_at", "html", "slots", "etag", "build", "stale")

    def __init__(self, generation, rendered_at, html, slots, etag, build, stale):
        self.generation, self.rendered_at, self.html = generation, rendered_at, html
        self.slots, self.etag, self.build, self.stale = slots, etag, build, stale

    @property
    def fresh(self):
        return not self.stale and self.build == builds.current()


@cache
def _lookup_sql():
    counters, pages_table = Counter._meta.db_table, StoredPage._meta.db_table
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
        value = Counter._meta.get_field("changed_at").to_python(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


@lru_cache(maxsize=1)
def snapshot_of(numbers, changed_at, next_at, year):
    """The snapshot of these counters: the same object while they are unchanged
    (pagecache.clear() forgets it, for tests whose rolled back counters repeat)."""
    return Snapshot(dict(numbers), dict(changed_at), next_at, year=year, parse=_datetime)


def lookup(path, held=-1):
    """(snapshot of the counters, the stored row of `path` or None): one query.

    held: the generation of the page this process holds in memory, if any: the
    row's html is then None when that generation is still the stored one."""
    with connection.cursor() as cursor:
        cursor.execute(_lookup_sql(), [held, path])
        rows = cursor.fetchall()
    numbers, changed_at, next_at, page = [], [], None, None
    for key, number, when, next_change, html, slots, etag, built, stale in rows:
        if key == "page":
            page = Row(number, when, html, slots, etag, built, bool(stale))
        else:
            numbers.append((key, number))
            changed_at.append((key, when))
            if key == keys.CONTENT and next_change is not None:
                next_at = _datetime(next_change)
    year = timezone.localtime().year
    return snapshot_of(tuple(sorted(numbers)), tuple(sorted(changed_at)), next_at, year), page


def remembered(request, name, compute):
    """compute(), made once per snapshot of the counters in this process.

    For what many pages show and only a change can change (the letter counts): the
    page cache's middleware has read the counters for this request already. Requests
    it passes by (staff, previews, a due timed change) compute afresh."""
    snapshot = getattr(request, "page_snapshot", None)
    if snapshot is None:
        return compute()
    return snapshot.remember(("remembered", name), compute)


def assemble(row, snapshot):
    """The stored page with today's fragments joined in: no template rendering."""
    if not row.slots:
        return row.html
    # The fragments' HTML, once per change of the counters for each set of slots,
    # in each language (the page's, active: fragments.py).
    html = snapshot.remember(
        ("fragments", get_language(), row.slots),
        lambda: fragments.rendered(row.slots.split("|"), snapshot),
    )
    return fragments.join(row.html.split(fragments.MARKER), html)


def _fragment_names(row):
    return {entry.partition(":")[0] for entry in row.slots.split("|")} if row.slots else set()


def fragments_tag(row, snapshot):
    """A short string that changes whenever a fragment joined into the row changes
    (part of the page's ETag)."""

    def compute():
        return "-".join(
            ".".join(str(part) for part in fragments.made_from(fragments.get(name), snapshot))
            for name in sorted(_fragment_names(row))
        )

    return snapshot.remember(("fragments tag", row.slots), compute)


def last_modified(row, snapshot):
    def fragments_changed():
        names = _fragment_names(row)
        return snapshot.last_changed(*(channel for name in names for channel in fragments.get(name).channels))

    times = [
        _datetime(row.rendered_at),
        snapshot.remember(("fragments changed", row.slots), fragments_changed),
    ]
    return max(t for t in times if t)
