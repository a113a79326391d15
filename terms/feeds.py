"""An RSS feed of newly published glossary terms."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse

from glossary_site.seo import absolute

from .models import Term


class NewTermsFeed(Feed):
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

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
