"""The admin both content models share: markdownx editor, publishing state and
actions, revisions (glossary_site/editorial/revisions.py) and the item form with its
checks (glossary_site/editorial/forms.py)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
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
from glossary_site.editorial.translations_admin import TranslationsAdminMixin
from glossary_site.serving import counters

ZONE_NOTE = f"Date and time in {settings.TIME_ZONE}."  # as every time the admin shows (publishing.when)
LINK_CHECK_LIMIT = 200  # slugs per request to the editor's link check
# The item form's fields that decide when a live page changes or leaves the site:
# the publish permission's, like status and published_at.
SCHEDULING_FIELDS = ("change_at", "unpublish_at_change", "cancel_scheduled_change")


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
    TranslationsAdminMixin,
    admin.ModelAdmin,
):
    """The form in the order an editor works: what the page says (title, summary, body
    with its preview), then when it is public; the Save buttons stay in view
    (static/css/admin-editor.css); technical panels come last, folded, each naming
    what it holds in its one line."""

    form = ItemForm
    action_form = PublishingActionForm
    change_form_template = "admin/publishable/change_form.html"
    change_list_template = "admin/publishable/change_list.html"
    list_display = ["title", "publication", "published", "is_published"]
    list_filter = [PublicationFilter, "published_at"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["reading_time", "last_saved", "scheduled_change"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish", "schedule"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "take_over_slug", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]
    # Folded last, under what an app adds (get_fieldsets).
    details_fields = ["reading_time", "last_saved"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = MarkdownEditorWidget(attrs=self._editor_attrs())
        elif db_field.name == "summary":
            # The whole summary in view as it is written, within the column's limit.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "maxlength": db_field.max_length})
        elif db_field.name == "published_at":
            kwargs["help_text"] = f"{db_field.help_text} {ZONE_NOTE}"
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
        # Who may amend a scheduled change edits it, not the live version (scheduling_check.py).
        form.pending = self._amendable(request, obj)
        if not self.has_publish_permission(request):
            # Declared fields are in the form whatever the fieldsets show: without the
            # publish permission, a posted time or unpublishing is not even read.
            for name in SCHEDULING_FIELDS:
                form.base_fields.pop(name, None)
        return form

    def _amendable(self, request, obj):
        if obj is None or not obj.pk or not obj.is_published or not self.has_publish_permission(request):
            return None
        return self._pending(request, obj)

    def _pending(self, request, obj):
        """The change waiting for `obj`, read once a request: the fieldsets, the form
        and the banner each ask before anything is saved. What follows a save reads
        it again (save_model, _schedule)."""
        known = request.__dict__.setdefault("_scheduled_changes", {})
        key = (self.opts.label, obj.pk)
        if key not in known:
            known[key] = scheduling.pending(obj)
        return known[key]

    def get_fieldsets(self, request, obj=None):
        """A live page, for an editor who may publish, also gets "make the change public
        at"; every form ends with its folded details."""
        fieldsets = [*super().get_fieldsets(request, obj), self._details(obj)]
        if obj is None or not obj.is_published or not self.has_publish_permission(request):
            return fieldsets
        later = ["change_at", "unpublish_at_change"]
        if self._pending(request, obj) is not None:
            later = ["scheduled_change", *later]
        return [
            (name, {**options, "fields": [*options["fields"], *later]})
            if name == "Publishing"
            else (name, options)
            for name, options in fieldsets
        ]

    def _details(self, obj):
        if obj is None or not obj.pk:
            line = "reading time and last save, once saved"
        else:
            line = f"{obj.reading_time} min read, last saved {when(obj.updated_at)}"
        return (f"Details: {line}", {"classes": ["collapse"], "fields": self.details_fields})

    @admin.display(description="Last saved")
    def last_saved(self, obj):
        return when(obj.updated_at) if obj is not None and obj.pk else "Not yet"

    @admin.display(description="Scheduled change")
    def scheduled_change(self, obj):
        change = scheduling.pending(obj) if obj is not None and obj.pk else None
        if change is None:
            return "None"
        changed = ", ".join(self._field_labels(change.values)) or "no fields"
        text = f"{scheduling.describe(change)} ({changed}{', then unpublished' if change.unpublish else ''})"
        return f"{text}. Could not be made public: {change.error}" if change.error else text

    def _field_labels(self, names):
        return [str(self.opts.get_field(name).verbose_name).capitalize() for name in names]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Without the publish permission the state is shown, not edited.
            fields += ["status", "published_at"]
        return fields

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        change_waiting = self._pending(request, obj) if obj is not None and obj.pk else None
        if change_waiting is not None:
            context["scheduled"] = self._scheduled_banner(request, obj, change_waiting)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _scheduled_banner(self, request, obj, change):
        """What the form's banner says of a change waiting to go public (change_form.html)."""
        return {
            "when": when(change.due_at),
            "unpublish": change.unpublish,
            "fields": self._field_labels(change.values),
            "by": change.created_by,
            "error": change.error,
            "amendable": self._amendable(request, obj) is not None,
            "live_url": obj.get_absolute_url(),
        }

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and "cancel_scheduled_change" in request.POST:
            return self._cancel_scheduled_view(request, object_id)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its save. The transaction
            # was rolled back; running the view again shows the conflict, text kept,
            # from what is stored now (their save may have scheduled a change).
            request.__dict__.pop("_scheduled_changes", None)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _cancel_scheduled_view(self, request, object_id):
        """The banner's "Cancel the scheduled change": the live version stays, and the
        rest of the form (the scheduled version's values) is not saved."""
        obj = self.get_object(request, object_id)
        if (
            obj is None
            or not self.has_change_permission(request, obj)
            or not self.has_publish_permission(request)
        ):
            raise PermissionDenied
        with transaction.atomic():
            cancelled = scheduling.ScheduledChange.objects.filter(
                kind=registry.of(obj).name, object_id=obj.pk
            ).delete()[0]
            counters.reschedule()
        if cancelled:
            self.log_change(request, obj, "Cancelled the scheduled change.")
            self.message_user(
                request,
                f"The scheduled change was cancelled: “{obj}” stays as it is on the site.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, f"“{obj}” had no scheduled change to cancel.", messages.WARNING)
        return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        """Do what the form's checks decided (editorial/forms.py): keep the save aside
        until its time, or save and say what a merge took. One message says what
        happened (response_change gives it instead of Django's own)."""
        scheduled = getattr(form, "scheduled", None) if change else None
        if scheduled and not self.has_publish_permission(request):
            raise PermissionDenied
        if scheduled:
            self._schedule(request, obj, form, *scheduled)
            return
        super().save_model(request, obj, form, change)
        if change and getattr(form, "pending", None) is not None and scheduling.pending(obj) is not None:
            # The editor saved the scheduled version with no time: it is public now.
            self._drop_scheduled(obj)
            request.publishing_outcome = (
                f"“{obj}” was saved and is public now, in place of the scheduled change."
            )
        merged = getattr(form, "merged", None)
        if merged and merged[1]:
            self._report_merge(request, *merged)

    def _schedule(self, request, obj, form, due, unpublish):
        amended = scheduling.pending(obj) is not None
        scheduling.schedule(obj, due, unpublish, request.user, minor=self.marked_minor(form, obj))
        what = "unpublishing" if unpublish else "change"
        request.publishing_outcome = (
            f"The scheduled {what} of “{obj}” was updated: it happens at {when(due)}."
            if amended
            else f"“{obj}” stays as it is on the site until {when(due)}; then your {what} "
            f"{'takes it off the site' if unpublish else 'goes public'} by itself."
        )

    def _drop_scheduled(self, obj):
        with transaction.atomic():
            scheduling.ScheduledChange.objects.filter(kind=registry.of(obj).name, object_id=obj.pk).delete()
            counters.reschedule()

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """Django's "was changed successfully" gives way to the save's own outcome, so a
        scheduled save does not also say it changed the page."""
        outcome = getattr(request, "publishing_outcome", None)
        if outcome is not None and level == messages.SUCCESS:
            message, request.publishing_outcome = outcome, None
        return super().message_user(request, message, level, *args, **kwargs)

    def _report_merge(self, request, who, labels):
        self.message_user(
            request,
            f"While you were editing, {who} saved this page. Their changes to "
            f"{', '.join(labels).lower()} were kept, together with yours.",
            messages.INFO,
        )

    @admin.display(description="Status", ordering="status")
    def publication(self, obj):
        change = scheduling.pending(obj) if obj.is_published else None
        if change is None:
            return state_badge(obj)
        return format_html(
            '<span class="status-badge status-change-scheduled">{}</span>', scheduling.describe(change)
        )

    @admin.display(description="Published at", ordering="published_at")
    def published(self, obj):
        return when(obj.published_at)

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
