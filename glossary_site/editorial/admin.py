"""The admin both content models share: markdownx editor, publishing state and
actions, revisions (glossary_site/editorial/revisions.py) and the item form with its
checks (glossary_site/editorial/forms.py)."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from markdownx.widgets import AdminMarkdownxWidget

from glossary_site.content import registry
from glossary_site.content.models import EditConflict, Publishable
from glossary_site.editorial import alt_text, linkcheck, scheduling
from glossary_site.editorial.forms import ItemForm
from glossary_site.editorial.impact import impact
from glossary_site.editorial.publishing import state_badge, when
from glossary_site.editorial.publishing_admin import PublicationFilter, PublishingActionForm
from glossary_site.editorial.review_admin import ReviewLinksAdminMixin
from glossary_site.editorial.revisions import RevisionsAdminMixin
from glossary_site.serving import versions

LINK_CHECK_LIMIT = 200  # slugs per request to the editor's link check
UNPUBLISH_SHOWN = 20  # public items whose effects the bulk unpublish confirmation lists


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


class PublishableAdmin(ReviewLinksAdminMixin, RevisionsAdminMixin, admin.ModelAdmin):
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

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its save. The transaction
            # was rolled back; running the view again shows the conflict, text kept.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change and form.cleaned_data.get("cancel_scheduled_change"):
            self._cancel_scheduled(request, obj)
        if change and getattr(form, "scheduled", None):
            due, unpublish = form.scheduled
            scheduling.schedule(obj, due, unpublish, request.user)
            what = "be unpublished" if unpublish else "go public"
            self.message_user(
                request,
                f"“{obj}” stays as it is on the site until {when(due)}; then your change will {what} by itself.",
                messages.INFO,
            )
            return
        super().save_model(request, obj, form, change)
        merged = getattr(form, "merged", None)
        if merged and merged[1]:
            who, labels = merged
            self.message_user(
                request,
                f"While you were editing, {who} saved this page. Their changes to "
                f"{', '.join(labels).lower()} were kept, together with yours.",
                messages.INFO,
            )

    def _cancel_scheduled(self, request, obj):
        with transaction.atomic():
            scheduling.ScheduledChange.objects.filter(kind=self.opts.model_name, object_id=obj.pk).delete()
            versions.reschedule()
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

    # --- bulk publishing -------------------------------------------------------
    def _apply(self, request, queryset, change, done_message):
        """Change and save() each item (so search and links follow) and log it.

        Items are read at the moment of the action and saved from that version: an
        item someone saves in between is refused by save() and reported, not
        overwritten."""
        done, stale = [], []
        for item in queryset:
            log_message = change(item)
            if not log_message:
                continue
            try:
                item.save()
            except EditConflict:
                stale.append(str(item))
                continue
            self.log_change(request, item, log_message)
            done.append(item)
        self.message_user(request, done_message(len(done)), messages.SUCCESS)
        if stale:
            self.message_user(
                request,
                "Not changed, because someone saved them in the meantime: "
                f"{', '.join(stale)}. Check them and try again.",
                messages.WARNING,
            )
        return done

    def _report_without_alt(self, request, blocked):
        if blocked:
            self.message_user(
                request,
                f"Left as drafts, because an image in them has no alt text: {', '.join(blocked)}. Open "
                f"each and write what its images show between ![ and ].",
                messages.WARNING,
            )

    @admin.action(description="Publish selected items now", permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        blocked = []

        def change(item):
            if item.is_published:  # an item already public keeps its date
                return None
            if alt_text.problem(item.body):
                blocked.append(str(item))
                return None
            item.status, item.published_at = Publishable.Status.PUBLISHED, now
            return "Published now (admin action)."

        self._apply(request, queryset, change, lambda n: f"{n} item(s) published.")
        self._report_without_alt(request, blocked)

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        if request.POST.get("confirm_unpublish") != "yes":
            live = [item for item in queryset if item.is_published]
            if live:  # taking public pages down: first show what it does to other pages
                return self._confirm_unpublish(request, queryset, live)

        def change(item):
            if item.status == Publishable.Status.DRAFT:
                return None
            item.status = Publishable.Status.DRAFT
            return "Unpublished: back to draft (admin action)."

        self._apply(request, queryset, change, lambda n: f"{n} item(s) moved back to draft.")

    def _confirm_unpublish(self, request, queryset, live):
        """The bulk twin of the form's confirmation (editorial/impact.py): for each
        public item, the addresses that will answer 410 and the pages it touches."""
        shown = live[:UNPUBLISH_SHOWN]
        context = {
            **self.admin_site.each_context(request),
            "title": "Before you unpublish: what will change",
            "subtitle": None,
            "opts": self.opts,
            "impacts": [(item, impact(item, item.title, item.slug, unpublish=True)) for item in shown],
            "more": len(live) - len(shown),
            "not_public": [item for item in queryset if not item.is_published],
            "selected": [item.pk for item in queryset],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishable/unpublish_confirmation.html", context)

    @admin.action(description="Schedule selected items for the date and time given", permissions=["publish"])
    def schedule(self, request, queryset):
        moment = self._schedule_moment(request)
        if moment is None:
            return

        live, blocked = [], []

        def change(item):
            if item.is_published:
                live.append(str(item))  # moving its date ahead would take a live page down
                return None
            if alt_text.problem(item.body):
                blocked.append(str(item))
                return None
            item.status, item.published_at = Publishable.Status.PUBLISHED, moment
            return f"Scheduled for {when(moment)} (admin action)."

        self._apply(request, queryset, change, lambda n: f"{n} item(s) scheduled for {when(moment)}.")
        if live:
            self.message_user(
                request,
                f"Left public as they are: {', '.join(live)}. To change a live page later, open it "
                "and give “Make the change public at”.",
                messages.WARNING,
            )
        self._report_without_alt(request, blocked)

    def _schedule_moment(self, request):
        field = self.action_form.base_fields["publish_at"]
        try:
            moment = field.clean(request.POST.get("publish_at", ""))
        except ValidationError:
            moment = None
        if moment is None or moment <= timezone.now():
            self.message_user(
                request,
                "Nothing scheduled: give a date and time in the future beside the action, "
                "then run “Schedule” again.",
                messages.ERROR,
            )
            return None
        return moment

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
        css = {"all": ["css/tokens.css", "css/prose.css", "css/components.css", "css/admin-editor.css"]}
        js = ["js/admin-editor.js"]
