"""Publishing in the admin: the state an editor sees (Draft, Scheduled for …,
Published), a filter by it, and the form field the Schedule action reads.

"Scheduled" is not a status of its own: it is a published item whose publish time
is still ahead. published() shows it by itself when that time comes."""

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

DRAFT, SCHEDULED, PUBLISHED = "draft", "scheduled", "published"


def state_of(item, now=None):
    if item.status != item.Status.PUBLISHED:
        return DRAFT
    return SCHEDULED if item.published_at > (now or timezone.now()) else PUBLISHED


def when(moment):
    """A date and time as editors read it, in the site's time zone."""
    return date_format(timezone.localtime(moment), "j M Y, H:i")


def state_label(item):
    state = state_of(item)
    if state == SCHEDULED:
        return f"Scheduled for {when(item.published_at)}"
    return {DRAFT: "Draft", PUBLISHED: "Published"}[state]


def state_badge(item):
    """The state as a word in a small badge; the colour only repeats what the word says."""
    return format_html('<span class="status-badge status-{}">{}</span>', state_of(item), state_label(item))


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


class PublishingActionForm(ActionForm):
    """The admin's action bar, plus the date and time the Schedule action uses."""

    publish_at = forms.DateTimeField(
        label="Date and time for “Schedule”:",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
