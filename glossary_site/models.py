"""The publishable base shared by terms and articles."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.utils import timezone
from markdownx.models import MarkdownxField

from glossary_site import mentions, search
from glossary_site.markdown import plain_text, reading_minutes, render, table_of_contents


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
        indexes = [
            # published(): WHERE status = 'published' AND published_at <= now, newest first.
            models.Index(fields=["status", "published_at"], name="%(app_label)s_%(class)s_pub_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Render, link and index once here, so requests only read stored values.
        html = render(self.body)
        self.reading_time = reading_minutes(html)
        self.toc_html = table_of_contents(html)
        self.body_html, mentioned = mentions.link(html, self.own_term_id())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html", "reading_time", "toc_html"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.mentioned_terms.set(mentioned)
            search.index(self, plain_text(html))

    def refresh_links(self):
        """Link the body again after terms changed; touches nothing else."""
        html = render(self.body)
        self.body_html, mentioned = mentions.link(html, self.own_term_id())
        type(self).objects.filter(pk=self.pk).update(body_html=self.body_html)
        self.mentioned_terms.set(mentioned)

    def own_term_id(self):
        """The term a body must not link to itself; only terms have one."""
        return None

    def alias_names(self):
        return []

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class SearchDocument(models.Model):
    """One row per term or article, in the words search reads (see search.py).

    Written at save, so a search never renders Markdown. SQLite indexes it with an
    FTS5 table kept in step by triggers, PostgreSQL with `vector`, a weighted
    tsvector under a GIN index (both made in this app's migrations)."""

    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    aliases = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField()
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="searchdoc_unique_object")]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class ContentVersion(models.Model):
    """A counter per kind of content, raised in the same transaction as every change.

    Reading it is one primary-key lookup, so any process on any node can tell
    cheaply whether what it built from the content (the term link matcher, cached
    pages) is still current, without scanning the content itself."""

    key = models.CharField(max_length=20, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)

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
