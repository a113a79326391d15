"""The admin form of every publishable item: a model form composed of independent
checks, each kept beside what it checks and knowing nothing of the admin.

A check is a class with
- `fields`: {name: form field} it adds to the form (the admin may give one of them
  its own widget, as `change_at` below);
- `__init__(form)`: made once per form, after the form's own __init__;
- `clean(cleaned)`: runs inside the form's clean(), after the model form's own, on
  the cleaned data as the checks before it left it. It may change values, add a
  field's error (form.add_error) or refuse the save with a ValidationError, which
  shows above the form and stops the checks after it;
- optionally `saved(instance)`: runs once the form has saved (its many-to-many
  fields too), in the same transaction, for what a check adds to the save;
- what it tells the template and save_model, as attributes the form passes on.
The form gives every check the item as saved, read once: `form.stored()`.

Only this module and the admin modules import django.contrib.admin."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.forms.models import ModelFormMetaclass

from glossary_site.content import redirects
from glossary_site.editorial.alt_text import AltTextCheck
from glossary_site.editorial.conflicts import ConflictCheck
from glossary_site.editorial.impact import ImpactCheck
from glossary_site.editorial.scheduling_check import SchedulingCheck, change_at_field

TICKED = {"on", "true", "1"}  # what a checkbox, or the hidden field standing for it, posts when set
UNREAD = object()  # ItemForm.stored() before its first read (None is a new item's answer)


class ChecksMetaclass(ModelFormMetaclass):
    """Declares the fields of the form's `checks`, in their order; a field the form's
    own body declares under the same name replaces the check's."""

    def __new__(mcs, name, bases, attrs):
        added = {
            field_name: attrs.pop(field_name, field)
            for check in attrs.get("checks", ())
            for field_name, field in check.fields.items()
        }
        return super().__new__(mcs, name, bases, {**attrs, **added})


class ItemForm(forms.ModelForm, metaclass=ChecksMetaclass):
    """The checks run in this order, each only if none before it refused the save:

    1. ConflictCheck (editorial/conflicts.py): merges a save made from a stale
       version, so every later check sees the values that would be saved;
    2. AltTextCheck (editorial/alt_text.py): refuses to publish a merged body with an
       image lacking alt text;
    3. SchedulingCheck (editorial/scheduling_check.py): keeps a live page's save aside
       until "make the change public at", leaving its state and date as stored;
    4. ImpactCheck (editorial/impact.py): last, because it asks for confirmation only
       of a save no other check refused, and needs to know whether the scheduled
       change unpublishes."""

    checks = (ConflictCheck, AltTextCheck, SchedulingCheck, ImpactCheck)

    # On a source, when the site has translations (editorial/translations_admin.py):
    # a change that leaves them up to date.
    minor_change = forms.BooleanField(
        required=False,
        label="Minor change: translations need not follow (a typo, a link)",
        help_text="Translations are not marked out of date by this save.",
    )

    # The admin's own date and time boxes, labelled, as for "published at".
    change_at = change_at_field(widget=AdminSplitDateTime)

    # The scheduled change (content/scheduled.py) the form opens with instead of the
    # live version, set by the admin for those who may amend it; None: the live version.
    pending = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored = UNREAD
        self._held = (None, None)  # (slug, whether another page's history holds it)
        # The many-to-many fields whose initial values are the stored item's own.
        given = set(kwargs.get("initial") or ())
        self._as_stored = set() if self.instance.pk is None else set(self._many_to_many()) - given
        self._checks = {check: check(self) for check in self.checks}
        self._offer_take_over()

    def clean(self):
        cleaned = super().clean()
        for check in self._checks.values():
            check.clean(cleaned)
        return cleaned

    def stored(self):
        """The item as saved now (None for a new one), read when a check first asks:
        every check compares the posted values with the same row."""
        if self._stored is UNREAD:
            pk = self.instance.pk
            self._stored = type(self.instance).objects.filter(pk=pk).first() if pk else None
        return self._stored

    def _save_m2m(self):
        # Django writes every many-to-many field of the form, reading each relation
        # again to find there is nothing to write when it was left as stored (related
        # terms, mostly). Those left as stored are kept out of its way.
        unchanged = {
            name: self.cleaned_data.pop(name)
            for name in self._as_stored
            if name in self.cleaned_data and name not in self.changed_data
        }
        try:
            super()._save_m2m()
        finally:
            self.cleaned_data.update(unchanged)
        for check in self._checks.values():
            if hasattr(check, "saved"):
                check.saved(self.instance)

    def _many_to_many(self):
        return [field.name for field in self._meta.model._meta.many_to_many if field.name in self.fields]

    def _post_clean(self):
        super()._post_clean()  # the model's clean(), which refuses a slug another page held
        self._offer_take_over()

    def _offer_take_over(self):
        """ "Take over this address" only where it means something: when the slug (as
        typed, after a save was tried) still answers for another page. Elsewhere it is
        a hidden False, so the field and what the server does with it stay the same."""
        field = self.fields.get("take_over_slug")
        if field is None:
            return
        slug = self.instance.slug
        if slug and self._held[0] != slug:
            # Asked when the form is made and again once the posted slug is in the
            # instance; mostly the same slug, so mostly one lookup.
            self._held = (slug, redirects.taken_by_history(self.instance) is not None)
        held = bool(slug) and self._held[1]
        ticked = self.is_bound and str(self.data.get(self.add_prefix("take_over_slug"), "")).lower() in TICKED
        field.widget = forms.CheckboxInput() if held or ticked else forms.HiddenInput()

    # --- what the checks tell the change form and save_model ---------------------
    @property
    def conflict(self):
        """What the change form shows of a refused save's conflict, or None."""
        return self._checks[ConflictCheck].conflict

    @property
    def merged(self):
        """(who saved, [labels of the fields taken from their save]) after a merge, or None."""
        return self._checks[ConflictCheck].merged

    @property
    def scheduled(self):
        """(due_at, unpublish) when the save is to be kept aside until then, or None."""
        return self._checks[SchedulingCheck].scheduled

    @property
    def impact(self):
        """What the change form lists before a rename or an unpublishing is confirmed, or None."""
        return self._checks[ImpactCheck].impact

    @property
    def link_choice_made(self):
        """The one-click link choice ("as_written", "off") a common-word title was saved with, or ""."""
        return self._checks[ImpactCheck].link_choice

    @property
    def kept_alias(self):
        """The alias a confirmed rename made of the old name, or None."""
        return self._checks[ImpactCheck].kept_alias
