"""A realistic glossary for tests of the automatic linker and search (corpus_terms.txt):
about three hundred short terms with the awkward cases real glossaries have.

load() saves them as an editor would, then links every body once more, so each
page is linked against the whole glossary (saving one by one, the first terms
were linked before the later ones existed)."""

from pathlib import Path

from django.utils.text import slugify

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
    """Save every term and alias, then link every body against them all; the terms by title."""
    taken, terms = set(), {}
    for title, aliases, body, rules in entries():
        term = Term.objects.create(
            title=title, slug=_unique(slugify(title), taken), summary=body.split(". ")[0] + ".",
            body=body, status=Term.Status.PUBLISHED, **rules,
        )  # fmt: skip
        for alias in aliases:
            TermAlias.objects.create(term=term, name=alias, slug=_unique(slugify(alias) or "alias", taken))
        terms[title] = term
    for term in terms.values():
        term.refresh_links()
        term.refresh_from_db()
    return terms


def _unique(slug, taken):
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
