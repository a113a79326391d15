"""Staff who may change a kind see its drafts and scheduled items on the public
site, clearly marked.

Detail views list this mixin first: for an active staff user with the change
permission of the view's model the queryset is every item, the page carries a
"Draft — not public" banner and noindex, and the response is never stored by any
cache. Everyone else, other staff included, still gets published() only (404), as
the admin answers them 403 for the same item.

They also get an "Edit this page" link. Their requests carry a session cookie,
which the page cache never serves or stores; their pages are also sent as
never-cache, so no proxy keeps the link for anyone else either."""

from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers


class StaffPreviewMixin:
    def staff_may_preview(self):
        user, opts = self.request.user, self.model._meta
        return (
            user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def get_queryset(self):
        if self.staff_may_preview():
            return self.model.objects.all()
        return super().get_queryset()

    def edit_url(self):
        opts = self.object._meta
        if not self.staff_may_preview():
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
