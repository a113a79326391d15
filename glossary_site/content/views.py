"""What every public view of a kind shares: the one published() queryset, and for
an item's own page the staff preview, its metadata and its old addresses."""

from django.http import Http404

from glossary_site.content import redirects, registry
from glossary_site.content.preview import StaffPreviewMixin
from glossary_site.content.seo import SeoMixin
from glossary_site.serving import pages


class PublishedMixin:
    """Every public view of `model` starts from its one published() queryset."""

    model = None

    def get_queryset(self):
        return self.model.objects.published()


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
        return registry.of(self.model).page_meta(self.object)

    def get_object(self, queryset=None):
        # Rendered ahead by the worker a chunk at a time: fetched with the chunk.
        item = getattr(self.request, "prefetched_item", None)
        if item is None or item.slug != self.kwargs.get("slug"):
            item = super().get_object(queryset)
        if pages.recording(self.request):
            pages.depends_on(self.request, pages.item_key(item), *self.page_dependencies(item))
        return item

    def page_dependencies(self, item):
        """Keys of what else the page shows (pages.card_key of listed items), for
        the worker's render ahead: a change of any re-renders this page."""
        return ()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.moved(request, kwargs["slug"])
            if moved is None:
                raise
            return moved

    def moved(self, request, slug):
        """The answer for a slug no public item has: a redirect, 410 Gone, or None (404)."""
        return redirects.resolve(request, self.model, slug)
