"""Translations in an import: each file in another language than the source names the
source-language item it translates (`translation_of:`), which must be on the site
or in the same import; the translation is written with its source's translation key
and the source's revision it was made from (`translated_from:`, else the source's
revision when it is imported).

Sources are written before their translations (apply.py), so what a translation
takes from its source is read from the source's row as it is then.
"""

from glossary_site.content import languages, registry


def check(files):
    """Problems of the translations among the (checked) files: a source missing from
    both the site and the import, two translations of one item into one language."""
    problems = []
    for kind in registry.kinds():
        of_kind = [c for c in files if c.record["kind"] == kind.name]
        problems += _check_kind(kind, of_kind)
    return problems


def _check_kind(kind, files):
    translations = [c for c in files if c.record["translation_of"] and c.record["language"]]
    if not translations:
        return []
    wanted = {c.record["translation_of"] for c in translations}
    in_import = {c.record["slug"] for c in files if c.record["language"] == languages.source_language()}
    on_site = dict(
        kind.model.objects.filter(language=languages.source_language(), slug__in=wanted).values_list(
            "slug", "translation_key"
        )
    )
    slug_of_key = {key: slug for slug, key in on_site.items()}
    rows = (
        kind.model.objects.filter(translation_key__in=on_site.values())
        .exclude(language=languages.source_language())
        .values_list("translation_key", "language", "slug")
    )
    # (language, source slug) -> the slug of the translation the site has
    existing = {(language, slug_of_key[key]): slug for key, language, slug in rows}
    repointed = {(c.record["language"], c.record["slug"]): c.record["translation_of"] for c in translations}
    problems, seen = [], {}
    for content in translations:
        language, source = content.record["language"], content.record["translation_of"]
        if source not in in_import and source not in on_site:
            problems.append(
                content.error(
                    "translation_of",
                    f"translation_of: no {kind.name} {source!r} in the source language "
                    f"({languages.source_language()}), neither on the site nor in this import",
                )
            )
            continue
        other = seen.setdefault((language, source), content)
        if other is not content:
            problems.append(
                content.error("translation_of", f"{other.label} translates {source!r} into {language!r} too")
            )
        held = existing.get((language, source))
        if held not in (None, content.record["slug"]) and repointed.get((language, held), source) == source:
            problems.append(
                content.error(
                    "translation_of",
                    f"{source!r} already has a {languages.language_name(language)} translation "
                    f"on the site, {held!r}",
                )
            )
    return problems


def join(kind, items, records):
    """Give each translation among the items (about to be written) its source's
    translation key, and translated_from: the file's, else the source's revision now."""
    wanted = {record["translation_of"] for record in records if record["translation_of"]}
    if not wanted:
        return
    sources = {
        source.slug: source
        for source in kind.model.objects.filter(language=languages.source_language(), slug__in=wanted).only(
            "slug", "translation_key", "source_revision"
        )
    }
    for item, record in zip(items, records, strict=True):
        source = sources.get(record["translation_of"])
        if source is None:
            continue  # a source-language item
        if item.translation_key != source.translation_key:
            item.translation_key = source.translation_key
            if record["translated_from"] is None:
                item.translated_from = source.source_revision  # newly joined: made from it as it is
        if record["translated_from"] is not None:
            item.translated_from = record["translated_from"]
        elif item.translated_from is None:
            item.translated_from = source.source_revision
