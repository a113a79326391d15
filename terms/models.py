from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse

from glossary_site import mentions
from glossary_site.models import Publishable
from glossary_site.text import index_letter, sort_key


class Term(Publishable):
    """A glossary entry, such as "Backend Developer"."""

    # Both made from the title at save: accents and case folded, numbers in
    # natural order, so "École" sorts beside "Ecommerce" and files under E.
    sort_key = models.CharField(max_length=255, editable=False, default="")
    index_letter = models.CharField(max_length=1, editable=False, default="#")
    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        help_text="Terms a reader of this one should also see. The link is made both ways.",
    )
    # Filled at save by the automatic term linker: the other terms this body links.
    mentioned_terms = models.ManyToManyField(
        "self", symmetrical=False, blank=True, editable=False, related_name="mentioned_in_terms"
    )

    class Meta(Publishable.Meta):
        ordering = ["sort_key"]
        verbose_name_plural = "terms"
        indexes = [
            *Publishable.Meta.indexes,
            # The letter page: WHERE index_letter = %s ORDER BY sort_key LIMIT 200.
            models.Index(fields=["index_letter", "sort_key"], name="term_letter_sort_idx"),
            # Search suggestions: WHERE sort_key LIKE 'prefix%'.
            models.Index(fields=["sort_key"], name="term_sort_key_idx"),
        ]

    def save(self, *args, **kwargs):
        self.sort_key = sort_key(self.title)
        self.index_letter = index_letter(self.title)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key", "index_letter"}
        old_title = (
            Term.objects.filter(pk=self.pk).values_list("title", flat=True).first() if self.pk else None
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            mentions.changed()
            # Bodies that mention this term (by its old or new name) get linked again.
            mentions.relink_after_change(self, old_names=[old_title] if old_title else [])

    def own_term_id(self):
        return self.pk

    def alias_names(self):
        return [alias.name for alias in self.aliases.all()] if self.pk else []

    def get_absolute_url(self):
        return reverse("terms:detail", kwargs={"slug": self.slug})

    @property
    def letter(self):
        """The index heading this term is listed under."""
        return index_letter(self.title)


class TermAlias(models.Model):
    """Another name for a term ("Back End Developer"): found by search and linked in
    bodies, and its address redirects to the term."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="A synonym or other spelling of the term.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Its address redirects to the term.")

    class Meta:
        ordering = ["name"]
        verbose_name = "alias"
        verbose_name_plural = "aliases"

    def __str__(self):
        return self.name

    def clean(self):
        others = Term.objects.exclude(pk=self.term_id)
        if others.filter(title__iexact=self.name).exists():
            raise ValidationError({"name": f"“{self.name}” is already the title of another term."})
        if self.slug and others.filter(slug=self.slug).exists():
            raise ValidationError({"slug": f"“{self.slug}” is already the address of another term."})
        if self.slug and self.term_id and Term.objects.filter(pk=self.term_id, slug=self.slug).exists():
            raise ValidationError({"slug": "An alias cannot have the term's own address."})
