"""Edit conflicts: two editors, one item, nothing silently overwritten.

Every publishable row carries a version number. The item form (editorial/forms.py)
carries the version the editor started from in a hidden field; if someone saved
since, ConflictCheck merges three ways (glossary_site/editorial/merging.py) against
the revision the editor opened: what only the other editor changed is taken, what
only this editor changed is kept, and the save goes through. Fields both changed
are refused and shown side by side with "keep mine / take theirs"; a body both
changed comes back merged, with conflict markers the form refuses until settled.
Publishable.save() repeats the version check with a conditional UPDATE, which also
catches two saves racing within the same moment, and bulk actions working on a copy
read before someone else's save."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from glossary_site.editorial.bound_data import resend, show
from glossary_site.editorial.diffs import field_changes, line_diff
from glossary_site.editorial.merging import comparable, has_markers, merge_fields, merge_text

COMPARED_FIELDS = {"title": "Title", "slug": "Address (slug)", "summary": "Summary", "body": "Body"}
CHOICES = {"mine", "theirs", "merged"}


class ConflictCheck:
    """The item form's check that merges a save made from a stale version.

    Adds the hidden version fields and "Take over this address". Tells the form
    `conflict` (what the change form shows when the save is refused) and `merged`
    ((who saved, [labels taken from their save]), for the message after the save)."""

    fields = {
        "base_version": forms.IntegerField(widget=forms.HiddenInput, required=False),
        # Set by a refused save: the fields left for the editor to settle, and their body.
        "conflict_fields": forms.CharField(widget=forms.HiddenInput, required=False),
        "conflict_mine_body": forms.CharField(
            widget=forms.Textarea(attrs={"hidden": True}), required=False, strip=False
        ),
        "take_over_slug": forms.BooleanField(
            required=False,
            label="Take over this address",
            help_text="Only when the address is refused because an older page used it: this page then "
            "answers there, and the old page's redirect or “410 Gone” at this address ends.",
        ),
    }

    def __init__(self, form):
        self.form = form
        self.conflict = None
        self.merged = None
        if form.instance.pk and not form.is_bound:
            form.fields["base_version"].initial = form.instance.version

    def clean(self, cleaned):
        instance = self.form.instance
        # Read by Publishable.clean(), which runs after this (content/redirects.py).
        instance.take_over_slug = cleaned.get("take_over_slug", False)
        base = cleaned.get("base_version")
        if not instance.pk or base is None:
            return
        current = self.form.stored()
        if current is None:
            return
        if cleaned.get("conflict_fields"):
            self._resolve(cleaned, current, base)
        # The save itself checks from the version the editor started with (or merged
        # with), so a save racing this one before the UPDATE is refused as well.
        instance.version = base
        if current.version != base:
            self._merge(cleaned, current, base)
            instance.version = current.version
        if has_markers(cleaned.get("body")):
            self.form.add_error(
                "body",
                "The body still has conflict markers: keep one version of each "
                "marked block (or combine them) and delete the marker lines.",
            )

    # --- the fields a merge compares -------------------------------------------
    def _merged_fields(self):
        """The form's own model fields that revisions keep (not many-to-many or files)."""
        found = []
        for name in self.form.fields:
            try:
                field = self.form._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.concrete and not field.many_to_many and not isinstance(field, models.FileField):
                found.append(field)
        return found

    def _label(self, name):
        return COMPARED_FIELDS.get(name) or str(self.form.fields[name].label or name).capitalize()

    @staticmethod
    def _stored_at(current, version):
        """The item as it was at `version`: the row itself, or its revision then."""
        if current.version == version:
            return current
        history = getattr(current, "history", None)
        if history is None:
            return None
        return history.filter(version=version).order_by("-history_date", "-history_id").first()

    def _mine(self, field, cleaned):
        value = cleaned.get(field.name)
        return value.pk if field.is_relation and value is not None else value

    # --- merging ---------------------------------------------------------------
    def _merge(self, cleaned, current, base):
        opened = self._stored_at(current, base)
        last = current.history.first() if hasattr(current, "history") else None
        by = getattr(last, "history_user", None)
        their_name = by.get_username() if by else "someone else"
        if opened is None:  # no revision of what the editor opened: nothing is taken blindly
            return self._refuse_two_way(current, cleaned, by)
        fields = self._merged_fields()
        merge = merge_fields(
            {f.name: getattr(opened, f.attname) for f in fields},
            {f.name: getattr(current, f.attname) for f in fields},
            {f.name: self._mine(f, cleaned) for f in fields},
        )
        for name in merge.taken:
            show(self.form, cleaned, name, getattr(current, name))
        mine_body, merged_body = cleaned.get("body"), None
        if "body" in merge.conflicts:
            merged_body, marked = merge_text(opened.body, mine_body, current.body, their_name)
            if not marked:  # different lines changed: both kept
                merge.conflicts.remove("body")
                merge.taken.append("body")
                show(self.form, cleaned, "body", merged_body)
        self.merged = (their_name, [self._label(name) for name in merge.taken])
        if merge.conflicts:
            self._refuse(current, cleaned, merge, by, mine_body, merged_body)

    def _refuse(self, current, cleaned, merge, by, mine_body, merged_body):
        rows = []
        for name in merge.conflicts:
            mine, theirs = (mine_body if name == "body" else cleaned.get(name)), getattr(current, name)
            rows.append(self._row(name, mine, theirs, "merged" if name == "body" else "mine"))
        self.conflict = {
            "current": current,
            "by": by,
            "at": current.updated_at,
            "rows": rows,
            "taken": self.merged[1],
        }
        # The next save starts from the version now stored, with the editor's choices.
        again = {"base_version": str(current.version), "conflict_fields": ",".join(merge.conflicts)}
        if merged_body is not None:
            again.update(conflict_mine_body=mine_body, body=merged_body)
        resend(self.form, again)
        both = ", ".join(row["label"].lower() for row in rows)
        raise forms.ValidationError(
            f"Not saved: someone else saved this page while you were editing it, and you both "
            f"changed: {both}. For each, keep yours or take theirs below, then save again. Their "
            "other changes were taken and yours kept.",
            code="edit_conflict",
        )

    def _row(self, name, mine, theirs, chosen):
        multiline = name == "body"
        return {
            "name": name,
            "label": self._label(name),
            "mine": mine,
            "theirs": theirs,
            "chosen": chosen,
            "multiline": multiline,
            "diff": line_diff(comparable(theirs), comparable(mine)) if multiline else None,
        }

    def _refuse_two_way(self, current, cleaned, by):
        theirs = {name: getattr(current, name) for name in COMPARED_FIELDS}
        yours = {name: cleaned.get(name, theirs[name]) for name in COMPARED_FIELDS}
        self.conflict = {
            "current": current,
            "by": by,
            "at": current.updated_at,
            "changes": field_changes(theirs, yours, COMPARED_FIELDS),
        }
        resend(self.form, {"base_version": str(current.version)})
        raise forms.ValidationError(
            "Not saved: someone else saved this page while you were editing it. Your text is "
            "still in the form below; compare it with the saved version, merge, then save again.",
            code="edit_conflict",
        )

    # --- the editor's choices after a refused save ---------------------------------
    def _resolve(self, cleaned, current, base):
        """Apply "keep mine / take theirs": theirs is the item as stored at `base`, the
        version the refused save showed."""
        stored = self._stored_at(current, base)
        names = [n for n in cleaned["conflict_fields"].split(",") if n in self.form.fields]
        rows = []
        for name in names:
            default = "merged" if name == "body" else "mine"
            choice = self.form.data.get(f"resolve_{name}", default)
            choice = choice if choice in CHOICES else default
            mine = cleaned.get("conflict_mine_body") if name == "body" else cleaned.get(name)
            theirs = getattr(stored, name, None) if stored is not None else None
            if choice == "theirs" and stored is not None:
                show(self.form, cleaned, name, theirs)
            elif choice == "mine" and name == "body":
                show(self.form, cleaned, name, mine)
            rows.append(self._row(name, mine, theirs, choice))
        # Shown again only if the save is refused (markers left, or another error).
        by = getattr(current.history.first(), "history_user", None) if hasattr(current, "history") else None
        self.conflict = {
            "current": current,
            "by": by,
            "at": current.updated_at,
            "rows": rows,
            "taken": [],
            "again": True,
        }
