"""Articles, their tags and authors, and the queries the blog pages make."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from glossary_site.content import queries
from glossary_site.content.characters import validate_plain_characters
from glossary_site.content.models import Publishable, PublishableQuerySet
from glossary_site.content.paths import slug_url
from glossary_site.markup import images
from glossary_site.markup.models import ResponsiveImage
from glossary_site.markup.uploads import CleanedImageField

from .validators import validate_cover_image


class Tag(models.Model):
    """A topic articles share ("Fintech"); each has a page listing its articles."""

    name = models.CharField(max_length=60, unique=True, validators=[validate_plain_characters])
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="The last part of the tag page's address. Lowercase letters, digits and hyphens.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:tag", self.slug)


class Author(models.Model):
    """The person an article's byline names; each has a page with their articles."""

    name = models.CharField(max_length=100, validators=[validate_plain_characters])
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The last part of the author page's address. Lowercase letters, digits and hyphens.",
    )
    bio = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_plain_characters],
        help_text="Optional. One or two plain sentences (no Markdown) shown on the author's page.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:author", self.slug)


def _sharing(relation, target, article):
    """Ids of the articles with at least one of `article`'s tags (or terms)."""
    through = Article._meta.get_field(relation).remote_field.through
    own = through.objects.filter(article=article).values(target)
    return through.objects.filter(**{f"{target}__in": own}).values("article")


def _shared_count(relation, target, article):
    """How many of `article`'s tags (or terms) each row of the outer query also has.

    A correlated subquery per relation, rather than Count() over two joins, so
    that an article's tags are not multiplied by its terms row by row."""
    through = Article._meta.get_field(relation).remote_field.through
    own = through.objects.filter(article=article).values(target)
    shared = (
        through.objects.filter(article=OuterRef("pk"), **{f"{target}__in": own})
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(shared), 0)


# Stands for "the article of the outer query" where an article is expected.
_OUTER = SimpleNamespace(pk=OuterRef("pk"), published_at=OuterRef("published_at"))


class ArticleQuerySet(PublishableQuerySet):
    def older_than(self, article=None):
        """Articles before this one, newest first (the "Previous article" is the first).

        Without an article: before the article of the outer query, for a subquery."""
        article = article or _OUTER
        before = Q(published_at__lt=article.published_at)
        # Two articles published in the same second still follow each other.
        same_time = Q(published_at=article.published_at, pk__lt=article.pk)
        return self.filter(before | same_time).order_by("-published_at", "-pk")

    def newer_than(self, article=None):
        """Articles after this one, oldest first (the "Next article" is the first).

        Without an article: after the article of the outer query, for a subquery."""
        article = article or _OUTER
        after = Q(published_at__gt=article.published_at)
        same_time = Q(published_at=article.published_at, pk__gt=article.pk)
        return self.filter(after | same_time).order_by("published_at", "pk")

    def related_to(self, article):
        """Other articles ranked by tags and glossary terms shared with this one, in one query."""
        # Only articles sharing something are counted, not every article there is.
        candidates = Q(pk__in=_sharing("tags", "tag", article)) | Q(
            pk__in=_sharing("mentioned_terms", "term", article)
        )
        return (
            self.exclude(pk=article.pk)
            .filter(candidates)
            .annotate(
                shared_tags=_shared_count("tags", "tag", article),
                shared_terms=_shared_count("mentioned_terms", "term", article),
            )
            .alias(score=models.F("shared_tags") + models.F("shared_terms"))
            .filter(score__gt=0)
            .order_by("-score", "-published_at")
        )


class Article(Publishable):
    """A blog article."""

    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Shown as “By …” under the title. Leave empty for no byline.",
    )
    tags = models.ManyToManyField(
        Tag,
        blank=True,
        related_name="articles",
        help_text="Topics; each tag has a page listing its articles.",
    )
    # Encoded again and named by the site when stored (markup/uploads.py): never as sent.
    cover = CleanedImageField(
        upload_to="covers/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        validators=[validate_cover_image],
        help_text="Optional image shown under the title: PNG, JPEG, WebP or GIF, up to 5 MB.",
    )
    # Stored at upload so that the page's <img> has width and height and the text
    # does not jump when the image arrives.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        "cover alt text",
        max_length=200,
        blank=True,
        validators=[validate_plain_characters],
        help_text="Required with a cover: say what the image shows, for readers who cannot see it "
        "(screen readers, images turned off). Not a caption or a repeat of the title.",
    )
    # Filled at save by the automatic term linker: the glossary terms the body links.
    mentioned_terms = models.ManyToManyField(
        "terms.Term", blank=True, editable=False, related_name="mentioned_in_articles"
    )

    objects = ArticleQuerySet.as_manager()
    # Revisions for the admin's history, restore and recovery of deleted articles
    # (glossary_site/editorial/revisions.py). Values made at save are left out.
    history = HistoricalRecords(
        excluded_fields=["body_html", "toc_html", "reading_time", "cover_width", "cover_height"]
    )

    class Meta(Publishable.Meta):
        verbose_name_plural = "articles"
        # Editors may publish (glossary_site/editorial/admin.py: publish, unpublish, schedule).
        permissions = [("publish_article", "Can publish articles")]

    def clean(self):
        super().clean()
        if self.cover and not self.cover_alt.strip():
            raise ValidationError(
                {"cover_alt": "Describe the cover image: readers who cannot see it need this text."}
            )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.cover and not ResponsiveImage.objects.filter(name=self.cover.name).exists():
            images.enqueue(self.cover.name)  # its WebP versions, by the background worker

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug, self.address_language)

    @property
    def tag_list(self):
        """The tags, from the JSON column that lists and the article page fetch with
        the article itself (queries.rows_pointing_at) when it is there."""
        if hasattr(self, "tag_rows"):
            return queries.instances(Tag, self.tag_rows, by="name")
        return list(self.tags.all())
