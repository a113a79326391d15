"""robots.txt: the public site is open, the admin and search results are not."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from glossary_site.content import languages
from glossary_site.content.origin import absolute


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        # The literal default path: a custom DJANGO_ADMIN_PATH is not advertised here.
        "Disallow: /admin/",
        *(f"Disallow: {_search_path(code)}" for code in languages.site_languages()),
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _search_path(code):
    """The search page's address in a language (its suggestions are under it)."""
    with translation.override(code):
        return reverse("search")
