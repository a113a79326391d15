"""Changes editors scheduled for items that are public now, and which are due.

The model sits with the content so that what reads it (the public views, the
counter row's next moment in serving/) needs nothing above the content layer;
editorial/scheduling.py writes the rows and the worker makes them public."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from glossary_site.content import registry


class ScheduledChange(models.Model):
    """A new version of a live item, or its unpublishing, kept aside until `due_at`.

    The item's row stays as it is until the worker saves the change at that moment
    (editorial/scheduling.py); meanwhile a request after `due_at` shows the change
    without saving it (due_change())."""

    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    due_at = models.DateTimeField(db_index=True)  # the next due change: WHERE due_at <= now
    values = models.JSONField(default=dict, blank=True, help_text="Field name -> the value it gets.")
    unpublish = models.BooleanField(default=False)
    minor = models.BooleanField(
        default=False,
        help_text="Marked minor by the editor: saving it leaves the item's translations up to date.",
    )
    base_version = models.PositiveIntegerField(help_text="The item's version the change was made from.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    error = models.TextField(
        blank=True, help_text="Why it could not be made public when due, if it could not."
    )

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="scheduledchange_one_per_item")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} at {self.due_at:%Y-%m-%d %H:%M}"


def next_due():
    """When the earliest change still to be made public is due, or None."""
    return ScheduledChange.objects.filter(error="").aggregate(first=models.Min("due_at"))["first"]


def due_change(item, now=None):
    """The item's change whose time has come but which the worker has not saved yet."""
    return ScheduledChange.objects.filter(
        kind=registry.of(item).name,
        object_id=item.pk,
        due_at__lte=now or timezone.now(),
        error="",
    ).first()
