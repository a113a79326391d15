"""The glossary's admin: terms with their aliases and related terms."""

from django.contrib import admin

from glossary_site.editorial.admin import PublishableAdmin

from .models import Term, TermAlias


class AliasInline(admin.TabularInline):
    model = TermAlias
    extra = 1
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(PublishableAdmin):
    inlines = [AliasInline]
    filter_horizontal = ["related"]
    search_fields = [*PublishableAdmin.search_fields, "aliases__name"]

    def get_fieldsets(self, request, obj=None):
        main, publishing = super().get_fieldsets(request, obj)
        return [main, ("Related terms", {"fields": ["related"]}), publishing]
