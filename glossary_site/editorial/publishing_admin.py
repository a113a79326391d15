"""Publishing in the admin's lists: a filter by the state an editor sees
(editorial/publishing.py), and the form field the Schedule action reads."""

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm

from glossary_site.editorial.publishing import DRAFT, PUBLISHED, SCHEDULED


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
