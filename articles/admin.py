from django.contrib import admin

from glossary_site.admin import PublishableAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    pass
