"""The content counter the page cache and the term linker key on."""

from django.db import models


class ContentVersion(models.Model):
    """A counter per kind of content, raised in the same transaction as every change.

    Reading it is one primary-key lookup, so any process on any node can tell
    cheaply whether what it built from the content (the term link matcher, cached
    pages) is still current, without scanning the content itself."""

    key = models.CharField(max_length=20, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)
    # For "content": when the next scheduled item goes public (serving/versions.py).
    next_change_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.key} v{self.number}"

    @classmethod
    def bump(cls, key):
        updated = cls.objects.filter(key=key).update(number=models.F("number") + 1)
        if not updated:
            cls.objects.get_or_create(key=key, defaults={"number": 1})

    @classmethod
    def current(cls, key):
        return cls.objects.filter(key=key).values_list("number", flat=True).first() or 0
