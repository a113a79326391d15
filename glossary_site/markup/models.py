"""What the term linker still owes: relinking requested by a change of terms."""

from django.db import models
from django.utils import timezone


class RelinkRequest(models.Model):
    """Bodies to link again because a term changed (renamed, new alias, new summary,
    unpublished, deleted).

    Written in the same transaction as the change, so a crash between the commit and
    the work loses nothing; deleted only when every body it names is linked again.
    A worker claims it for a lease and extends the lease as it goes: a request whose
    worker died is taken over by the next worker once the lease runs out."""

    term_id = models.PositiveBigIntegerField(help_text="The term that changed (it may be gone).")
    names = models.JSONField(default=list, help_text="Its names before and after: bodies with them.")
    items = models.JSONField(default=list, help_text="[kind, id] of bodies known to link it.")
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "pending relink"

    def __str__(self):
        return f"relink after term {self.term_id} changed ({', '.join(self.names[:3])})"


class TermChange(models.Model):
    """A term whose links changed (name, address, tooltip, state, rules or aliases; or
    deleted), written with the change. Every process's matcher follows this log: it
    takes out and puts back the terms changed since it last looked, instead of reading
    the whole glossary again after every change."""

    term_id = models.PositiveBigIntegerField()
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"term {self.term_id} changed at {self.at:%Y-%m-%d %H:%M:%S}"


class ResponsiveImage(models.Model):
    """The WebP versions the worker made of one stored image (markup/images.py).

    Pages offer them only once this row exists, so no page names a file not yet written."""

    name = models.CharField(max_length=255, unique=True, help_text="The original's name in storage.")
    widths = models.JSONField(default=list, help_text="Widths of its WebP versions, in pixels.")
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({', '.join(map(str, self.widths)) or 'no versions'})"
