"""The admin of the core's own model: old addresses and where they lead."""

from django.contrib import admin

from glossary_site.content.models import SlugRedirect


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses of public pages: where they lead, and where a gone page's
    readers should go instead of "410 Gone"."""

    list_display = ["__str__", "object_id", "replacement", "created_at"]
    list_filter = ["kind"]
    search_fields = ["old_slug", "replacement"]
    list_editable = ["replacement"]
    readonly_fields = ["kind", "old_slug", "object_id", "created_at"]

    def has_add_permission(self, request):
        return False  # made by saves and deletes, never by hand
