"""Glossary terms and their aliases, and the letter queries of the index."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from simple_history.models import HistoricalRecords

from glossary_site.content import languages
from glossary_site.content.characters import validate_plain_characters
from glossary_site.content.models import Publishable, PublishableQuerySet
from glossary_site.content.paths import slug_url
from glossary_site.content.text import index_letter, sort_key
from glossary_site.markup.linker import MatchCase, phrases
from glossary_site.markup.phrases import MAX_PHRASE_CHARS, MAX_PHRASES, validate_never_link_in


class TermQuerySet(PublishableQuerySet):
    def for_api(self):
        """With what terms.serializers.term_data reads: aliases, and the published
        related terms (`public_related`), in two queries for a whole page of terms."""
        related = Term.objects.published().only("title", "slug", "sort_key").order_by("sort_key")
        return self.prefetch_related(
            "aliases", models.Prefetch("related", queryset=related, to_attr="public_related")
        )

    def first_of_each_letter(self, letters, per_letter):
        """The first `per_letter` terms (by sort key) of each letter, in one query.

        A UNION ALL of one small index range per letter: a window function over
        the whole table would read every term to keep a few dozen."""
        # One letter's query is compiled once and repeated with each letter as its
        # parameter: compiling 27 querysets cost more than running them.
        mark = "letter-placeholder"
        letter_ids = self.filter(index_letter=mark).order_by("sort_key").values("id")[:per_letter]
        sql, letter_params = letter_ids.query.sql_with_params()
        parts, params = [], []
        for n, letter in enumerate(letters):
            parts.append(f"SELECT * FROM ({sql}) AS letter_{n}")
            params.extend(letter if param == mark else param for param in letter_params)
        if not parts:
            return self.none()
        return self.filter(id__in=RawSQL(" UNION ALL ".join(parts), params)).order_by(
            "index_letter", "sort_key"
        )

    def link_rules(self):
        """Each term's own rules for the automatic linker (the keyword arguments of
        markup.linker.Target), for the terms whose rules differ from the defaults."""
        changed = self.exclude(link_automatically=True, match_case=MatchCase.AUTO, never_link_in="")
        rows = changed.values_list("id", "link_automatically", "match_case", "never_link_in")
        return {
            pk: {"link_automatically": auto, "match_case": case, "never_in": phrases(lines.splitlines())}
            for pk, auto, case, lines in rows
        }


class Term(Publishable):
    """A glossary entry, such as "Backend Developer"."""

    sort_as = models.CharField(
        "sort as",
        max_length=200,
        blank=True,
        validators=[validate_plain_characters],
        help_text="For a title in Chinese characters: its reading in kana or pinyin (かんすう for 関数, "
        "shujuku for 数据库), which the index sorts and files it by. Empty: by the title, and "
        "Chinese characters without a reading are filed together under 字.",
    )
    # Both made from the title (or its "sort as" reading) at save: accents and case
    # folded, numbers in natural order, so "École" sorts beside "Ecommerce" and files
    # under E; katakana with hiragana, so データ files under the た row.
    sort_key = models.CharField(max_length=255, editable=False, default="")
    index_letter = models.CharField(max_length=1, editable=False, default="#")
    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        help_text="Terms a reader of this one should also see. The link is made both ways.",
    )
    # How bodies link this term automatically (glossary_site/markup/linker.py).
    link_automatically = models.BooleanField(
        "link automatically",
        default=True,
        help_text="Link the first mention of this term in other pages. Turn off for a word too "
        "common to link (“Type”, “Block”): editors can still link it by hand.",
    )
    match_case = models.CharField(
        "how to link",
        max_length=12,
        choices=[
            (
                MatchCase.AUTO,
                "Any case and form: plurals, “time stamp” for Timestamp; capitals as written (REST)",
            ),
            (MatchCase.CAPITALISED, "Only when capitalised: “the Service”, not “good service”"),
            (MatchCase.ALWAYS, "Only as written: this spelling, case and form of the title and aliases"),
            (MatchCase.NEVER, "In any case and form, capitals too (“json” for JSON)"),
        ],
        default=MatchCase.AUTO,
        help_text="How the title and aliases must appear in a page to be linked. The default keeps "
        "“the rest of the code” from linking REST; for a common word (“Service”, “Host”) choose "
        "“only when capitalised” or “only as written”, or untick “link automatically”.",
    )
    never_link_in = models.TextField(
        "never link in these phrases",
        blank=True,
        validators=[validate_plain_characters, validate_never_link_in],
        help_text="One phrase a line, such as “for instance” or “types of”: where the term's name is "
        f"part of one, it is not linked. At most {MAX_PHRASES} phrases of {MAX_PHRASE_CHARS} characters. "
        "A short list for every term is in the site's settings (TERM_LINKS_NEVER_IN).",
    )
    # Filled at save by the automatic term linker: the other terms this body links.
    mentioned_terms = models.ManyToManyField(
        "self", symmetrical=False, blank=True, editable=False, related_name="mentioned_in_terms"
    )

    objects = TermQuerySet.as_manager()
    # Revisions for the admin's history, restore and recovery of deleted terms
    # (glossary_site/editorial/revisions.py). Values made at save are left out.
    history = HistoricalRecords(
        excluded_fields=["body_html", "toc_html", "reading_time", "sort_key", "index_letter"]
    )

    class Meta(Publishable.Meta):
        ordering = ["sort_key"]
        verbose_name_plural = "terms"
        # Editors may publish (glossary_site/editorial/admin.py: publish, unpublish, schedule).
        permissions = [("publish_term", "Can publish terms")]
        indexes = [
            *Publishable.Meta.indexes,
            # Did-you-mean (search/suggestions.py): WHERE index_letter = %s AND status =
            # 'published', in every language.
            models.Index(
                fields=["index_letter", "status", "sort_key", "published_at"], name="term_letter_idx"
            ),
            # The letter page and the letter counts: WHERE language = %s AND
            # index_letter = %s AND status = 'published' [AND published_at <= now]
            # ORDER BY sort_key; the trailing published_at lets counts be answered
            # from the index alone.
            models.Index(
                fields=["language", "index_letter", "status", "sort_key", "published_at"],
                name="term_language_letter_idx",
            ),
            # Search suggestions and "did you mean" among one language's titles: WHERE
            # language = %s AND status = 'published' AND sort_key >= %s AND sort_key < %s,
            # or every title of the language in sort_key order. Without the language
            # first, a Japanese lookup walked every English term before the first kana.
            # The trailing title lets "did you mean" read the titles it compares from the
            # index alone, not a row each (SQLite has no INCLUDE).
            models.Index(
                fields=["language", "status", "sort_key", "published_at", "title"], name="term_suggest_idx"
            ),
        ]

    def set_derived_fields(self):
        self.sort_key = sort_key(self.sorted_by)
        self.index_letter = index_letter(self.sorted_by)

    derived_fields = {
        **Publishable.derived_fields,
        "title": (*Publishable.derived_fields["title"], "sort_key", "index_letter"),
        "sort_as": ("sort_key", "index_letter"),
    }

    @property
    def sorted_by(self):
        """What the index sorts and files this term by: its reading, else its title."""
        return self.sort_as.strip() or self.title

    # What a link to this term is made of, elsewhere: its name, address, tooltip, whether
    # it is public and the editor's linking rules. A save that changes none relinks
    # nothing (glossary_site/lifecycle.py).
    LINKED_FIELDS = (
        "title",
        "slug",
        "summary",
        "status",
        "published_at",
        "link_automatically",
        "match_case",
        "never_link_in",
    )

    def own_term_id(self):
        return self.pk

    def alias_names(self):
        return [alias.name for alias in self.aliases.all()] if self.pk else []

    def own_names(self):
        # Known from the first save on, published or not, unlike the linker's own table.
        return [self.title, *self.alias_names()]

    def get_absolute_url(self):
        return slug_url("terms:detail", self.slug, self.address_language)

    @property
    def letter(self):
        """The index heading this term is listed under."""
        return index_letter(self.sorted_by)


class TermAlias(models.Model):
    """Another name for a term ("Back End Developer"): found by search and linked in
    bodies, and its address redirects to the term.

    An alias is a word of its term's language, and its address one of that
    language's (/de/glossary/<alias>/): `language` is the term's, copied at save so
    that the database holds each address once per language."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="aliases")
    language = models.CharField(max_length=12, default=languages.source_language, editable=False)
    name = models.CharField(
        max_length=200,
        validators=[validate_plain_characters],
        help_text="A synonym or other spelling of the term.",
    )
    slug = models.SlugField(
        max_length=200, allow_unicode=True, help_text="Its address redirects to the term."
    )
    # A shortening can have senses its term does not define ("Runtime" of Container
    # Runtime, said of a language's runtime): the editor keeps it as a name for search
    # and addresses without linking it (glossary_site/markup/mentions.py).
    link_automatically = models.BooleanField(
        "link automatically",
        default=True,
        help_text="Link this name in other pages as the term's. Untick a shortening with other "
        "senses (“Runtime” of Container Runtime): search still finds it and its address still redirects.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="termalias_unique_slug_per_language")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.language = self._term_language()
        super().save(*args, **kwargs)

    def _term_language(self):
        try:
            term = self.term  # the admin's inline gives a new term's alias the unsaved term
        except Term.DoesNotExist:
            term = None
        return term.language if term is not None else self.language

    def clean(self):
        self.language = self._term_language()
        others = Term.objects.filter(language=self.language).exclude(pk=self.term_id)
        if others.filter(title__iexact=self.name).exists():
            raise ValidationError({"name": f"“{self.name}” is already the title of another term."})
        if self.slug and others.filter(slug=self.slug).exists():
            raise ValidationError({"slug": f"“{self.slug}” is already the address of another term."})
        # Not the form's own unique check: the language is not one of its fields.
        aliases = TermAlias.objects.filter(language=self.language, slug=self.slug).exclude(pk=self.pk)
        if self.slug and aliases.exists():
            raise ValidationError({"slug": f"“{self.slug}” is already the address of another alias."})
        if self.slug and self.term_id and Term.objects.filter(pk=self.term_id, slug=self.slug).exists():
            raise ValidationError({"slug": "An alias cannot have the term's own address."})
