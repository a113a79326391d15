"""What every public view of a kind shares: the one published() queryset, and for
an item's own page the staff preview, its metadata and its old addresses."""

from django.http import Http404

from glossary_site.content import redirects, registry
from glossary_site.content.preview import StaffPreviewMixin
from glossary_site.content.seo import SeoMixin


class PublishedMixin:
    """Every public view of `model` starts from its one published() queryset."""

    model = None

    def get_queryset(self):
        return self.model.objects.published()


class PublishedDetailMixin(SeoMixin, StaffPreviewMixin, PublishedMixin):
    """A published item's page (for a DetailView by slug).

    Staff may preview drafts; the metadata is the kind's (content.registry); an
    address the item used to have answers 301 to it now, or 410 Gone."""

    def get_meta(self, context):
        return registry.of(self.model).page_meta(self.object)

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
