"""What a change of an article's tags tells the stored pages.

An article's page lists up to three related articles: those sharing the most tags
and glossary terms with it. Each page records which tags (`tag_key`) and terms
(pages.mentions_key, which the core names when bodies link a term or stop) it
groups by; a published article that gains or loses a tag names its key, so the
pages that may now list it, or stop listing it, are rendered again, and no others.
Pages that show it already follow its card (pages.card_key).
"""

from django.db.models.signals import m2m_changed

from glossary_site.serving import pages, versions

from .models import Article


def tag_key(pk):
    return f"articles-tagged:{pk}"


def appears_on(article):
    """Kind.appears_on: the pages that may show `article` now and did not before:
    its previous and next article, and those sharing a tag or a term with it."""
    published = Article.objects.published()
    neighbours = [
        published.older_than(article).values_list("pk", flat=True).first(),
        published.newer_than(article).values_list("pk", flat=True).first(),
    ]
    keys = {pages.item_key_of("article", pk) for pk in neighbours if pk is not None}
    keys |= {tag_key(pk) for pk in article.tags.values_list("pk", flat=True)}
    keys |= {pages.mentions_key("term", pk) for pk in article.mentioned_terms.values_list("pk", flat=True)}
    return keys


def connect():
    m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="article-tags-grouping")


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # post_clear gives no ids; the core then re-renders every page.
    if action not in {"post_add", "post_remove"} or not pk_set:
        return
    if reverse:  # tag.articles.add(...): one tag, these articles
        published = Article.objects.published().filter(pk__in=pk_set).exists()
        tags = {instance.pk}
    else:
        published, tags = instance.is_published, pk_set
    if published:
        versions.changed(keys={tag_key(pk) for pk in tags})
