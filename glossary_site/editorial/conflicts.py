"""Edit conflicts: two editors, one term, nothing silently overwritten.

Every publishable row carries a version number. The admin form carries the
version the editor started from in a hidden field; if someone saved since, the
form refuses the save, keeps the editor's text and shows what changed, so they can
merge and save again. Publishable.save() repeats the check with a conditional
UPDATE, which also catches two saves racing within the same moment, and bulk
actions working on a copy read before someone else's save."""

from django import forms

from glossary_site.editorial.diffs import field_changes

COMPARED_FIELDS = {"title": "Title", "slug": "Address (slug)", "summary": "Summary", "body": "Body"}


class EditConflict(Exception):
    """Saving a copy of an item that someone else has saved since it was read."""

    def __init__(self, instance):
        self.instance = instance
        super().__init__(f"“{instance}” was changed by someone else since it was opened.")


class ConflictCheckingForm(forms.ModelForm):
    """The admin form of terms and articles: refuses a save made from a stale version."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    take_over_slug = forms.BooleanField(
        required=False,
        label="Take over this address",
        help_text="Only when the address is refused because an older page used it: this page then "
        "answers there, and the old page's redirect or “410 Gone” at this address ends.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk and not self.is_bound:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # Read by Publishable.clean(), which runs after this (content/redirects.py).
        self.instance.take_over_slug = cleaned.get("take_over_slug", False)
        base = cleaned.get("base_version")
        if not self.instance.pk or base is None:
            return cleaned
        current = type(self.instance).objects.filter(pk=self.instance.pk).first()
        if current is not None and current.version != base:
            self._refuse(current, cleaned)
        # The save itself checks from the version the editor started with, so a
        # save racing this one between here and the UPDATE is refused as well.
        self.instance.version = base
        return cleaned

    def _refuse(self, current, cleaned):
        theirs = {name: getattr(current, name) for name in COMPARED_FIELDS}
        yours = {name: cleaned.get(name, theirs[name]) for name in COMPARED_FIELDS}
        last = current.history.first() if hasattr(current, "history") else None
        self.conflict = {
            "current": current,
            "by": getattr(last, "history_user", None),
            "at": current.updated_at,
            "changes": field_changes(theirs, yours, COMPARED_FIELDS),
        }
        # The next save is taken as merged: it starts from the version now stored.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = str(current.version)
        raise forms.ValidationError(
            "Not saved: someone else saved this page while you were editing it. Your text is "
            "still in the form below; compare it with the saved version, merge, then save again.",
            code="edit_conflict",
        )
