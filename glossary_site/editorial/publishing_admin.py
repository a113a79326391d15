"""Publishing from the admin's lists: a filter by the state an editor sees
(editorial/publishing.py), the Publish, Unpublish and Schedule actions, and the
form field the Schedule action reads."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone

from glossary_site.content.models import EditConflict, Publishable
from glossary_site.editorial import alt_text
from glossary_site.editorial.impact import impact
from glossary_site.editorial.publishing import DRAFT, PUBLISHED, SCHEDULED, when

UNPUBLISH_SHOWN = 20  # public items whose effects the bulk unpublish confirmation lists


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [(DRAFT, "Draft"), (SCHEDULED, "Scheduled"), (PUBLISHED, "Published")]

    def queryset(self, request, queryset):
        if self.value() == DRAFT:
            return queryset.exclude(status=queryset.model.Status.PUBLISHED)
        if self.value() == SCHEDULED:
            return queryset.scheduled()
        if self.value() == PUBLISHED:
            return queryset.published()
        return queryset


class PublishingActionForm(helpers.ActionForm):
    """The admin's action bar, plus the date and time the Schedule action uses."""

    publish_at = forms.DateTimeField(
        label="Date and time for “Schedule”:",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class PublishingActionsMixin:
    """The list's publishing actions, for those with the model's publish permission."""

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

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
