"""What every feed of ours says about itself and an item: absolute links, title,
summary, dates."""

from django.contrib.syndication.views import Feed
from django.urls import reverse

from glossary_site.content.seo import absolute


class PublishableFeed(Feed):
    # URL names: the page the feed is about, and the feed itself.
    page_url_name = ""
    feed_url_name = ""

    def link(self):
        return absolute(reverse(self.page_url_name))

    def feed_url(self):
        return absolute(reverse(self.feed_url_name))

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
