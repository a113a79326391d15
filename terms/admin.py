from django.contrib import admin

from glossary_site.admin import PublishableAdmin

from .models import Term


@admin.register(Term)
class TermAdmin(PublishableAdmin):
    pass
