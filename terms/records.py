"""A term in content files (export_content, import_content, the demo): its "sort as"
reading, aliases, related terms and automatic-link rules beside the common fields.

Aliases and the reading are each language's own, like the title they go with: a
translation's file carries its own, and a translation made in the admin starts
with none (editorial/translations.py)."""

import re
from collections import defaultdict

from django.utils.text import slugify

from glossary_site.content import languages
from glossary_site.exchange.records import RecordFormat
from glossary_site.exchange.values import name_slug_pairs, slug_value, text_value
from glossary_site.markup import everyday_words
from glossary_site.markup.linker import MatchCase
from glossary_site.markup.phrases import lines as phrase_lines
from glossary_site.markup.phrases import problem as phrase_bounds

from . import alias_rules

ALIAS_WITH_SLUG_RE = re.compile(r"^(?P<name>.*\S)\s*<(?P<slug>[^<>\s]+)>$")
# The link rules (terms migration 0007): files written before them leave them out.
LINK_RULES = ("link_automatically", "match_case", "never_link_in")
SORT_AS_MAX = 200  # Term.sort_as's max_length
MATCH_CASES = (MatchCase.AUTO, MatchCase.ALWAYS, MatchCase.NEVER, MatchCase.CAPITALISED)
YES, NO = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


class TermRecord(RecordFormat):
    def queryset(self, model):
        return model.objects.prefetch_related("aliases", "related")

    def record(self, term):
        return {
            "sort_as": term.sort_as,
            "aliases": sorted((alias.name, alias.slug) for alias in term.aliases.all()),
            "aliases_not_linked": sorted(
                alias.slug for alias in term.aliases.all() if not alias.link_automatically
            ),
            "related": sorted(other.slug for other in term.related.all()),
            "link_automatically": term.link_automatically,
            "match_case": term.match_case,
            "never_link_in": phrase_lines(term.never_link_in),
        }

    def front_matter(self, record):
        # Only a term that has a reading writes one: most files stay as they were, and a
        # file without it leaves the term's reading alone (optional).
        reading = {"sort_as": record["sort_as"]} if record["sort_as"] else {}
        return {
            **reading,
            # Only an alias kept from linking says so: most files stay as they were.
            "aliases": [
                {
                    "name": name,
                    "slug": slug,
                    **({"link": False} if slug in record["aliases_not_linked"] else {}),
                }
                for name, slug in record["aliases"]
            ],
            "related": list(record["related"]),
            "link_automatically": record["link_automatically"],
            "match_case": record["match_case"],
            "never_link_in": list(record["never_link_in"]),
        }

    def parse(self, content, meta):
        return {
            "sort_as": content.checked(_sort_as, content, meta),
            "aliases": content.checked(name_slug_pairs, content, meta, "aliases"),
            "aliases_not_linked": content.checked(_aliases_not_linked, content, meta),
            "related": content.checked(_related, content, meta),
            "link_automatically": content.checked(_yes_or_no, content, meta, "link_automatically"),
            "match_case": content.checked(_match_case, content, meta),
            "never_link_in": content.checked(_never_link_in, content, meta),
        }

    optional = (*LINK_RULES, "sort_as")
    csv_columns = ("sort_as", "aliases", "aliases_not_linked", "related", *LINK_RULES)
    csv_text_columns = ("sort_as", "link_automatically", "match_case")

    def csv_cells(self, record):
        """An alias is its name, or `Name <slug>` when its address is not made from
        its name (or the name itself ends in `<...>`)."""
        return {
            "sort_as": record["sort_as"],
            "aliases": [
                name if slug == slugify(name) and not ALIAS_WITH_SLUG_RE.match(name) else f"{name} <{slug}>"
                for name, slug in record["aliases"]
            ],
            "aliases_not_linked": [
                name for name, slug in record["aliases"] if slug in record["aliases_not_linked"]
            ],
            "related": list(record["related"]),
            "link_automatically": "yes" if record["link_automatically"] else "no",
            "match_case": record["match_case"],
            "never_link_in": list(record["never_link_in"]),
        }

    def csv_meta(self, cells):
        aliases = []
        for entry in cells.get("aliases", []):
            named = ALIAS_WITH_SLUG_RE.match(entry)
            aliases.append({"name": named["name"], "slug": named["slug"]} if named else entry)
        # An empty cell of a rule leaves it as it is (a new term: the default); an
        # empty never_link_in cell, like an empty aliases cell, means none.
        rules = {name: cells.get(name) or None for name in LINK_RULES}
        if "never_link_in" in cells:
            rules["never_link_in"] = cells["never_link_in"]
        reading = cells.get("sort_as") or None
        # Names, as the aliases cell writes them: parse() finds their addresses.
        not_linked = (
            {"aliases_not_linked": cells["aliases_not_linked"]} if "aliases_not_linked" in cells else {}
        )
        return {
            "sort_as": reading,
            "aliases": aliases,
            "related": cells.get("related", []),
            **rules,
            **not_linked,
        }

    def check(self, files, database):
        yield from self._check_related(files, database)
        yield from self._check_aliases(files, database)
        yield from alias_rules.refused(files, _language_of(files))

    def warnings(self, files, database):
        """Shared names, and the new terms given a careful link rule in their file's
        stead (_careful_common_words)."""
        yield from alias_rules.shared_names(files, _language_of(files))
        yield from _careful_common_words(files, database)

    def _check_aliases(self, files, database):
        """No two terms share an alias's address: not two files, nor a file and an alias
        the site gives another term whose own file (if any) keeps it. Set lookups, and a
        query per 500 aliases named, so the writes need not find out one by one. The
        files are of one language, and an alias's address is one of its language's."""
        from .models import TermAlias

        listed = {}  # alias slug -> the slug of the first term whose file names it
        for content in files:
            for _, slug in content.record["aliases"] or ():
                listed.setdefault(slug, content.record["slug"])
        kept = {c.record["slug"]: {slug for _, slug in c.record["aliases"] or ()} for c in files}
        held, slugs = {}, sorted(listed)
        for start in range(0, len(slugs), 500):
            rows = TermAlias.objects.filter(language=_language_of(files), slug__in=slugs[start : start + 500])
            held.update(rows.values_list("slug", "term__slug"))
        for content in files:
            own = content.record["slug"]
            for _, slug in content.record["aliases"] or ():
                holder = listed[slug] if listed[slug] != own else held.get(slug, own)
                if holder != own and (holder not in kept or slug in kept[holder]):
                    yield content.error(
                        "aliases", f"the alias address {slug!r} belongs to the term {holder!r}"
                    )

    def _check_related(self, files, database):
        """Every related term is in the import or already on the site."""
        known = {content.record["slug"] for content in files}
        missing = [content for content in files if set(content.record["related"] or ()) - known]
        if missing:
            known |= set(database.values_list("slug", flat=True))
        for content in missing:
            unknown = sorted(set(content.record["related"]) - known)
            if unknown:
                yield content.error("related", f"unknown related term {', '.join(unknown)}")

    def settle(self, files):
        """Related terms are symmetric: a pair listed in either file is kept, so the
        order files are applied in cannot drop it, and each record says what the
        site will hold (an unchanged export stays unchanged)."""
        listed_by = defaultdict(set)
        for content in files:
            for slug in content.record["related"]:
                listed_by[slug].add(content.record["slug"])
        for content in files:
            record = content.record
            record["related"] = sorted(set(record["related"]) | listed_by[record["slug"]])

    def before_save(self, term, record):
        if record["sort_as"] is not None:
            term.sort_as = record["sort_as"]
        for name in ("link_automatically", "match_case"):
            if record[name] is not None:
                setattr(term, name, record[name])
        if record["never_link_in"] is not None:
            term.never_link_in = "\n".join(record["never_link_in"])

    def after_save(self, term, record, batch=None):
        from .models import TermAlias

        # Each alias carries the batch, so the lifecycle links its names at the end.
        wanted = {slug: name for name, slug in record["aliases"]}
        for alias in term.aliases.exclude(slug__in=wanted):
            alias.batch = batch
            alias.delete()
        current = {alias.slug: alias for alias in term.aliases.all()}
        for slug, name in wanted.items():
            alias = current.get(slug) or TermAlias(term=term, slug=slug)
            linked = slug not in record["aliases_not_linked"]
            if alias.pk is None or alias.name != name or alias.link_automatically != linked:
                alias.name, alias.link_automatically, alias.batch = name, linked, batch
                alias.save()

    def after_create(self, terms, records):
        """The aliases of new terms, in one insert (no signal: the import writes their
        search rows and links their names itself)."""
        from .models import TermAlias

        TermAlias.objects.bulk_create(
            [
                TermAlias(
                    term=term,
                    language=term.language,
                    name=name,
                    slug=slug,
                    link_automatically=slug not in record["aliases_not_linked"],
                )
                for term, record in zip(terms, records, strict=True)
                for name, slug in record["aliases"]
            ],
            batch_size=500,
        )

    def link(self, term, record):
        term.related.set(type(term).objects.filter(slug__in=record["related"], language=term.language))

    def link_created(self, items, created, records):
        """Related terms of new terms: both directions of every pair, in one insert.
        A new term has none yet, and settle() made the lists symmetric already."""
        others = sorted({slug for record in records for slug in record["related"]} - created.keys())
        ids = dict(created)
        for start in range(0, len(others), 500):
            ids.update(items.filter(slug__in=others[start : start + 500]).values_list("slug", "pk"))
        pairs = {
            pair
            for record in records
            for slug in record["related"]
            for pair in ((created[record["slug"]], ids[slug]), (ids[slug], created[record["slug"]]))
        }
        through = items.model.related.through
        # In order: the rows go into their unique index one after another, not at
        # random places of an index larger than SQLite's page cache.
        through.objects.bulk_create(
            [through(from_term_id=one, to_term_id=other) for one, other in sorted(pairs)],
            batch_size=1000,
            ignore_conflicts=True,
        )


def _language_of(files):
    """The language of a kind's files, which the import checks one language at a time
    (exchange/plan.py); a file whose language has a problem counts as the source's."""
    return files[0].record["language"] or languages.source_language()


def _careful_common_words(files, database):
    """New terms titled by a common word (markup/everyday_words.py) in a sense their own
    text writes with a capital, whose file sets no match_case: they link only when
    capitalised, and the import says so. A "Service" that is a Kubernetes object
    would otherwise link "good customer service"; a "Cache" its text writes in
    lowercase is the everyday noun's technical sense and keeps linking it. Only when
    capitalised rather than only as written: "Services" still links."""
    candidates = {
        content.record["slug"]: (content, word)
        for content in files
        if content.whole
        and content.record["match_case"] is None
        and (word := everyday_words.common_word(content.record["title"]))
    }
    existing = set(database.filter(slug__in=list(candidates)).values_list("slug", flat=True))
    for slug, (content, word) in candidates.items():
        own_text = f"{content.record['summary']}\n{content.body()}"
        share = everyday_words.capitalised_share(word, [own_text])
        if slug in existing or share is None or share <= 0.5:
            continue
        content.record["match_case"] = MatchCase.CAPITALISED
        yield content.error(
            "title",
            f"the term {content.record['title']!r} is named by a common word its own text writes "
            "with a capital: it links only when capitalised (match_case: capitalised); "
            "set match_case: auto in the file to link it in any case",
        )


def _sort_as(content, meta):
    if meta.get("sort_as") is None:
        return None
    value = text_value(content, meta, "sort_as").strip()
    if len(value) > SORT_AS_MAX:
        raise content.error("sort_as", f"sort_as is longer than {SORT_AS_MAX} characters")
    return value


def _related(content, meta):
    related = meta.get("related") or []
    if not isinstance(related, list):
        raise content.error("related", "related must be a list of term slugs")
    return sorted(slug_value(content, slug, "related") for slug in related)


def _aliases_not_linked(content, meta):
    """The addresses of the aliases a file keeps from linking: each marked `link: false`
    under its name, or named in an aliases_not_linked list (a CSV file's column). A
    name in that list that is no alias of the term is refused."""
    items = meta.get("aliases")
    slugs = {}  # folded alias name -> its address, as name_slug_pairs makes it
    not_linked = set()
    for item in items if isinstance(items, list) else ():
        item = item if isinstance(item, dict) else {"name": item}
        name = str(item.get("name") or "")
        slug = item.get("slug") or slugify(name)
        slugs[name.casefold()] = slug
        if "link" in item and _yes_or_no(content, item, "link") is False:
            not_linked.add(slug)
    listed = meta.get("aliases_not_linked") or []
    if not isinstance(listed, list):
        raise content.error("aliases_not_linked", "aliases_not_linked must be a list of the term's aliases")
    unknown = [str(name) for name in listed if str(name).casefold() not in slugs]
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise content.error(
            "aliases_not_linked", f"aliases_not_linked names {names}, which is no alias of this term"
        )
    return sorted(not_linked | {slugs[str(name).casefold()] for name in listed})


def _yes_or_no(content, meta, key):
    value = meta.get(key)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES + NO:
        return value.strip().lower() in YES
    raise content.error(key, f"{key} must be yes or no (true or false), not {value!r}")


def _match_case(content, meta):
    value = meta.get("match_case")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in MATCH_CASES:
        return value.strip().lower()
    expected = ", ".join(f"'{case}'" for case in MATCH_CASES)
    raise content.error("match_case", f"match_case must be one of {expected}, not {value!r}")


def _never_link_in(content, meta):
    value = meta.get("never_link_in")
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(phrase, str) for phrase in value):
        raise content.error("never_link_in", "never_link_in must be a list of phrases")
    if any("\n" in phrase.strip() or "\r" in phrase.strip() for phrase in value):
        raise content.error("never_link_in", "a phrase of never_link_in must be one line")
    kept = [phrase.strip() for phrase in value if phrase.strip()]
    if bounds := phrase_bounds(kept):
        raise content.error("never_link_in", f"never_link_in: {bounds}")
    return kept
