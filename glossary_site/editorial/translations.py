"""Translating in the admin: making a translation from its source, what changed in
the source since a translation was made (by section), and marking it up to date.

The questions about a translation's state (source_of, is_out_of_date) are the
content layer's (content/translations.py); this module is what editors do with them.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from glossary_site.content import languages, translations
from glossary_site.editorial.diffs import DiffLine, line_diff

HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
INTRODUCTION = "Introduction"  # what a diff calls the text before the first ## heading


class CannotTranslate(Exception):
    """A translation that may not be made: the message says why, for the editor."""


# --- what changed in the source since ------------------------------------------


@dataclass(frozen=True)
class SectionChange:
    heading: str
    state: str  # "changed", "added" or "removed"
    lines: list[DiffLine]


def sections(body):
    """[(heading, text)] of a Markdown body split at its ## headings, the text before
    the first one under INTRODUCTION. Headings inside fenced code are text."""
    found, heading, lines, fenced = [], INTRODUCTION, [], False
    for line in (body or "").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((heading, "\n".join(lines)))
            heading, lines = match.group(1) or "(untitled section)", []
        else:
            lines.append(line)
    found.append((heading, "\n".join(lines)))
    return [(name, text) for name, text in found if name != INTRODUCTION or text.strip()]


def section_changes(old_body, new_body):
    """The sections that differ between two bodies, matched by heading (a heading
    given twice is matched by its place among those of that name)."""
    old, new = _keyed(sections(old_body)), _keyed(sections(new_body))
    changes = []
    for key, text in new.items():
        before = old.get(key)
        if before is None:
            changes.append(SectionChange(key[0], "added", line_diff("", text)))
        elif before.strip() != text.strip():
            changes.append(SectionChange(key[0], "changed", line_diff(before, text)))
    for key, text in old.items():
        if key not in new:
            changes.append(SectionChange(key[0], "removed", line_diff(text, "")))
    return changes


def _keyed(found):
    seen, keyed = {}, {}
    for heading, text in found:
        seen[heading] = seen.get(heading, 0) + 1
        keyed[(heading, seen[heading])] = text
    return keyed


def made_from(source, revision):
    """The source's revision (a history record) a translation was made from, or None
    when the history does not reach back to it."""
    if revision is None:
        return None
    return source.history.filter(source_revision=revision).order_by("-history_date", "-history_id").first()


def changes_since(source, revision):
    """What changed in the source since `revision`: {"title": (old, new) or None,
    "summary": (old, new) or None, "sections": [SectionChange], "known": bool}."""
    record = made_from(source, revision)
    if record is None:
        return {"known": False, "title": None, "summary": None, "sections": []}
    return {
        "known": True,
        "title": (record.title, source.title) if record.title != source.title else None,
        "summary": (record.summary, source.summary) if record.summary != source.summary else None,
        "sections": section_changes(record.body, source.body),
    }


# --- making and keeping a translation ---------------------------------------------


def languages_to_add(source):
    """The site's languages the source has no translation in yet."""
    if not languages.is_source(source.language):
        return []
    done = set(translations.translations_of(source).values_list("language", flat=True))
    return [code for code in languages.translation_languages() if code not in done]


def unique_slug(model, title, language):
    """The title as an address (letters of any script kept), free in `language`."""
    base = slugify(title, allow_unicode=True)[:190] or "translation"
    taken = set(model.objects.filter(language=language, slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def translate(source, language, copied=(), copy_relations=None):
    """A draft translation of `source` into `language`, prefilled with its text and
    the `copied` fields (an article's author); `copy_relations(source, translation)`
    then fills what the kind relates (a term's related terms, mapped to their
    translations). Refuses what may not be made (CannotTranslate)."""
    if not languages.is_source(source.language):
        raise CannotTranslate("Only a page in the source language is translated.")
    if language not in languages.translation_languages():
        raise CannotTranslate(f"“{language}” is not one of the site's languages to translate into.")
    model = type(source)
    if model.objects.filter(translation_key=source.translation_key, language=language).exists():
        raise CannotTranslate(f"“{source}” has a {languages.language_name(language)} translation already.")
    translation = model(
        title=source.title,
        slug=unique_slug(model, source.title, language),
        summary=source.summary,
        body=source.body,
        language=language,
        translation_key=source.translation_key,
        translated_from=source.source_revision,
        status=model.Status.DRAFT,
        published_at=timezone.now(),
    )
    for name in copied:
        setattr(translation, name, getattr(source, name))
    with transaction.atomic():
        translation.save()
        if copy_relations is not None:
            copy_relations(source, translation)
    return translation


def mark_up_to_date(translation):
    """Record that the translation follows its source's current revision; nothing
    else of it changes. Saved through the lifecycle, so its page is rendered again."""
    source = translations.source_of(translation)
    if source is None or languages.is_source(translation.language):
        return False
    translation.translated_from = source.source_revision
    translation.save(update_fields=["translated_from"])
    return True
