"""What an article's change tells the stored pages.

An article's page lists up to three related articles: those sharing the most tags
and glossary terms with it. Each page records which tags (keys.grouping(TAGGED, pk))
and terms (keys.mentions, which the core names when bodies link a term or stop) it
groups by; a published article that gains or loses a tag names its key (the kind
declares the grouping, Kind.groupings, and the core's lifecycle names it), so the
pages that may now list it, or stop listing it, are rendered again, and no others.
Pages that show it already follow its card (keys.card).
"""

from glossary_site.serving import keys

from .models import Article

TAGGED = "articles-tagged"  # the grouping of the articles that share a tag


def tag_key(pk):
    return keys.grouping(TAGGED, pk)


def appears_on(article):
    """Kind.appears_on: the pages that may show `article` now and did not before:
    its previous and next article, and those sharing a tag or a term with it."""
    published = Article.objects.published()
    neighbours = [
        published.older_than(article).values_list("pk", flat=True).first(),
        published.newer_than(article).values_list("pk", flat=True).first(),
    ]
    found = {keys.item("article", pk) for pk in neighbours if pk is not None}
    found |= {tag_key(pk) for pk in article.tags.values_list("pk", flat=True)}
    found |= {keys.mentions("term", pk) for pk in article.mentioned_terms.values_list("pk", flat=True)}
    return found
