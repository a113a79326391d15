"""See the effect before you change: renaming or unpublishing a live page first shows
what it touches (the pages relinked, the links that will meet a 301 or a 410, the
redirects made) and saves only once the editor confirms."""

from dataclasses import dataclass, field

from django import forms
from django.urls import reverse

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.editorial.scheduling import SchedulingForm
from glossary_site.markup import backlinks


@dataclass
class Impact:
    action: str  # "rename", "unpublish"
    relinked: list = field(default_factory=list)  # (title, admin url)
    relinked_count: int = 0
    by_hand: list = field(default_factory=list)  # (title, admin url)
    redirects: list = field(default_factory=list)  # (address, what it will answer)


def _admin_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def impact(stored, title, slug, unpublish):
    """What saving `stored` (a live item) with this title and slug, or unpublished, does."""
    kind = registry.of(stored)
    old_url, new_url = slug_url(kind.url_name, stored.slug), slug_url(kind.url_name, slug)
    result = Impact("unpublish" if unpublish else "rename")
    if kind.link_target:
        result.relinked_count, shown = backlinks.linking(stored)
        result.relinked = [(link.item.title, _admin_url(link.item)) for link in shown]
    result.by_hand = [
        (item.title, _admin_url(item)) for item in backlinks.linked_by_hand([old_url], exclude=stored)
    ]
    if unpublish:
        result.redirects = [(old_url, "410 Gone (or 301 to a replacement set under Slug redirects)")]
    elif slug != stored.slug:
        result.redirects = [(old_url, f"301 to {new_url}")]
    return result


class ImpactConfirmingForm(SchedulingForm):
    confirm_impact = forms.BooleanField(required=False, label="Yes, make this change")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.impact = None

    def clean(self):
        cleaned = super().clean()
        stored = type(self.instance).objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        if stored is None or not stored.is_published or self.errors or cleaned.get("confirm_impact"):
            return cleaned
        title, slug = cleaned.get("title", stored.title), cleaned.get("slug", stored.slug)
        unpublish = cleaned.get("status", stored.status) != stored.Status.PUBLISHED or (
            self.scheduled is not None and self.scheduled[1]
        )
        if title == stored.title and slug == stored.slug and not unpublish:
            return cleaned
        self.impact = impact(stored, title, slug, unpublish)
        raise forms.ValidationError(
            "Not saved yet: check what this change does to other pages (below), then tick "
            "“Yes, make this change” and save again.",
            code="confirm_impact",
        )
