"""The admin of the core's own models: old addresses and where they lead, the
relinking the background worker still owes, and review links."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.content.redirects import SlugRedirect
from glossary_site.editorial.models import ReviewLink
from glossary_site.editorial.review_admin import ReviewLinkAdmin
from glossary_site.markup.models import RelinkRequest


def public_address(kind_name, slug, language):
    """The address readers use ("/glossary/api/", "/de/glossary/api/"), not the row's
    internal name."""
    try:
        return slug_url(registry.get(kind_name).url_name, slug, language)
    except KeyError:
        return f"/{kind_name}/{slug}/"


class SlugRedirectForm(forms.ModelForm):
    class Meta:
        model = SlugRedirect
        fields = ["replacement"]

    def clean_replacement(self):
        # Editors set this: it must stay on this site, or it would be an open redirect.
        value = self.cleaned_data["replacement"].strip()
        if value and (not value.startswith("/") or value.startswith("//") or "\\" in value):
            raise forms.ValidationError("Give an address on this site, starting with /, e.g. /glossary/api/.")
        return value


class SlugRedirectRowForm(SlugRedirectForm):
    """One row of the list: its box names the address it belongs to, for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        where = public_address(self.instance.kind, self.instance.old_slug, self.instance.language)
        self.fields["replacement"].widget.attrs["aria-label"] = f"Replacement for {where}"


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses of public pages: where they lead, and where a gone page's
    readers should go instead of "410 Gone"."""

    form = SlugRedirectForm
    list_display = ["address", "answer", "replacement", "created_at"]
    list_filter = ["kind"]
    search_fields = ["old_slug", "replacement"]
    list_editable = ["replacement"]
    readonly_fields = ["address", "answer", "created_at"]
    fields = ["address", "answer", "replacement", "created_at"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=SlugRedirectRowForm, **kwargs)

    def has_add_permission(self, request):
        return False  # made by saves and deletes, never by hand

    @admin.display(description="Old address", ordering="old_slug")
    def address(self, row):
        return public_address(row.kind, row.old_slug, row.language)

    @admin.display(description="Answers")
    def answer(self, row):
        """301 to where readers go now, or 410 Gone: what content/redirects.py resolve() does."""
        if row.replacement:
            return format_html("301 to {} <small>(replacement)</small>", row.replacement)
        try:
            model = registry.get(row.kind).model
        except KeyError:
            return "410 Gone"
        target = (
            model.objects.published().filter(pk=row.object_id).only("slug").first() if row.object_id else None
        )
        if target is None:
            why = "deleted" if row.object_id is None else "not public now"
            return format_html("410 Gone <small>({})</small>", why)
        return format_html("301 to {}", target.get_absolute_url())


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


admin.site.register(ReviewLink, ReviewLinkAdmin)
