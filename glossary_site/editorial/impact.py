"""See the effect before you change: renaming or unpublishing a live page first shows
what it touches (the pages relinked, the links that will meet a 301 or a 410, the
redirects made) and saves only once the editor confirms."""

from dataclasses import dataclass, field

from django import forms
from django.urls import reverse

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
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


class ImpactCheck:
    """The item form's check that holds back a rename or an unpublishing of a live
    page until the editor confirms it. Adds "Yes, make this change"; tells the form
    `impact` (what the change form lists before the confirmation). Runs last, after
    the scheduling check, whose `scheduled` says whether the save unpublishes later."""

    fields = {"confirm_impact": forms.BooleanField(required=False, label="Yes, make this change")}

    def __init__(self, form):
        self.form = form
        self.impact = None

    def clean(self, cleaned):
        form = self.form
        stored = type(form.instance).objects.filter(pk=form.instance.pk).first() if form.instance.pk else None
        if stored is None or not stored.is_published or form.errors or cleaned.get("confirm_impact"):
            return
        title, slug = cleaned.get("title", stored.title), cleaned.get("slug", stored.slug)
        unpublish = cleaned.get("status", stored.status) != stored.Status.PUBLISHED or (
            form.scheduled is not None and form.scheduled[1]
        )
        if title == stored.title and slug == stored.slug and not unpublish:
            return
        self.impact = impact(stored, title, slug, unpublish)
        raise forms.ValidationError(
            "Not saved yet: check what this change does to other pages (below), then tick "
            "“Yes, make this change” and save again.",
            code="confirm_impact",
        )
