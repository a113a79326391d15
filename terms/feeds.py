"""An RSS feed of newly published glossary terms."""

from django.conf import settings

from glossary_site.content.feeds import PublishableFeed

from .models import Term


class NewTermsFeed(PublishableFeed):
    title = f"{settings.SITE_NAME}: new glossary terms"
    description = "Terms newly added to the glossary."
    page_url_name, feed_url_name = "terms:index", "terms:feed"

    def items(self):
        return (
            Term.objects.published()
            .order_by("-published_at")
            .only("title", "slug", "summary", "published_at", "updated_at")[:30]
        )
