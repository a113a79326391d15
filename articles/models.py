from django.db import models
from django.urls import reverse

from glossary_site.models import Publishable


class Article(Publishable):
    """A blog article."""

    # Filled at save by the automatic term linker: the glossary terms the body links.
    mentioned_terms = models.ManyToManyField(
        "terms.Term", blank=True, editable=False, related_name="mentioned_in_articles"
    )

    class Meta(Publishable.Meta):
        verbose_name_plural = "articles"

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})
