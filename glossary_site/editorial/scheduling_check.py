"""The item form's part of scheduled changes (editorial/scheduling.py keeps them and
makes them public): "Make the change public at" on a live page's form, which keeps
the save aside instead of changing the page now."""

from django import forms
from django.conf import settings
from django.utils import timezone


def change_at_field(widget=forms.SplitDateTimeWidget):
    """The time field; the admin gives it its own date and time boxes (editorial/forms.py)."""
    return forms.SplitDateTimeField(
        required=False,
        label="Make the change public at",
        widget=widget,
        help_text="Only for a page that is public now. Empty: your edits go public when you save. A time "
        "ahead: the current version stays public until then, and your edits replace it by themselves. "
        f"Date and time in {settings.TIME_ZONE}.",
    )


class SchedulingCheck:
    """Adds "make the change public at", "unpublish at that time" and "cancel the
    scheduled change". Tells the form `scheduled`: (due_at, unpublish) when the save is
    to be kept aside (save_model then schedules it instead of saving), else None.
    `cancel_scheduled_change` is a button of the form's banner, which the admin
    answers before the form is read (editorial/admin.py). Given the form's `pending`
    change, an unbound form shows that change's values and time."""

    fields = {
        "change_at": change_at_field(),
        "unpublish_at_change": forms.BooleanField(
            required=False,
            label="Unpublish at that time",
            help_text="The page leaves the site at the time above (with any edits kept, as a draft).",
        ),
        "cancel_scheduled_change": forms.BooleanField(required=False, label="Cancel the scheduled change"),
    }

    def __init__(self, form):
        self.form = form
        self.scheduled = None
        change = form.pending
        if change is not None and not form.is_bound:
            # The form opens on the version waiting to go public, so that saving it
            # again amends it (schedule() replaces the change) rather than losing it.
            form.initial.update(
                {name: value for name, value in change.values.items() if name in form.fields},
                change_at=change.due_at,
                unpublish_at_change=change.unpublish,
            )

    def clean(self, cleaned):
        stored = self.form.stored()
        if stored is None or not stored.is_published:
            return
        now = timezone.now()
        due = self._due(cleaned, stored, now)
        if due is None:
            if cleaned.get("unpublish_at_change"):
                self.form.add_error("change_at", "Give the time at which to unpublish.")
            return
        if due <= now:
            self.form.add_error("change_at", "Give a time in the future.")
            return
        # The stored row keeps its state and date until the change is made public.
        if "status" in cleaned:
            cleaned["status"] = stored.status
        if "published_at" in cleaned:
            cleaned["published_at"] = stored.published_at
        self.scheduled = (due, bool(cleaned.get("unpublish_at_change")))

    @staticmethod
    def _due(cleaned, stored, now):
        due, moved = cleaned.get("change_at"), cleaned.get("published_at")
        if due is None and cleaned.get("status") == stored.Status.PUBLISHED and moved and moved > now:
            # Moving a live page's date ahead would take it down until then: schedule instead.
            return moved
        return due
