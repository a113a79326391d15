from django.db.models.functions import Lower
from django.urls import reverse

from glossary_site.models import Publishable


class Term(Publishable):
    """A glossary entry, such as "Backend Developer"."""

    class Meta(Publishable.Meta):
        ordering = [Lower("title")]
        verbose_name_plural = "terms"

    def get_absolute_url(self):
        return reverse("terms:detail", kwargs={"slug": self.slug})

    @property
    def letter(self):
        """The index heading this term is listed under."""
        first = self.title[:1].upper()
        return first if first.isalpha() else "#"
