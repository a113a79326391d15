"""An article in content files (export_content, import_content) and in the demo
content: its byline, tags and cover beside the common fields."""

from django.utils.text import slugify

from glossary_site.exchange.records import RecordFormat
from glossary_site.exchange.values import name_slug_pairs, slug_value, text_value

from .models import Author, Tag


class ArticleRecord(RecordFormat):
    def queryset(self, model):
        return model.objects.select_related("author").prefetch_related("tags")

    def record(self, article):
        author = article.author
        return {
            "author": (author.name, author.slug, author.bio) if author else None,
            "tags": sorted((tag.name, tag.slug) for tag in article.tags.all()),
            "cover": article.cover.name or "",
            "cover_alt": article.cover_alt,
        }

    def front_matter(self, record):
        name_slug_bio = record["author"]
        return {
            "author": dict(zip(("name", "slug", "bio"), name_slug_bio, strict=True))
            if name_slug_bio
            else None,
            "tags": [{"name": name, "slug": slug} for name, slug in record["tags"]],
            "cover": record["cover"],
            "cover_alt": record["cover_alt"],
        }

    def parse(self, content, meta):
        return {
            "author": content.checked(_author, content, meta),
            "tags": content.checked(name_slug_pairs, content, meta, "tags"),
            "cover": content.checked(text_value, content, meta, "cover"),
            "cover_alt": content.checked(text_value, content, meta, "cover_alt"),
        }

    def media(self, record):
        return {"cover": record["cover"]}

    def before_save(self, article, record):
        article.author = _saved_author(record["author"])
        article.cover_alt = record["cover_alt"]
        if article.cover.name != record["cover"]:
            article.cover = record["cover"] or None

    def after_save(self, article, record, batch=None):
        article.tags.set([_saved_tag(name, slug) for name, slug in record["tags"]])


def _author(content, meta):
    author = meta.get("author")
    if not author:
        return None
    if isinstance(author, str):
        author = {"name": author}
    if not isinstance(author, dict) or not str(author.get("name") or "").strip():
        raise content.error("author", "author needs a name")
    slug = slug_value(content, author.get("slug") or slugify(author["name"]), "author")
    return (str(author["name"]), slug, str(author.get("bio") or ""))


def _saved_author(name_slug_bio):
    if name_slug_bio is None:
        return None
    name, slug, bio = name_slug_bio
    author, created = Author.objects.get_or_create(slug=slug, defaults={"name": name, "bio": bio})
    if not created and (author.name, author.bio) != (name, bio):
        author.name, author.bio = name, bio
        author.save()
    return author


def _saved_tag(name, slug):
    tag, created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
    if not created and tag.name != name:
        tag.name = name
        tag.save()
    return tag
