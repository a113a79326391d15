"""What every public view of a kind shares: the one published() queryset, and for
an item's own page the staff preview, its metadata, its old addresses and a
scheduled change whose time has come before the worker saved it."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from glossary_site.content import alternates, redirects, registry, scheduled
from glossary_site.content.preview import StaffPreviewMixin
from glossary_site.content.seo import SeoMixin


class UnpublishedMeanwhile(Exception):
    """The item's scheduled unpublishing is due: its page answers as after it."""


class PublishedMixin:
    """Every public view of `model` starts from its one published() queryset, in the
    page's language (the address's: serving/middleware.py PathLanguageMiddleware)."""

    model = None

    @property
    def language(self):
        return get_language()

    def get_queryset(self):
        return self.model.objects.published().in_language(self.language)


class ListsPageMixin:
    """A page that shows the kinds' lists only (index, letters, blog, tags): the
    page cache keys it on the lists' counters, so a body edit leaves it cached
    (serving/pagecache.py; views without this follow every change)."""

    page_channels = ()


class PublishedDetailMixin(SeoMixin, StaffPreviewMixin, PublishedMixin):
    """A published item's page (for a DetailView by slug).

    Staff may preview drafts; the metadata is the kind's (content.registry); an
    address the item used to have answers 301 to it now, or 410 Gone."""

    def get_meta(self, context):
        meta = registry.of(self.model).page_meta(self.object)
        item = self.object
        return alternates.add(meta, item.language, lambda: alternates.of_item(item))

    def get_object(self, queryset=None):
        # Rendered ahead by the worker a chunk at a time: fetched with the chunk.
        item = getattr(self.request, "prefetched_item", None)
        if item is None or item.slug != self.kwargs.get("slug"):
            item = super().get_object(queryset)
        if getattr(self.request, "page_snapshot", None) is None:
            # The page cache passed this request by: staff, or a timed change is due
            # (serving/pagecache.py); only then can a change be due and not saved.
            self.show_due_change(item)
        recorded = getattr(self.request, "page_dependencies", None)
        if recorded is not None:  # rendered ahead: its own item is recorded by the renderer
            recorded.update(self.page_dependencies(item))
        return item

    def show_due_change(self, item):
        """The item as its scheduled change makes it, when that change is due and the
        worker has not saved it yet: shown, never saved (no read writes).

        The address stays the old one until the worker saves a new slug: that save
        is what makes the old address redirect (content/redirects.py)."""
        change = scheduled.due_change(item)
        if change is None:
            return
        if change.unpublish and not self.staff_may_preview():
            raise UnpublishedMeanwhile
        for name, value in change.values.items():
            if name != "slug":
                setattr(item, name, value)
        if "body" in change.values:
            self.render_body(item)
        if change.unpublish:
            item.status = item.Status.DRAFT

    def render_body(self, item):
        """Make item.body_html and what goes with it from item.body, as a save would:
        the kind's view gives it (the content layer renders no Markdown)."""
        raise NotImplementedError

    def page_dependencies(self, item):
        """Keys of what else the page shows (serving/keys.py: the cards of listed
        items), for the worker's render ahead: a change of any re-renders this page."""
        return ()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except UnpublishedMeanwhile:
            return render(request, "410.html", {"noindex": True}, status=410)
        except Http404:
            moved = self.moved(request, kwargs["slug"])
            if moved is None:
                raise
            return moved

    def moved(self, request, slug):
        """The answer for a slug no public item has: a redirect, 410 Gone, or None (404)."""
        return redirects.resolve(request, self.model, slug, self.language)
