"""A term in content files (export_content, import_content): its aliases and
related terms beside the common fields."""

import re
from collections import defaultdict

from django.utils.text import slugify

from glossary_site.editorial.content_io import RecordFormat, name_slug_pairs, slug_value

ALIAS_WITH_SLUG_RE = re.compile(r"^(?P<name>.*\S)\s*<(?P<slug>[^<>\s]+)>$")


class TermRecord(RecordFormat):
    def queryset(self, model):
        return model.objects.prefetch_related("aliases", "related")

    def record(self, term):
        return {
            "aliases": sorted((alias.name, alias.slug) for alias in term.aliases.all()),
            "related": sorted(other.slug for other in term.related.all()),
        }

    def front_matter(self, record):
        return {
            "aliases": [{"name": name, "slug": slug} for name, slug in record["aliases"]],
            "related": list(record["related"]),
        }

    def parse(self, content, meta):
        return {
            "aliases": content.checked(name_slug_pairs, content, meta, "aliases"),
            "related": content.checked(_related, content, meta),
        }

    csv_columns = ("aliases", "related")

    def csv_cells(self, record):
        """An alias is its name, or `Name <slug>` when its address is not made from
        its name (or the name itself ends in `<...>`)."""
        return {
            "aliases": [
                name if slug == slugify(name) and not ALIAS_WITH_SLUG_RE.match(name) else f"{name} <{slug}>"
                for name, slug in record["aliases"]
            ],
            "related": list(record["related"]),
        }

    def csv_meta(self, cells):
        aliases = []
        for entry in cells["aliases"]:
            named = ALIAS_WITH_SLUG_RE.match(entry)
            aliases.append({"name": named["name"], "slug": named["slug"]} if named else entry)
        return {"aliases": aliases, "related": cells["related"]}

    def check(self, files, database):
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

    def after_save(self, term, record):
        wanted = {slug: name for name, slug in record["aliases"]}
        term.aliases.exclude(slug__in=wanted).delete()
        current = {alias.slug: alias for alias in term.aliases.all()}
        for slug, name in wanted.items():
            alias = current.get(slug)
            if alias is None:
                term.aliases.create(name=name, slug=slug)
            elif alias.name != name:
                alias.name = name
                alias.save()

    def link(self, term, record):
        term.related.set(type(term).objects.filter(slug__in=record["related"]))

    def demo(self, term, fields, demo_dir):
        """Optional `aliases:` (names) and `related:` (slugs) lines, comma-separated."""
        from django.core.management import CommandError

        from glossary_site.management.commands.load_demo import listed

        from .models import Term, TermAlias

        for name in listed(fields.get("aliases")):
            TermAlias.objects.get_or_create(slug=slugify(name), defaults={"term": term, "name": name})
        related = listed(fields.get("related"))
        found = Term.objects.filter(slug__in=related)
        if len(found) != len(related):
            missing = sorted(set(related) - {t.slug for t in found})
            raise CommandError(f"{term.slug}: related terms not found: {', '.join(missing)}")
        term.related.add(*found)


def _related(content, meta):
    related = meta.get("related") or []
    if not isinstance(related, list):
        raise content.error("related", "related must be a list of term slugs")
    return sorted(slug_value(content, slug, "related") for slug in related)
