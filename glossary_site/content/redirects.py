"""Links never break: old addresses of public items keep answering.

An old address is an address in one language: a German term's old slug answers
under /de/ only, and the same spelling may be an English term's old slug too.

The lifecycle (glossary_site/lifecycle.py) asks `previous()` before a save writes
and calls `after_save()` after; deletions call `after_delete()`. The detail views ask `resolve()` when no public
item has the slug."""

from dataclasses import dataclass

from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render

from glossary_site.content import languages


class SlugRedirect(models.Model):
    """An address a public term or article once had (redirects.py keeps these).

    It answers 301 to the item's current address, or to the replacement an editor
    chose, or 410 Gone when the item was deleted or unpublished. Rows point at the
    item, not at its next slug, so a renamed-twice item never makes a chain."""

    kind = models.CharField(max_length=10)
    language = models.CharField(
        max_length=15,
        default=languages.source_language,
        help_text="The language whose address it is (the item's): /de/glossary/<old>/ for German.",
    )
    old_slug = models.SlugField(max_length=200, allow_unicode=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="The item it belongs to now.")
    replacement = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional: an address on this site (e.g. /glossary/api/) to send readers to instead of "
        "“410 Gone” when the item is deleted or unpublished.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "language", "old_slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "old_slug"], name="slugredirect_unique_slug_per_language"
            )
        ]

    def __str__(self):
        prefix = "" if languages.is_source(self.language) else f"/{self.language}"
        return f"{prefix}/{self.kind}/{self.old_slug}/"


@dataclass(frozen=True)
class Previous:
    slug: str
    was_public: bool


def _rows(kind, language):
    return SlugRedirect.objects.filter(kind=kind, language=language)


def _keep(kind, language, slug, **values):
    """Create or update the row of one old address (update_or_create ignores filters)."""
    SlugRedirect.objects.update_or_create(
        kind=kind, language=language, old_slug=slug, defaults={"replacement": "", **values}
    )


def previous(item):
    if item._state.adding or item.pk is None:
        return None
    old = type(item).objects.filter(pk=item.pk).first()
    return Previous(old.slug, old.is_published) if old else None


def after_save(item, before):
    kind, language = item._meta.model_name, item.language
    # The item owns its slug now: taken over, renamed back, or published again.
    _rows(kind, language).filter(old_slug=item.slug).delete()
    if before is None or not before.was_public:
        return
    if before.slug != item.slug:
        _keep(kind, language, before.slug, object_id=item.pk)
    if not item.is_published:
        # Unpublished (or moved to the future): its address answers 410 until it is back.
        _keep(kind, language, item.slug, object_id=item.pk)


def taken_over(kind, items):
    """New items created in bulk own their slugs, as after_save() does for one."""
    slugs = {}
    for item in items:
        slugs.setdefault(item.language, []).append(item.slug)
    for language, of_language in slugs.items():
        _rows(kind, language).filter(old_slug__in=of_language).delete()


def after_delete(item):
    if not item.is_published:
        return
    kind = item._meta.model_name
    SlugRedirect.objects.filter(kind=kind, object_id=item.pk).update(object_id=None)
    _keep(kind, item.language, item.slug, object_id=None)


def taken_by_history(item):
    """The redirect row that holds this item's slug for another item, if any."""
    rows = _rows(item._meta.model_name, item.language)
    return rows.filter(old_slug=item.slug).exclude(object_id=item.pk).first()


def resolve(request, model, slug, language=None):
    """301 to where an old address lives now, or 410 Gone; None if it never existed.

    language: the page's (the source language's if not given). An old slug of an
    item in another language is not this language's address: a renamed German slug
    redirects within German only."""
    language = language or languages.source_language()
    row = _rows(model._meta.model_name, language).filter(old_slug=slug).first()
    if row is None:
        return None
    if row.replacement:
        return HttpResponsePermanentRedirect(row.replacement)
    fields = ("slug", "language", "status", "published_at")
    target = model.objects.filter(pk=row.object_id).only(*fields).first() if row.object_id else None
    if target is not None and target.is_published:
        return HttpResponsePermanentRedirect(target.get_absolute_url())
    return render(request, "410.html", {"noindex": True}, status=410)
