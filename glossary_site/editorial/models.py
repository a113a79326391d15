"""Review links: a revision of a draft, or a scheduled change, shown to people without an account."""

from django.conf import settings
from django.db import models


class ReviewLink(models.Model):
    """A link (/review/<token>/) that shows one revision of a draft, or a scheduled
    change, to anyone who has it, until it expires or is revoked (editorial/review.py).

    Only a hash of the token is kept: the link is shown once, to the editor who made
    it, and a copy of this table gives nobody a working link."""

    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    history_id = models.PositiveBigIntegerField(help_text="The item's revision (history record) shown.")
    version = models.PositiveIntegerField(help_text="The item's version that revision is.")
    values = models.JSONField(
        default=dict, blank=True, help_text="A scheduled change's fields, shown over that revision."
    )
    scheduled_for = models.DateTimeField(
        null=True, blank=True, help_text="When the scheduled change shown goes public, if it is one."
    )
    title = models.CharField(max_length=200, help_text="The title the link shows.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The revision's body as rendered and linked when the link was made: a request
    # for the page renders nothing, so holding a link cannot keep the workers busy.
    body_html = models.TextField(blank=True, editable=False)
    toc_html = models.TextField(blank=True, editable=False)
    reading_time = models.PositiveIntegerField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = "review link"

    def __str__(self):
        return f"Review link to “{self.title}” (version {self.version})"
