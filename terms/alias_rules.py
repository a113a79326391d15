"""An import's aliases under the admin's rule for an alias (TermAlias.clean(): not
another term's title or address, nor its own term's address), and the names two
terms would share, which the admin allows but an import reports.

The admin checks one alias against the site; an import also brings terms the site
does not have yet, so what its files say is checked against each other as well.
"""

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower

CHUNK = 500  # slugs or names a query


def refused(files, language):
    """A ContentFileError for each alias a file gives its term that the admin would refuse.
    files: of one language, whose terms and aliases alone they may clash with."""
    if not _with_aliases(files):
        return  # nothing to ask the site
    stored, (titles, addresses) = _stored(files, language), _taken(files, language)
    new_to_site = {c.record["slug"]: c for c in files if _new_to_site(c, stored)}
    titled = {c.record["title"].casefold(): c for c in new_to_site.values() if c.record["title"]}
    for content in _with_aliases(files):
        own = content.record["slug"]
        term_id, _, held = stored.get(own, (None, None, set()))
        for name, slug in content.record["aliases"]:
            # Only a new alias that may clash is put to the admin's rule: one query a
            # name would scan the titles of a large site once per alias.
            if (name, slug) not in held and (name.lower() in titles or slug in addresses):
                yield from _as_the_admin(content, term_id, language, name, slug)
            if slug == own and term_id is None:
                yield content.error(
                    "aliases", f"alias {name!r}: An alias cannot have the term's own address."
                )
            yield from _in_this_import(content, name, slug, titled, new_to_site)


def _in_this_import(content, name, slug, titled, new_to_site):
    """The admin's rule against the terms the site does not have yet (or by another
    title): the other files of the import."""
    for what, other in (("title", titled.get(name.casefold())), ("address", new_to_site.get(slug))):
        if other is not None and other.record["slug"] != content.record["slug"]:
            yield content.error("aliases", f"alias {name!r}: it is the {what} of the term in {other.label}.")
            return


def _as_the_admin(content, term_id, language, name, slug):
    from .models import TermAlias

    try:
        TermAlias(term_id=term_id, language=language, name=name, slug=slug).clean()
    except ValidationError as error:
        for messages in error.message_dict.values():
            for message in messages:
                yield content.error("aliases", f"alias {name!r}: {message}")


def shared_names(files, language):
    """A ContentFileError for each alias whose name another term of the language has as
    an alias too."""
    from .models import TermAlias

    first = {}  # folded name -> the slug of the first term named so
    for content in _with_aliases(files):
        for name, _ in content.record["aliases"]:
            first.setdefault(name.lower(), content.record["slug"])
    in_import, elsewhere, names = {c.record["slug"] for c in files}, {}, sorted(first)
    for start in range(0, len(names), CHUNK):
        rows = TermAlias.objects.annotate(folded=Lower("name")).filter(
            language=language, folded__in=names[start : start + CHUNK]
        )
        for folded, term in rows.values_list("folded", "term__slug"):
            if term not in in_import:
                elsewhere[folded] = term
    for content in _with_aliases(files):
        for name, _ in content.record["aliases"]:
            other = elsewhere.get(name.lower()) or first[name.lower()]
            if other != content.record["slug"]:
                yield content.error(
                    "aliases",
                    f"alias {name!r} is also an alias of the term {other!r}: its mentions link one of them",
                )


def _with_aliases(files):
    return [c for c in files if c.record["aliases"] and c.record["slug"] is not None]


def _stored(files, language):
    """{slug: (id, title, {(alias name, alias slug)})} of the terms the files name that the site has."""
    from .models import Term, TermAlias

    slugs = sorted({c.record["slug"] for c in files if c.record["slug"] is not None})
    stored = {}
    for start in range(0, len(slugs), CHUNK):
        chunk = slugs[start : start + CHUNK]
        terms = Term.objects.filter(language=language, slug__in=chunk)
        for pk, slug, title in terms.values_list("pk", "slug", "title"):
            stored[slug] = (pk, title, set())
        aliases = TermAlias.objects.filter(language=language, term__slug__in=chunk)
        for term, name, slug in aliases.values_list("term__slug", "name", "slug"):
            stored[term][2].add((name, slug))
    return stored


def _taken(files, language):
    """(folded titles, addresses) of the site's terms in the language that the files'
    aliases name."""
    from .models import Term

    aliases = [pair for c in _with_aliases(files) for pair in c.record["aliases"]]
    names, slugs = sorted({name.lower() for name, _ in aliases}), sorted({slug for _, slug in aliases})
    titles, addresses = set(), set()
    terms = Term.objects.filter(language=language)
    for start in range(0, max(len(names), len(slugs)), CHUNK):
        folded = terms.annotate(folded=Lower("title")).filter(folded__in=names[start : start + CHUNK])
        titles.update(folded.values_list("folded", flat=True))
        addresses.update(terms.filter(slug__in=slugs[start : start + CHUNK]).values_list("slug", flat=True))
    return titles, addresses


def _new_to_site(content, stored):
    """Whether the site does not have the file's term under its title yet: then the
    admin's rule, which reads the site, cannot see it."""
    return (
        content.record["slug"] not in stored or stored[content.record["slug"]][1] != content.record["title"]
    )
