"""The <head> metadata of every page, from the view's PageMeta or a plain default."""

from django import template
from django.conf import settings

from glossary_site.content.seo import PageMeta, json_ld

register = template.Library()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context):
    meta = context.get("meta")
    if meta is None:
        request = context.get("request")
        meta = PageMeta(
            title=settings.SITE_NAME,
            description=settings.SITE_DESCRIPTION,
            path=request.path if request else "/",
            noindex=bool(context.get("noindex")),
        )
    return {"meta": meta, "SITE_NAME": settings.SITE_NAME}


register.filter("json_ld", json_ld)
