"""What every feed of ours says about itself and an item: absolute links, title,
summary, dates.

Summaries are the editors' plain text, so feeds send them as text (issue 26): an
editor who writes "<script>" about HTML means the words, and a feed reader that took
them as markup would run or hide them. Atom says so with `type="text"`; RSS has no
such attribute and its readers take <description> as HTML, so there the text is
HTML-escaped once more than XML needs. And a character XML cannot carry, stored
before such characters were refused (content/characters.py), is dropped from every
item rather than failing the whole feed."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from glossary_site.content.characters import without_refused
from glossary_site.content.seo import absolute


class _XmlSafeItems:
    """Every text of an item without the characters XML cannot carry."""

    def add_item(self, *args, **kwargs):
        args = [without_refused(value) for value in args]
        kwargs = {key: _xml_safe(value) for key, value in kwargs.items()}
        super().add_item(*args, **kwargs)


def _xml_safe(value):
    if isinstance(value, list | tuple):
        return [without_refused(entry) for entry in value]
    return without_refused(value)


class PlainTextRss(_XmlSafeItems, Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        description = item["description"]
        super().add_item_elements(
            handler, {**item, "description": None if description is None else escape(description)}
        )


class PlainTextAtom(_XmlSafeItems, Atom1Feed):
    def add_item_elements(self, handler, item):
        # Django's Atom summary is always type="html"; written here as text instead.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PublishableFeed(Feed):
    feed_type = PlainTextRss
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
