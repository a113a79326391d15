"""The blog's admin: articles with byline, tags and cover; tags and authors."""

from django import forms
from django.contrib import admin

from glossary_site.editorial.admin import PublishableAdmin

from .models import Article, Author, Tag


@admin.register(Tag, Author)
class NameAndSlugAdmin(admin.ModelAdmin):
    """Tags and authors alike: a name, and the slug of its page made from it."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # An author's bio: a short paragraph reads better in a box than on one long line.
        if db_field.name == "bio":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "maxlength": db_field.max_length})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = [*PublishableAdmin.list_display, "author"]
    list_filter = [*PublishableAdmin.list_filter, "tags", "author"]
    list_select_related = ["author"]
    # Search boxes rather than long select lists: tags and authors only grow.
    autocomplete_fields = ["author", "tags"]
    # What the article says, when it is public, then its byline and cover.
    fieldsets = [
        *PublishableAdmin.fieldsets,
        ("Byline and tags", {"fields": ["author", "tags"]}),
        ("Cover image", {"fields": ["cover", "cover_alt"]}),
    ]
    restored_fields = [*PublishableAdmin.restored_fields, "author", "cover", "cover_alt"]
    # A new translation's byline and cover are its source's; the alt text is there
    # to be translated (editorial/translations_admin.py).
    copied_to_translations = ["author", "cover", "cover_alt"]

    def copy_relations(self, source, translation):
        translation.tags.set(source.tags.all())

    class Media:
        js = ["js/admin-autocomplete-labels.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "cover":
            # With a cover set, its label is a legend, which names no box (Django's file widget).
            field.widget.attrs["aria-label"] = "Cover image file"
        return field

    shown_fields = [*PublishableAdmin.shown_fields, "author", "cover_alt"]
