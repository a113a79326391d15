"""Staff see drafts and scheduled items on the public site, clearly marked.

Detail views list this mixin first: for an active staff user the queryset is every
item, the page carries a "Draft — not public" banner and noindex, and the response
is never stored by any cache. Everyone else still gets published() only (404)."""

from django.utils.cache import add_never_cache_headers


class StaffPreviewMixin:
    def staff_may_preview(self):
        user = self.request.user
        return user.is_active and user.is_staff

    def get_queryset(self):
        if self.staff_may_preview():
            return self.model.objects.all()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        kwargs["preview"] = not self.object.is_published
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("preview"):
            add_never_cache_headers(response)
        return response
