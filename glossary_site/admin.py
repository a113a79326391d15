"""The admin both content models share: markdownx editor, status, publish actions."""

from django.contrib import admin, messages
from django.utils import timezone
from markdownx.widgets import AdminMarkdownxWidget

from glossary_site.models import Publishable


class PublishableAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "is_published"]
    list_filter = ["status", "published_at"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["reading_time", "updated_at"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "reading_time", "updated_at"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = AdminMarkdownxWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(boolean=True, description="Public")
    def is_published(self, obj):
        return obj.is_published

    @admin.action(description="Publish selected items now")
    def publish(self, request, queryset):
        now = timezone.now()
        # An item already public keeps its date; anything else goes public now.
        changed = [item for item in queryset if not item.is_published]
        for item in changed:
            item.status, item.published_at = Publishable.Status.PUBLISHED, now
            item.save()
        self.message_user(request, f"{len(changed)} item(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)")
    def unpublish(self, request, queryset):
        changed = [item for item in queryset if item.status != Publishable.Status.DRAFT]
        for item in changed:
            item.status = Publishable.Status.DRAFT
            item.save()
        self.message_user(request, f"{len(changed)} item(s) moved back to draft.", messages.SUCCESS)

    class Media:
        # The preview pane wears the public page's body styles.
        css = {"all": ["css/prose.css", "css/admin-editor.css"]}
