from django.urls import reverse

from glossary_site.models import Publishable


class Article(Publishable):
    """A blog article."""

    class Meta(Publishable.Meta):
        verbose_name_plural = "articles"

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})
