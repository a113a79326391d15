"""The counters the page cache keys on, and the pages the worker renders ahead."""

from django.db import models


class Counter(models.Model):
    """A counter per kind of content, raised in the same transaction as every change.

    Reading it is one primary-key lookup, so any process on any node can tell
    cheaply whether what it built from the content (the term link matcher, cached
    pages) is still current, without scanning the content itself."""

    key = models.CharField(max_length=20, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)
    # For "content": when the next timed change goes public (serving/counters.py).
    next_change_at = models.DateTimeField(null=True, blank=True)
    # When the number was last raised: the Last-Modified of pages showing this content.
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.key} #{self.number}"


class StoredPage(models.Model):
    """An item's public page, rendered ahead of readers by the background worker.

    `html` is the page with a marker where each shared fragment goes (the newest
    articles, the footer's year: serving/fragments.py); a request joins the two, so
    a reader's request for any published page renders no template. A change marks
    the rows that show it stale (serving/pages.py) in the changing transaction,
    and raises `generation`; until the worker stores the new render, requests
    render the page themselves, so no reader sees the old one."""

    path = models.CharField(max_length=300, primary_key=True)
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    html = models.TextField(default="")
    # The fragment in each marker's place, in order: "name:argument|name:argument".
    slots = models.CharField(max_length=300, default="")
    etag = models.CharField(max_length=40, default="")
    rendered_at = models.DateTimeField(null=True)
    # Which templates and code rendered it (pages.build()); another build re-renders.
    build = models.CharField(max_length=16, default="")
    generation = models.PositiveBigIntegerField(default=0)
    stale = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "object_id"], name="storedpage_item_idx"),
            # The worker's to-do list (pages.to_do()), one index for each half of it:
            # the few stale rows (partial, so that SQLite's planner, which keeps no
            # statistics of values, knows they are few), and a range either side of
            # the current build. No row's HTML is read to find them.
            models.Index(fields=["stale"], condition=models.Q(stale=True), name="storedpage_to_do_stale_idx"),
            models.Index(fields=["build"], name="storedpage_to_do_build_idx"),
        ]

    def __str__(self):
        return self.path


class PageDependency(models.Model):
    """A stored page shows something that `key` names ("term:12", "card:article:3").

    Written by the worker with each render; a change looks its keys up here to mark
    exactly the pages that show it."""

    path = models.CharField(max_length=300)
    key = models.CharField(max_length=60)

    class Meta:
        indexes = [
            models.Index(fields=["key"], name="pagedependency_key_idx"),
            models.Index(fields=["path"], name="pagedependency_path_idx"),
        ]

    def __str__(self):
        return f"{self.path} -> {self.key}"


class PageChange(models.Model):
    """A change's keys, written in its transaction: a render that read the content
    before the change committed checks this log after storing, and marks itself
    stale again if a key it depends on changed meanwhile (pages.store())."""

    key = models.CharField(max_length=60)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "id"], name="pagechange_key_idx")]

    def __str__(self):
        return self.key
