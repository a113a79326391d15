"""An RSS feed of newly published glossary terms."""

from django.conf import settings
from django.urls import reverse

from glossary_site.content.feeds import PublishableFeed
from glossary_site.content.seo import absolute

from .models import Term


class NewTermsFeed(PublishableFeed):
    title = f"{settings.SITE_NAME}: new glossary terms"
    description = "Terms newly added to the glossary."

    def link(self):
        return absolute(reverse("terms:index"))

    def feed_url(self):
        return absolute(reverse("terms:feed"))

    def items(self):
        return (
            Term.objects.published()
            .order_by("-published_at")
            .only("title", "slug", "summary", "published_at", "updated_at")[:30]
        )
