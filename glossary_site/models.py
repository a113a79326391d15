"""The publishable base shared by terms and articles."""

from django.db import models
from django.utils import timezone
from markdownx.models import MarkdownxField

from glossary_site.markdown import reading_minutes, render


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, with a publish time already past."""
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=timezone.now())


class Publishable(models.Model):
    """Title, slug, summary and a Markdown body rendered to HTML once, at save."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the page's address. Lowercase letters, digits and hyphens.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two plain sentences (about 160 characters). Shown in lists and "
        "to search engines as the page description.",
    )
    body = MarkdownxField(help_text="Markdown. Use ## for section headings; the preview shows the page.")
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(
        editable=False, default="", help_text="'On this page' contents, made at save."
    )
    reading_time = models.PositiveSmallIntegerField(
        editable=False, default=1, help_text="Minutes, computed from the body when saved."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        default=timezone.now,
        help_text="The public sees the page from this moment on, once its status is Published.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at"]
        get_latest_by = "published_at"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Render once here so that requests only read stored HTML.
        self.body_html = render(self.body)
        self.reading_time = reading_minutes(self.body_html)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html", "reading_time"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
