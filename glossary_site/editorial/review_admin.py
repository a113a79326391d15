"""Review links in the admin: the button on a draft's (or a scheduled change's) page
that makes one, and the "Review links" screen that lists and revokes them
(editorial/review.py does the rest)."""

from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from glossary_site.content import registry
from glossary_site.editorial import review
from glossary_site.editorial.admin_views import object_to_change
from glossary_site.editorial.publishing import when


class ReviewLinksAdminMixin:
    """For a publishable item's admin: POST <id>/review-link/ makes a link and shows it once."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review_link"
        return [
            path(
                "<path:object_id>/review-link/", self.admin_site.admin_view(self.review_link_view), name=name
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Offered only where there is something the public cannot see yet.
        context["review_link_possible"] = (
            obj is not None and self.has_change_permission(request, obj) and review.reviewable(obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_link_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_to_change(self, request, object_id)
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        try:
            link, token = review.make(obj, request.user)
        except review.NothingToReview:
            self.message_user(
                request,
                "This page is public as it is, with no scheduled change: share its own address.",
                messages.WARNING,
            )
            return HttpResponseRedirect(change_url)
        self.log_change(request, obj, f"Made a review link to version {link.version}.")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review link to “{link.title}”",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "link": link,
            "address": request.build_absolute_uri(review.url(token)),
            "expires": when(link.expires_at),
            "scheduled": when(link.scheduled_for) if link.scheduled_for else "",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishable/review_link.html", context)


def _may_change_content(request):
    return any(
        request.user.has_perm(f"{kind.model._meta.app_label}.change_{kind.model._meta.model_name}")
        for kind in registry.kinds()
    )


class ReviewLinkAdmin(admin.ModelAdmin):
    """Every review link: what it shows, who made it, until when; revoke to end it now.
    Links are made from an item's page, never here, and keep no usable token."""

    list_display = ["item", "revision", "created_by", "created_at", "expires_at", "state"]
    # The item column links to the item itself; a link inside the row's own link would be two in one.
    list_display_links = ["revision"]
    list_filter = ["kind"]
    search_fields = ["title"]
    actions = ["revoke"]
    fields = ["item", "revision", "created_by", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    list_select_related = ["created_by"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Item", ordering="title")
    def item(self, link):
        kind = registry.get(link.kind)
        opts = kind.model._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[link.object_id])
        except NoReverseMatch:
            return link.title
        return format_html('<a href="{}">{}</a> ({})', url, link.title, opts.verbose_name)

    @admin.display(description="Revision", ordering="version")
    def revision(self, link):
        if link.scheduled_for:
            return f"Version {link.version} with the change scheduled for {when(link.scheduled_for)}"
        return f"Version {link.version} (draft)"

    @admin.display(description="State")
    def state(self, link):
        if link.revoked_at:
            return f"Revoked {when(link.revoked_at)}"
        if link.expires_at <= timezone.now():
            return "Expired"
        return "Active"

    @admin.action(description="Revoke selected review links now", permissions=["change"])
    def revoke(self, request, queryset):
        ended = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{ended} review link(s) revoked: they now answer “not found”.")
