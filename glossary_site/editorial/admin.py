"""The admin both content models share: markdownx editor, publishing state and
actions, revisions (glossary_site/editorial/revisions.py) and the item form with its
checks (glossary_site/editorial/forms.py)."""

from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from markdownx.widgets import AdminMarkdownxWidget

from glossary_site.content import registry
from glossary_site.content.models import EditConflict
from glossary_site.editorial import linkcheck, scheduling
from glossary_site.editorial.forms import ItemForm
from glossary_site.editorial.impact import ImpactConfirmationAdminMixin
from glossary_site.editorial.publishing import state_badge, when
from glossary_site.editorial.publishing_admin import (
    PublicationFilter,
    PublishingActionForm,
    PublishingActionsMixin,
)
from glossary_site.editorial.review_admin import ReviewLinksAdminMixin
from glossary_site.editorial.revisions import RevisionsAdminMixin
from glossary_site.serving import counters

LINK_CHECK_LIMIT = 200  # slugs per request to the editor's link check


class MarkdownEditorWidget(AdminMarkdownxWidget):
    """markdownx's text box and live preview, without markdownx's admin stylesheet:
    it fixes both panes at 610 px and restyles the preview, which must wear the
    public page's own styles (static/css/admin-editor.css lays the panes out)."""

    preview_url = None  # the preview address for this item, set by the admin's get_form

    class Media:
        extend = False
        js = AdminMarkdownxWidget.Media.js

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.preview_url:
            context["widget"]["attrs"]["data-markdownx-urls-path"] = self.preview_url
        return context


class PublishableAdmin(
    ImpactConfirmationAdminMixin,
    PublishingActionsMixin,
    ReviewLinksAdminMixin,
    RevisionsAdminMixin,
    admin.ModelAdmin,
):
    form = ItemForm
    action_form = PublishingActionForm
    change_form_template = "admin/publishable/change_form.html"
    change_list_template = "admin/publishable/change_list.html"
    list_display = ["title", "publication", "published_at", "is_published"]
    list_filter = [PublicationFilter, "published_at"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["reading_time", "updated_at", "scheduled_change"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish", "schedule"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "take_over_slug", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "reading_time", "updated_at"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = MarkdownEditorWidget(attrs=self._editor_attrs())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _editor_attrs(self):
        """What static/js/admin-editor.js needs to check the body's links."""
        return {
            "data-link-check-url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_link_check"
            ),
            **{
                f"data-{kind.editor_key}-prefix": linkcheck.url_prefix(kind.url_name)
                for kind in registry.kinds()
                if kind.editor_key
            },
            "data-words-per-minute": str(settings.WORDS_PER_MINUTE),
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        body = form.base_fields.get("body")
        own_term = obj.own_term_id() if obj is not None else None
        if body is not None and own_term is not None:
            # The preview links terms as the page will, which never links a term to itself.
            body.widget.preview_url = f"{settings.MARKDOWNX_URLS_PATH}?{urlencode({'own_term': own_term})}"
        return form

    def get_fieldsets(self, request, obj=None):
        """A live page, for an editor who may publish, also gets "make the change public at"."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.is_published or not self.has_publish_permission(request):
            return fieldsets
        later = ["change_at", "unpublish_at_change"]
        if scheduling.pending(obj) is not None:
            later = ["scheduled_change", "cancel_scheduled_change", *later]
        return [
            (name, {**options, "fields": [*options["fields"], *later]})
            if name == "Publishing"
            else (name, options)
            for name, options in fieldsets
        ]

    @admin.display(description="Scheduled change")
    def scheduled_change(self, obj):
        change = scheduling.pending(obj) if obj is not None and obj.pk else None
        if change is None:
            return "None"
        changed = ", ".join(change.values) or "no fields"
        text = f"{scheduling.describe(change)} ({changed}{', then unpublished' if change.unpublish else ''})"
        return f"{text}. Could not be made public: {change.error}" if change.error else text

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Without the publish permission the state is shown, not edited.
            fields += ["status", "published_at"]
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its save. The transaction
            # was rolled back; running the view again shows the conflict, text kept.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Do what the form's checks decided (editorial/forms.py): cancel the scheduled
        change, keep the save aside until its time, or save and say what a merge took."""
        if change and form.cleaned_data.get("cancel_scheduled_change"):
            self._cancel_scheduled(request, obj)
        scheduled = getattr(form, "scheduled", None) if change else None
        if scheduled:
            self._schedule(request, obj, *scheduled)
            return
        super().save_model(request, obj, form, change)
        merged = getattr(form, "merged", None)
        if merged and merged[1]:
            self._report_merge(request, *merged)

    def _schedule(self, request, obj, due, unpublish):
        scheduling.schedule(obj, due, unpublish, request.user)
        what = "be unpublished" if unpublish else "go public"
        self.message_user(
            request,
            f"“{obj}” stays as it is on the site until {when(due)}; then your change will {what} by itself.",
            messages.INFO,
        )

    def _report_merge(self, request, who, labels):
        self.message_user(
            request,
            f"While you were editing, {who} saved this page. Their changes to "
            f"{', '.join(labels).lower()} were kept, together with yours.",
            messages.INFO,
        )

    def _cancel_scheduled(self, request, obj):
        with transaction.atomic():
            scheduling.ScheduledChange.objects.filter(kind=self.opts.model_name, object_id=obj.pk).delete()
            counters.reschedule()
        self.message_user(request, "The scheduled change was cancelled.", messages.INFO)

    @admin.display(description="Status", ordering="status")
    def publication(self, obj):
        change = scheduling.pending(obj) if obj.is_published else None
        if change is None:
            return state_badge(obj)
        return format_html(
            '<span class="status-badge status-published">{}</span>', scheduling.describe(change)
        )

    @admin.display(boolean=True, description="Public")
    def is_published(self, obj):
        return obj.is_published

    # --- the editor's link check ----------------------------------------------
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "link-check/",
                self.admin_site.admin_view(self.link_check_view),
                name=f"{prefix}_link_check",
            ),
            *super().get_urls(),
        ]

    def link_check_view(self, request):
        """Which of the given glossary and blog slugs lead nowhere (drafts count as
        existing: they may be published together; so do other names, which redirect)."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "Not allowed."}, status=403)
        missing = {}
        for kind in registry.kinds():
            if kind.editor_key:
                asked = set(request.GET.getlist(kind.editor_key)[:LINK_CHECK_LIMIT])
                missing[kind.editor_key] = sorted(asked - linkcheck.existing_slugs(kind, asked))
        return JsonResponse({"missing": missing})

    class Media:
        # The preview pane wears the public page's styles (tokens, body, term links and
        # heading anchors); the script adds counters, writing warnings and the
        # unsaved-changes guard.
        css = {
            "all": [
                "css/tokens.css",
                "css/prose.css",
                "css/components.css",
                "css/admin-editor.css",
                "css/admin-toolbar.css",
            ]
        }
        js = ["js/admin-editor.js", "js/admin-toolbar.js"]
