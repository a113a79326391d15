"""The search document: one row per publishable item, in the words search reads."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone

from glossary_site.content import languages


class SearchDocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents of items the public may see (drafts and future items are indexed too)."""
        return self.filter(status="published", published_at__lte=timezone.now())


class SearchDocument(models.Model):
    """One row per term or article, in the words search reads (see the search package).

    Written at save, so a search never renders Markdown. SQLite indexes it with an
    FTS5 table kept in step by triggers, PostgreSQL with `vector`, a weighted
    tsvector under a GIN index (both made in this app's migrations).

    A search looks only at the documents of its language. English text is indexed
    as it is, by each database's English analysis; any other language's is indexed
    from the `analysed_*` columns, its words as analysis.py made them (stemmed, or
    CJK text as bigrams), by a second FTS5 table on SQLite and in `vector` on
    PostgreSQL."""

    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=12, default=languages.source_language)
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    aliases = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField()
    analysed_names = models.TextField(blank=True, default="")
    analysed_summary = models.TextField(blank=True, default="")
    analysed_body = models.TextField(blank=True, default="")
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="searchdoc_unique_object")]
        indexes = [
            # SQLite's search joins each full-text match to its row for these columns
            # (sqlite.py names the index): they come after the body in the row, which
            # SQLite would read through to reach them. PostgreSQL does not use it.
            models.Index(fields=["id", "status", "published_at", "language"], name="searchdoc_found_idx"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchWord(models.Model):
    """A word seen in a published title, alias, summary or body: what "did you mean"
    chooses from (suggestions.py). Added at save and never removed, so a suggestion
    is checked against a real search before it is offered. Per language: a
    suggestion is made of the words of the reader's language only."""

    language = models.CharField(max_length=12, default=languages.source_language)
    word = models.CharField(max_length=40)

    class Meta:
        # Also the index of "did you mean"'s lookups of a word in a language.
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="searchword_one_per_language")
        ]

    def __str__(self):
        return self.word


class ReaderDemand(models.Model):
    """How often readers looked for something and did not find it, per query and day
    (search/demand.py). Deliberately nothing about the reader: no address, cookie,
    user agent or time of day, only the folded query, the day and a count."""

    class Kind(models.TextChoices):
        NOTHING = "nothing", "Found nothing"
        FOLLOWED = "followed", "Followed “did you mean”"

    query = models.CharField(max_length=100)
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "query"]
        verbose_name_plural = "reader demand"
        # One counter per query, day and kind; also serves the admin's sums by query.
        constraints = [
            models.UniqueConstraint(fields=["query", "day", "kind"], name="readerdemand_one_counter")
        ]

    def __str__(self):
        return f"{self.query} ({self.day}, {self.kind}): {self.count}"
