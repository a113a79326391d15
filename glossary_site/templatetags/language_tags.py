"""The language switcher of an item's page (issue 28): links to its published
translations, each in its own language's name; nothing on a site of one language."""

from django import template

from glossary_site.content import alternates, languages

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html")
def language_switcher(item):
    if not languages.is_multilingual() or item is None or not getattr(item, "translation_key", None):
        return {"shown": False}
    order = languages.site_languages()
    others = [
        {"code": code, "name": languages.native_name(code), "url": path}
        for code, path in alternates.of_item(item).items()
        if code != item.language and code in order
    ]
    others.sort(key=lambda version: order.index(version["code"]))
    return {"shown": True, "translations": others}
