"""See the effect before you change: renaming or unpublishing a live page first shows
what it touches (the pages linking it, the links that will meet a 301 or a 410, the
redirects made) and saves only once the editor confirms.

A renamed term may keep its old name as an alias, in the same save: the pages whose
text names it ("Ledger") are then relinked to the renamed term ("General Ledger")
instead of losing their link. The choice is offered, ticked, whenever other pages
link the term or mention the old name."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorList
from django.urls import reverse
from django.utils.text import slugify

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.content.redirects import SlugRedirect
from glossary_site.content.text import fold
from glossary_site.editorial import common_words
from glossary_site.editorial.common_words import CommonWord
from glossary_site.markup import backlinks, relinking
from glossary_site.markup.linker import MatchCase

CONFIRM_CODE = "confirm_impact"
# The one-click answers to a common-word title (common_words.py): how the term links then.
LINK_CHOICES = {
    "as_written": {"match_case": MatchCase.ALWAYS},
    "off": {"link_automatically": False},
}


@dataclass
class OldName:
    """A renamed term's old title, and the alias it would become."""

    name: str
    slug: str  # the alias's slug: from the old title, or the first free variant
    address: str  # the address that slug gives the alias
    pages: int  # other pages that link the term or mention the old name
    taken: str = ""  # why the address from the old title could not be used
    scheduled: bool = False  # a rename kept aside for later: no alias made now

    @property
    def keep_by_default(self):
        return self.pages > 0 and not self.scheduled


@dataclass
class Impact:
    action: str  # "rename", "unpublish", "publish" (a term named by a common word goes live)
    old_title: str = ""  # the title it has (the admin's `original` holds the form's by then)
    title: str = ""  # the title the item would have
    relinked: list = field(default_factory=list)  # (title, admin url)
    relinked_count: int = 0
    by_hand: list = field(default_factory=list)  # (title, admin url)
    redirects: list = field(default_factory=list)  # (address, what it will answer)
    old_name: OldName | None = None  # a term's title that the rename drops
    common_word: CommonWord | None = None  # a title that is a common word: what it would link


def _admin_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def impact(stored, title, slug, unpublish, scheduled=False):
    """What saving `stored` (a live item) with this title and slug, or unpublished, does."""
    kind = registry.of(stored)
    language = stored.language
    old_url, new_url = slug_url(kind.url_name, stored.slug, language), slug_url(kind.url_name, slug, language)
    result = Impact("unpublish" if unpublish else "rename", old_title=stored.title, title=title)
    if kind.link_target:
        result.relinked_count, shown = backlinks.linking(stored)
        result.relinked = [(link.item.title, _admin_url(link.item)) for link in shown]
        if not unpublish:
            result.old_name = old_name(stored, title, slug, scheduled)
    result.by_hand = [
        (item.title, _admin_url(item)) for item in backlinks.linked_by_hand([old_url], exclude=stored)
    ]
    if unpublish:
        result.redirects = [(old_url, "410 Gone (or 301 to a replacement set under Slug redirects)")]
    elif slug != stored.slug:
        result.redirects = [(old_url, f"301 to {new_url}")]
    return result


# --- Keeping the old name ------------------------------------------------------


def old_name(stored, title, slug, scheduled=False):
    """The OldName a rename of the term `stored` to `title` (at `slug`) would drop, or
    None when it drops none (the same name in other letters, or already an alias)."""
    kind = registry.of(stored)
    name = stored.title
    if not kind.other_names or fold(name) == fold(title) or fold(name) in map(fold, stored.alias_names()):
        return None
    here = {(kind.name, stored.pk)}
    pages = (relinking.bodies_linking(stored.pk) | relinking.bodies_with_names([name])) - here
    wanted = slugify(name)[:190] or "alias"
    free, taken = _free_slug(stored, slug, wanted), ""
    if free != wanted:
        taken = f"{slug_url(kind.url_name, wanted, stored.language)} is {_holder(stored, slug, wanted)}"
    return OldName(name, free, slug_url(kind.url_name, free, stored.language), len(pages), taken, scheduled)


def _aliases(kind):
    return kind.model._meta.get_field(kind.other_names).related_model


def _holder(stored, new_slug, wanted):
    """Who has the address `wanted` already, in words; "" when nobody does."""
    kind = registry.of(stored)
    if wanted == new_slug:
        return "this term's own address"
    # Addresses are per language: an English page's does not hold a German one.
    language = stored.language
    other = kind.model.objects.filter(language=language, slug=wanted).exclude(pk=stored.pk).first()
    if other is not None:
        return f"the address of “{other.title}”"
    alias = _aliases(kind).objects.filter(language=language, slug=wanted).first()
    if alias is not None:
        return f"the address of the alias “{alias.name}”"
    gone = SlugRedirect.objects.filter(kind=kind.name, language=language, old_slug=wanted)
    gone = gone.exclude(object_id=stored.pk)
    if gone.exists():
        return "an old address of another page"
    return ""


def _free_slug(stored, new_slug, wanted):
    slug, n = wanted, 1
    while _holder(stored, new_slug, slug):
        n += 1
        slug = f"{wanted}-{n}"
    return slug


def keep_old_name(term, kept):
    """Make the OldName `kept` an alias of `term`, unless it is one already. Saved as
    any alias is (lifecycle.py): the bodies with its name are relinked to the term."""
    kind = registry.of(term)
    aliases = getattr(term, kind.other_names)
    if fold(kept.name) in map(fold, aliases.values_list("name", flat=True)):
        return None
    slug = kept.slug if not _holder(term, term.slug, kept.slug) else _free_slug(term, term.slug, kept.slug)
    return aliases.create(name=kept.name, slug=slug)


# --- The form's check -----------------------------------------------------------


class ImpactCheck:
    """The item form's check that holds back a rename or an unpublishing of a live
    page, or the publication of a term named by a common word, until the editor
    confirms it. Adds the confirmation, "Keep “<old name>” as an alias" and the
    one-click link choices of a common word; tells the form `impact` (what the change
    form lists before the confirmation) and, after a confirmed rename that kept the
    old name, `kept_alias`. Runs last, after the scheduling check, whose `scheduled`
    says whether the save is kept aside (and whether it unpublishes later)."""

    fields = {
        "confirm_impact": forms.BooleanField(required=False, label="Yes, make this change"),
        "keep_old_name": forms.BooleanField(required=False, label="Keep the old name as an alias"),
        "link_choice": forms.ChoiceField(
            required=False, choices=[("", "As set"), *((key, key) for key in LINK_CHOICES)]
        ),
    }

    def __init__(self, form):
        self.form = form
        self.impact = None
        self.kept_alias = None
        self.link_choice = ""  # the one-click link choice the save applied
        self._keep = None  # the OldName to make an alias of once the form is saved

    def clean(self, cleaned):
        form = self.form
        if form.errors:
            return
        stored = form.stored()
        choice = LINK_CHOICES.get(cleaned.get("link_choice"), {})
        if choice and all(name in form.fields for name in choice):
            self.link_choice = cleaned["link_choice"]
            cleaned.update(choice)
        confirmed = cleaned.get("confirm_impact") or self.link_choice
        if stored is None or not stored.is_published:
            if not confirmed:
                self._hold_common_word(cleaned, stored)
            return
        title, slug = cleaned.get("title", stored.title), cleaned.get("slug", stored.slug)
        unpublish = cleaned.get("status", stored.status) != stored.Status.PUBLISHED or (
            form.scheduled is not None and form.scheduled[1]
        )
        if title == stored.title and slug == stored.slug and not unpublish:
            return
        if confirmed:
            if cleaned.get("keep_old_name") and not unpublish and form.scheduled is None:
                self._keep = old_name(stored, title, slug)
            return
        self.impact = impact(stored, title, slug, unpublish, scheduled=form.scheduled is not None)
        if not unpublish and fold(title) != fold(stored.title):
            self.impact.common_word = self._common_word(cleaned, title)
        raise forms.ValidationError(
            "Not saved yet: check what this change does to other pages, then confirm it.",
            code=CONFIRM_CODE,
        )

    def _common_word(self, cleaned, title):
        if not registry.of(self.form.instance).link_target or "match_case" not in self.form.fields:
            return None
        return common_words.warning(
            self.form.instance,
            title,
            cleaned.get("match_case", MatchCase.AUTO),
            cleaned.get("link_automatically", True),
        )

    def _hold_common_word(self, cleaned, stored):
        """Before a term named by a common word goes live: what it would link."""
        instance = self.form.instance
        going_live = cleaned.get("status", instance.status) == instance.Status.PUBLISHED
        if not going_live or (stored is not None and stored.status == stored.Status.PUBLISHED):
            return  # not going live, or scheduled already: asked when it was
        title = cleaned.get("title", instance.title)
        common = self._common_word(cleaned, title)
        if common is None:
            return
        self.impact = Impact("publish", old_title=title, title=title, common_word=common)
        raise forms.ValidationError(
            "Not saved yet: this title is a common word; check what it would link, then choose.",
            code=CONFIRM_CODE,
        )

    def saved(self, instance):
        """After the form's save, in its transaction: the kept name becomes an alias."""
        if self._keep is not None:
            self.kept_alias = keep_old_name(instance, self._keep)


class ImpactConfirmationAdminMixin:
    """For the ModelAdmin of the item form: the confirmation is a question, not an
    error, so the change form shows no "Please correct the error below." for it; and
    a kept old name is said in a message after the save."""

    def render_change_form(self, request, context, *args, **kwargs):
        adminform = context.get("adminform")
        form = adminform.form if adminform is not None else None
        if form is not None and getattr(form, "impact", None) is not None and "errors" in context:
            confirmation = form.errors.get(NON_FIELD_ERRORS)
            context["errors"] = ErrorList(
                [errors for errors in context["errors"] if errors is not confirmation]
            )
        return super().render_change_form(request, context, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        choice = getattr(form, "link_choice_made", "")
        if choice:
            how = "only where written as its title or an alias" if choice == "as_written" else "by hand only"
            self.message_user(request, f"“{form.instance}” is linked {how}.")
        alias = getattr(form, "kept_alias", None)
        if alias is not None:
            self.message_user(
                request,
                f"“{alias.name}” is kept as an alias of “{form.instance}”: pages that name it stay linked.",
            )
