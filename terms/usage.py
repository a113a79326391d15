"""Where a term is used, for its admin page: what a rename, a delete or an
unpublishing would touch. Read on the term's change form only."""

from dataclasses import dataclass, field

from glossary_site.content.paths import slug_url
from glossary_site.content.redirects import SlugRedirect
from glossary_site.markup import backlinks

from .models import Term


@dataclass
class Usage:
    address: str
    aliases: list = field(default_factory=list)  # (name, address)
    old_addresses: list = field(default_factory=list)
    by_hand: list = field(default_factory=list)  # (title, change url, public?)
    automatic_count: int = 0
    automatic: list = field(default_factory=list)  # (title, change url)
    related: list = field(default_factory=list)  # (title, change url)


def usage(term, change_url):
    """Usage of `term`; `change_url(item)` gives an item's admin address."""
    # The term's own language's addresses, whatever language the admin is in.
    language = term.language
    address = slug_url("terms:detail", term.slug, language)
    aliases = [(alias.name, slug_url("terms:detail", alias.slug, language)) for alias in term.aliases.all()]
    olds = SlugRedirect.objects.filter(kind="term", object_id=term.pk).values_list("old_slug", flat=True)
    count, automatic = backlinks.linking(term)
    hand = backlinks.linked_by_hand([address, *(url for _, url in aliases)], exclude=term)
    return Usage(
        address=address,
        aliases=aliases,
        old_addresses=[slug_url("terms:detail", slug, language) for slug in olds],
        by_hand=[(item.title, change_url(item), item.is_published) for item in hand],
        automatic_count=count,
        automatic=[(b.item.title, change_url(b.item)) for b in automatic],
        related=[
            (other.title, change_url(other))
            for other in Term.objects.filter(related=term).order_by("sort_key")
        ],
    )
