"""An RSS feed of newly published glossary terms, one per language (/de/glossary/feed/)."""

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_lazy

from glossary_site.content.feeds import PublishableFeed

from .models import Term


class NewTermsFeed(PublishableFeed):
    description = gettext_lazy("Terms newly added to the glossary.")
    page_url_name, feed_url_name = "terms:index", "terms:feed"

    def items(self):
        return (
            Term.objects.published()
            .in_language(get_language())
            .order_by("-published_at")
            .only("title", "slug", "summary", "published_at", "updated_at", "language")[:30]
        )

    def title(self):
        return gettext("%(site)s: new glossary terms") % {"site": settings.SITE_NAME}
