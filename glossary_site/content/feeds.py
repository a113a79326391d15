"""What every feed of ours says about an item: title, summary, absolute link, dates."""

from django.contrib.syndication.views import Feed

from glossary_site.content.seo import absolute


class PublishableFeed(Feed):
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
