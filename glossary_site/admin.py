"""The admin of the core's own models: old addresses and where they lead, and the
relinking the background worker still owes."""

from django.contrib import admin

from glossary_site.content.models import SlugRedirect
from glossary_site.markup.models import RelinkRequest


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


@admin.register(RelinkRequest)
class RelinkRequestAdmin(admin.ModelAdmin):
    """Work the background worker still owes after terms changed: how much, and what
    failed with which error. Failed task runs themselves are under Tasks."""

    list_display = ["__str__", "created_at", "claimed_by", "claimed_until", "attempts", "failed"]
    readonly_fields = [field.name for field in RelinkRequest._meta.fields]

    @admin.display(boolean=True, description="Failed")
    def failed(self, obj):
        return bool(obj.last_error)

    def has_add_permission(self, request):
        return False  # written by the change that needs the work

    def has_change_permission(self, request, obj=None):
        return False
