"""Tags for parts of the page shell that change for reasons of their own."""

from django import template
from django.utils import timezone

from glossary_site.serving import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def current_year(context):
    """The year in the footer: a fragment, so a page rendered ahead in December
    still shows the right year in January without being rendered again."""
    return fragments.slot(context.get("request"), "year")


YEAR = fragments.Fragment(
    name="year", render=lambda prepared, argument: str(timezone.localtime().year), by_year=True
)
