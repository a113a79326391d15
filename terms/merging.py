"""Merging two terms: one is folded into the other, and nothing that pointed at it breaks.

The folded term's title becomes an alias of the kept one (so bodies that named it
link the kept term once relinked), its addresses answer 301 to the kept term, its
aliases and related terms move over, and it is deleted with the reason in its
revisions, where "Deleted terms" still finds its text.

Which term to keep is the editor's choice; the admin suggests the one more pages
point at (`links()`), so one click never deletes the established term in favour of
a fresh duplicate."""

from django.db import transaction

from glossary_site.content.redirects import SlugRedirect
from glossary_site.content.text import fold

from .models import TermAlias


def links(usage):
    """How much points at a term (terms/usage.py's Usage): the pages linking it
    automatically, the pages linking it by hand, and the terms listing it as related."""
    return usage.automatic_count + len(usage.by_hand) + len(usage.related)


def suggested(pairs):
    """Of [(term, usage)], the term to keep: the one with more links; of two with as
    many, the older (the other is more likely a duplicate made since)."""
    return max(pairs, key=lambda pair: (links(pair[1]), -pair[0].pk))[0]


def merge(kept, gone):
    """Fold `gone` into `kept`; returns the kept term, saved again."""
    if kept.pk == gone.pk:
        raise ValueError("A term cannot be merged into itself.")
    with transaction.atomic():
        # Its old addresses lead to the kept term from now on.
        SlugRedirect.objects.filter(kind="term", object_id=gone.pk).update(object_id=kept.pk)
        for alias in list(gone.aliases.all()):
            alias.term = kept
            alias.save()  # through the signals: search rows and links follow
        related = list(gone.related.exclude(pk=kept.pk))
        title, slug = gone.title, gone.slug
        gone._change_reason = f"Merged into “{kept.title}”"
        gone.delete()
        kept.refresh_from_db()
        kept.related.add(*related)
        names = {fold(kept.title), *(fold(name) for name in kept.aliases.values_list("name", flat=True))}
        if fold(title) not in names:
            TermAlias.objects.create(term=kept, name=title, slug=slug)
        SlugRedirect.objects.update_or_create(
            kind="term",
            language=kept.language,
            old_slug=slug,
            defaults={"object_id": kept.pk, "replacement": ""},
        )
        kept.refresh_from_db()
        kept._change_reason = f"“{title}” merged into this term"
        kept.save()
    return kept
