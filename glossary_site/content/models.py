"""The publishable base shared by terms and articles."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from markdownx.models import MarkdownxField

from glossary_site.content import hooks, languages, redirects, translations
from glossary_site.content.characters import validate_plain_characters
from glossary_site.content.limits import validate_markdown_limits
from glossary_site.content.redirects import SlugRedirect  # noqa: F401 (the content models, in one place)


def editor_text(value):
    """Text as stored: what the admin's form would post for it, whatever the path
    (admin, import, a script). Browsers send CRLF and the form strips both ends;
    without this the first admin save of an imported item changed every line."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


class EditConflict(Exception):
    """Saving a copy of an item that someone else has saved since it was read
    (the version field below; the admin's merge is in editorial/conflicts.py)."""

    def __init__(self, instance):
        self.instance = instance
        super().__init__(f"“{instance}” was changed by someone else since it was opened.")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, with a publish time already past.

        `now` may be the database's clock, Now(), for a subquery built once and kept
        (queries.py): the same for every request, so built once per process."""
        return self.filter(
            status=Publishable.Status.PUBLISHED, published_at__lte=timezone.now() if now is None else now
        )

    def in_language(self, language):
        """The items written in `language`: every public read is of one language, the
        page's (a German page lists German items only)."""
        return self.filter(language=language)

    def scheduled(self, now=None):
        """Published, but with a publish time still ahead: public by itself when it comes."""
        return self.filter(
            status=Publishable.Status.PUBLISHED, published_at__gt=timezone.now() if now is None else now
        )

    def out_of_date(self, language):
        """Translations into `language` whose source changed since (content/translations.py)."""
        return translations.out_of_date(self, language)

    def missing_in(self, language):
        """Sources with no translation into `language` yet."""
        return translations.missing_in(self, language)


class Publishable(models.Model):
    """Title, slug, summary and a Markdown body rendered to HTML once, at save."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, validators=[validate_plain_characters])
    slug = models.SlugField(
        max_length=200,
        allow_unicode=True,
        help_text="The last part of the page's address. Lowercase letters, digits and hyphens "
        "(letters of any script in a translation).",
    )
    # Each translation is an item of its own (its own address, links, search document,
    # revisions and publishing state), joined to its source by the translation key.
    language = models.CharField(
        max_length=12,
        default=languages.source_language,
        validators=[validate_plain_characters],
        help_text="The language this page is written in.",
    )
    translation_key = models.UUIDField(default=uuid.uuid4, editable=False)
    # Raised by each save that changes the title, summary or body and is not marked
    # minor: what a translation's translated_from is compared with.
    source_revision = models.PositiveIntegerField(default=1, editable=False)
    # On a translation: the source's source_revision it was translated from, or last
    # marked up to date at. Behind it, the translation is out of date.
    translated_from = models.PositiveIntegerField(null=True, blank=True, editable=False)
    summary = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_plain_characters],
        help_text="One or two plain sentences (about 160 characters). Shown in lists and "
        "to search engines as the page description.",
    )
    body = MarkdownxField(
        help_text="Markdown. Use ## for section headings; the preview shows the page, with the "
        "automatic term links outlined. To keep words from being linked, write [the words]{.nolink}.",
        # Size and nesting limits that keep rendering fast (glossary_site/markup/limits.py).
        validators=[validate_markdown_limits, validate_plain_characters],
    )
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
    # The renderer version that made body_html (markup/markdown.py RENDERER_VERSION;
    # 0: before versions were kept). The worker renders older bodies again.
    renderer_version = models.PositiveSmallIntegerField(default=0, editable=False)
    # Edit conflicts (glossary_site/editorial/conflicts.py): raised by one on every save, which
    # only succeeds if nobody else saved since this copy was read.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PublishableQuerySet.as_manager()

    # What other pages show of an item (lists, related chips, the sidebar): a change
    # of one of these re-renders the pages that list it; any other change (a body
    # edit) re-renders the item's own page only (serving/pages.py).
    card_fields = ("title", "slug", "summary", "status", "published_at", "reading_time")

    class Meta:
        abstract = True
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        indexes = [
            # published(): WHERE status = 'published' AND published_at <= now, newest first.
            models.Index(fields=["status", "published_at"], name="%(app_label)s_%(class)s_pub_idx"),
        ]
        constraints = [
            # An address per language: "api" may be the English and the German page's
            # slug. Slug first, so a lookup by slug alone uses it too.
            models.UniqueConstraint(
                fields=["slug", "language"], name="%(app_label)s_%(class)s_slug_language"
            ),
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="%(app_label)s_%(class)s_one_per_language"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, batch=None, minor=False, **kwargs):
        """Set the item's own columns, write its row, and announce the save once.

        What follows a save (old addresses, search, links, stored pages) is the
        lifecycle's (glossary_site/lifecycle.py), in the same transaction.
        batch: a bulk operation's Batch (content/batch.py), which finishes it.
        minor: a change translations need not follow (a typo fixed): source_revision
        stays, so no translation is marked out of date by it."""
        self.normalise_text()
        self.set_derived_fields()
        if not minor:
            self._count_revision(kwargs.get("update_fields"))
        kwargs["update_fields"] = self._with_derived(kwargs.get("update_fields"))
        with transaction.atomic():
            change = hooks.lifecycle().prepare(self, batch)  # renders the body, reads the stored row
            self._claim_next_version()
            super().save(*args, **kwargs)
            hooks.lifecycle().saved(change)

    # What a translation is made from: a change of one of these, unless marked minor,
    # raises source_revision, and so puts the item's translations out of date.
    translated_fields = ("title", "summary", "body")

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        item = super().from_db(db, field_names, values, **kwargs)
        # As read (a deferred field is left out): what a save compares with.
        item._loaded_text = {
            name: item.__dict__[name] for name in cls.translated_fields if name in item.__dict__
        }
        return item

    def _count_revision(self, update_fields):
        """One more source revision when the title, summary or body differs from what
        was read. An item made in memory (not read) compares as unchanged."""
        loaded = getattr(self, "_loaded_text", None)
        if self._state.adding or not loaded:
            return
        changed = {name for name, value in loaded.items() if self.__dict__.get(name) != value}
        if update_fields is not None:
            changed &= set(update_fields)
        if changed:
            self.source_revision += 1
            self._loaded_text = {name: self.__dict__.get(name) for name in loaded}

    # Columns a save makes from others: written whenever their source is.
    derived_fields = {
        "body": ("body_html", "reading_time", "toc_html", "source_revision"),
        "title": ("source_revision",),
        "summary": ("source_revision",),
    }

    def _with_derived(self, update_fields):
        if update_fields is None:
            return None
        fields = {*update_fields, "version"}
        for source, derived in self.derived_fields.items():
            if source in fields:
                fields |= set(derived)
        return fields

    def normalise_text(self):
        """Every text the editor writes (title, summary, body, a term's phrases...) as
        stored: `editor_text()`. Run by save() and clean(); a bulk import calls it."""
        for field in self._meta.concrete_fields:
            if field.editable and isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, editor_text(value))

    def set_derived_fields(self):
        """Set the fields a kind makes from its own at every save (a term's sort key)."""

    def _claim_next_version(self):
        """Raise the stored version by one, but only from the version this copy was read at.

        A conditional UPDATE (it locks the row until the commit), so of two saves
        racing from the same version exactly one wins; the other raises EditConflict
        and writes nothing. New rows start at version 1."""
        if self._state.adding or self.pk is None:
            return
        claimed = (
            type(self)
            .objects.filter(pk=self.pk, version=self.version)
            .update(version=models.F("version") + 1)
        )
        if not claimed and type(self).objects.filter(pk=self.pk).exists():
            raise EditConflict(self)
        self.version = self.version + 1 if claimed else self.version

    def clean(self):
        super().clean()
        self.normalise_text()
        if self.language not in languages.site_languages():
            raise ValidationError({"language": f"“{self.language}” is not one of the site's languages."})
        held = redirects.taken_by_history(self) if self.slug else None
        if held is not None and not getattr(self, "take_over_slug", False):
            raise ValidationError(
                {
                    "slug": "This address belonged to another page and still redirects or answers "
                    "“410 Gone”, so old links keep working. Choose another, or tick “Take over this "
                    "address” to give it to this page."
                }
            )

    def own_term_id(self):
        """The term a body must not link to itself; only terms have one."""
        return None

    def alias_names(self):
        return []

    def own_names(self):
        """Names the body must never link to another term: a term's own title and aliases."""
        return []

    @property
    def address_language(self):
        """The language of the item's address (its get_absolute_url): its own, or when
        a list left the column unread (.only()), the page's, which every public read is
        in (PublishableQuerySet.in_language)."""
        return self.__dict__.get("language") or translation.get_language()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
