"""A realistic glossary for tests of the automatic linker and search (corpus_terms.txt):
about three hundred short terms with the awkward cases real glossaries have.

load() saves them as an editor would, then links every body once more, so each
page is linked against the whole glossary (saving one by one, the first terms
were linked before the later ones existed)."""

from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from glossary_site import lifecycle
from glossary_site.content.batch import Batch

FILE = Path(__file__).with_name("corpus_terms.txt")


def entries():
    """(title, [aliases], body, {term fields}) for each term of terms.txt."""
    for line in FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        title, aliases, body, *rules = (part.strip() for part in line.split("|"))
        yield title, [a.strip() for a in aliases.split(";") if a.strip()], body, _rules(rules)


def _rules(rules):
    if not rules:
        return {}
    if rules[0] == "off":
        return {"link_automatically": False}
    return {"never_link_in": "\n".join(p.strip() for p in rules[0].removeprefix("never:").split(";"))}


def load(Term, TermAlias):
    """Save every term and alias in one batch, which links every body against them all
    at its end, as an import does; the terms by title."""
    taken, terms, batch = set(), {}, Batch()
    with transaction.atomic():
        for title, aliases, body, rules in entries():
            term = Term(
                title=title, slug=_unique(slugify(title), taken), summary=body.split(". ")[0] + ".",
                body=body, status=Term.Status.PUBLISHED, **rules,
            )  # fmt: skip
            term.save(batch=batch)
            for alias in aliases:
                alias = TermAlias(term=term, name=alias, slug=_unique(slugify(alias) or "alias", taken))
                alias.batch = batch
                alias.save()
            terms[title] = term
        lifecycle.finish(batch)
    for term in terms.values():
        term.refresh_from_db()
    return terms


def _unique(slug, taken):
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
