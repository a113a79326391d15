"""Staff see drafts and scheduled items on the public site, clearly marked.

Detail views list this mixin first: for an active staff user the queryset is every
item, the page carries a "Draft — not public" banner and noindex, and the response
is never stored by any cache. Everyone else still gets published() only (404).

Staff who may change the item also get an "Edit this page" link. Their requests
carry a session cookie, which the page cache never serves or stores; their pages
are also sent as never-cache, so no proxy keeps the link for anyone else either."""

from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers


class StaffPreviewMixin:
    def staff_may_preview(self):
        user = self.request.user
        return user.is_active and user.is_staff

    def get_queryset(self):
        if self.staff_may_preview():
            return self.model.objects.all()
        return super().get_queryset()

    def edit_url(self):
        opts, user = self.object._meta, self.request.user
        if not (self.staff_may_preview() and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")):
            return None
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.object.pk])
        except NoReverseMatch:
            return None

    def get_context_data(self, **kwargs):
        kwargs["preview"] = not self.object.is_published
        kwargs["edit_url"] = self.edit_url()
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("preview") or context.get("edit_url"):
            add_never_cache_headers(response)
        return response
