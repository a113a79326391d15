"""The common fields of a record read from front matter (or a CSV row), checked: each
problem is noted on the ContentFile and reading goes on. The checkers here are also
what the kinds' RecordFormat.parse() reads their own fields with."""

import re
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.text import slugify

from glossary_site.content import languages, registry
from glossary_site.content.characters import describe, first_refused

from .content_file import ContentFileError

STATUSES = ("draft", "published")
# Matched whole (fullmatch): with re.match, "$" also matches before a final newline,
# and a slug "term\n" would be published with a broken address.
# Letters of any script: a translation's address is in its own ("デプロイ").
SLUG_RE = re.compile(r"[-\w]+")
LIMITS = {"title": 200, "slug": 200, "summary": 300}


def text_value(content, meta, key, required=False):
    value = meta.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        raise content.error(key, f"{key} must be text")
    value = str(value)
    if required and not value.strip():
        raise content.error(key, f"missing {key}")
    if key in LIMITS and len(value) > LIMITS[key]:
        raise content.error(key, f"{key} is longer than {LIMITS[key]} characters")
    return value


def slug_value(content, value, key):
    if value is None or value == "":
        raise content.error(key, f"missing {key}")
    if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
        raise content.error(key, f"bad slug {value!r} (use lowercase letters, digits and hyphens)")
    return value


def moment_value(content, meta, key):
    value = meta.get(key)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise content.error(key, f"bad date {value!r} (use 2024-03-19T12:00:00+00:00)") from None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(12), tzinfo=timezone.UTC)
    if not isinstance(value, datetime):
        raise content.error(key, f"bad date {value!r} (use 2024-03-19T12:00:00+00:00)")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def name_slug_pairs(content, meta, key):
    """[{name, slug}] (or plain names) -> sorted [(name, slug)]. Every bad entry is
    noted, not only the first."""
    items = meta.get(key) or []
    if not isinstance(items, list):
        raise content.error(key, f"{key} must be a list")
    pairs, problems = [], []
    for item in items:
        try:
            pairs.append(_name_slug_pair(content, item, key))
        except ContentFileError as error:
            problems.append(error)
    if problems:
        content.problems.extend(problems[:-1])
        raise problems[-1]
    return sorted(pairs)


def _name_slug_pair(content, item, key):
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict) or not str(item.get("name") or "").strip():
        raise content.error(key, f"each of {key} needs a name")
    name = str(item["name"])
    slug = item.get("slug") or slugify(name)
    if not slug:
        # Addresses are ASCII end to end (the <slug:> routes, SlugField), so a name in
        # another script has no address until the file gives it one.
        raise content.error(
            key,
            f"{name!r} in {key} gives no address (addresses use only a-z, 0-9 and hyphens): "
            f"give it one, as '- name: {name}' with 'slug: ...' under it",
        )
    return name, slug_value(content, slug, key)


def _kind(content, meta):
    kind = meta.get("kind")
    names = [kind.name for kind in registry.kinds()]
    if kind not in names:
        expected = " or ".join(f"'{name}'" for name in names)
        raise content.error("kind", f"kind must be {expected}, not {kind!r}")
    return kind


def _status(content, meta):
    status = meta.get("status") or "draft"
    if status not in STATUSES:
        raise content.error("status", f"status must be 'draft' or 'published', not {status!r}")
    return status


def _published_at(content, meta):
    if meta.get("published_at"):
        return moment_value(content, meta, "published_at")
    if meta.get("status") in (None, "", "draft"):
        return None  # a draft may leave it out: the item keeps its own
    key = "published_at" if "published_at" in content.key_lines else "status"
    raise content.error(key, "missing published_at (only a draft may leave it out)")


def _language(content, meta, folder_language):
    """The file's language: its own `language:`, else its folder's (`de/terms/`), else
    the source language. A language the site does not publish in refuses the file."""
    given = meta.get("language")
    if given is not None and not isinstance(given, str):
        raise content.error("language", f"language must be a language code, not {given!r}")
    code = (given or folder_language or languages.source_language()).strip().lower()
    if code not in languages.site_languages():
        known = ", ".join(languages.site_languages())
        key = "language" if given else "slug"
        raise content.error(
            key, f"the language {code!r} is not one of the site's languages ({known}: SITE_LANGUAGES)"
        )
    if given and folder_language and code != folder_language:
        raise content.error("language", f"language {code!r} in a file under the {folder_language!r} folder")
    return code


def _translation_of(content, meta, language):
    """The source-language slug a translation translates; None for a source item."""
    given = meta.get("translation_of")
    if language is None:
        return None  # the language has its own problem
    if languages.is_source(language):
        if given not in (None, ""):
            raise content.error(
                "translation_of",
                f"translation_of is for a translation: this file is in the source language ({language})",
            )
        return None
    if given in (None, ""):
        raise content.error(
            "language" if "language" in content.key_lines else "slug",
            f"a {language!r} file needs translation_of: the slug of the item it translates",
        )
    return slug_value(content, given, "translation_of")


def _translated_from(content, meta, language):
    """The source's revision the translation was made from; None: the source's at import."""
    if (
        language is not None
        and languages.is_source(language)
        and meta.get("translated_from") not in (None, "")
    ):
        raise content.error("translated_from", "translated_from is for a translation only")
    return _revision(content, meta, "translated_from")


def _revision(content, meta, key):
    value = meta.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise content.error(key, f"{key} must be a revision number, not {value!r}")
    return value


def read_record(content, meta, body, folder_language=None):
    """The record of a file's front matter (or a CSV row as a dict) and body, every
    problem noted in content.problems; a field with a problem is None.
    folder_language: the language of the folder the file is in (`de/terms/`), if any."""
    kind = content.checked(_kind, content, meta)
    if kind is None:
        return None  # without a kind, its own fields cannot be read
    language = content.checked(_language, content, meta, folder_language)
    record = {
        "kind": kind,
        "title": content.checked(text_value, content, meta, "title", True),
        "slug": content.checked(slug_value, content, meta.get("slug"), "slug"),
        "language": language,
        "translation_of": content.checked(_translation_of, content, meta, language),
        "translated_from": content.checked(_translated_from, content, meta, language),
        # A new item starts at the file's revision (an export of a site whose sources
        # were edited after they were translated); an existing one counts its own.
        "source_revision": content.checked(_revision, content, meta, "source_revision"),
        "summary": content.checked(text_value, content, meta, "summary"),
        "status": content.checked(_status, content, meta),
        "published_at": content.checked(_published_at, content, meta),
        "body": body,
    }
    record |= registry.get(kind).record.parse(content, meta)
    for key, value in record.items():
        content.checked(_plain_characters, content, key, value)
    return record


def _plain_characters(content, key, value):
    """Refuse a character the site refuses in every text (content/characters.py), in
    any of the record's values, the kind's own ones and lists of names included."""
    for text in _texts(value):
        found = first_refused(text)
        if found is not None:
            line = content.line(key)
            if key == "body" and isinstance(line, int):
                line += text.count("\n", 0, found[0])  # the body's own line in the file
            raise ContentFileError(content.path, line, f"{key}: {describe(text, *found)}")


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for entry in value:
            yield from _texts(entry)
