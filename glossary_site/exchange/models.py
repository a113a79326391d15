"""An import made in the admin, kept between its dry run and its apply."""

from django.conf import settings
from django.db import models


class ContentImport(models.Model):
    """One upload on the admin's Import screen (editorial/transfer_admin.py): the file,
    what its dry run found, and how applying it went (exchange/importing.py).

    The file is kept in the row, not in the media storage: nothing of it is ever
    served, and the worker that applies it may run on another machine. It is
    dropped once the import is done, refused or abandoned."""

    class State(models.TextChoices):
        REFUSED = "refused", "Refused"  # problems: nothing can be applied
        CHECKED = "checked", "Checked"  # the dry run is ready, waiting for Apply
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Applying"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=255, help_text="The uploaded file's name.")
    upload = models.BinaryField(null=True, editable=False)
    state = models.CharField(max_length=10, choices=State, default=State.CHECKED)
    report = models.JSONField(default=dict, help_text="The dry run: what it creates, changes, leaves.")
    plan_digest = models.CharField(max_length=64, blank=True, help_text="Of the plan the editor saw.")
    outcome = models.TextField(blank=True, help_text="What applying it did, or why it could not.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField(max_length=64, blank=True, help_text="The background task applying it.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        default_permissions = ()  # rows are made by the screen, never edited
        permissions = [("transfer_content", "Can import and export content")]

    def __str__(self):
        return f"Import of {self.name} ({self.get_state_display()})"

    @property
    def finished(self):
        return self.state in {self.State.REFUSED, self.State.DONE, self.State.FAILED}

    @property
    def in_progress(self):
        return self.state in {self.State.QUEUED, self.State.RUNNING}
