"""Hovercards other sites embed (issue 17): the script at its stable address,
/embed/glossary.js, and the demo page at /embed/ with the snippet to copy.

The script (embed/glossary.js) is served as it is written, with the addresses it
needs filled in once per process: where term pages and the API live, and the
site's public origin (content.origin), whose links it recognises beside its own origin.
With more than one site language, also where each language's term pages live: the
card is in the embedding page's language (the script tag's data-lang, else the
page's <html lang>) when the term has a published translation into it, else in the
source language."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.generic import TemplateView

from glossary_site.content import languages, origin, seo
from glossary_site.content.paths import slug_prefix

from .models import Term

SCRIPT = Path(__file__).resolve().parent / "embed" / "glossary.js"
SAMPLE_TERMS = 6
MARK = "slug-mark"


@cache
def _script(terms, api, origin, by_language):
    config = {"terms": terms, "api": api, "origins": [origin]}
    if by_language:
        config["languages"] = dict(by_language)  # source first: the script reads it so
    return SCRIPT.read_text(encoding="utf-8").replace("__GLOSSARY_CONFIG__", json.dumps(config))


def _term_prefixes():
    """((language, where its term pages start), ...), source first; () with one language."""
    if not languages.is_multilingual():
        return ()
    prefixes = []
    for code in languages.site_languages():
        with translation.override(code):
            # reverse() itself: it gives the language's prefix (/de/), a cached address may not.
            prefixes.append((code, reverse("terms:detail", kwargs={"slug": MARK}).split(MARK)[0]))
    return tuple(prefixes)


def script(request):
    text = _script(
        slug_prefix("terms:detail"), slug_prefix("api:term"), origin.site_origin(), _term_prefixes()
    )
    # Any site may load it, with crossorigin="anonymous" too: the CORS header is the
    # API middleware's (settings.CORS_PREFIXES), so cached copies carry it as well.
    return HttpResponse(text, content_type="text/javascript; charset=utf-8")


class DemoView(seo.SeoMixin, TemplateView):
    """The hovercards on sample text, and the one tag a site adds to get them."""

    template_name = "terms/embed_demo.html"

    def get_context_data(self, **kwargs):
        sample = Term.objects.published().order_by("sort_key").only("title", "slug")[:SAMPLE_TERMS]
        return super().get_context_data(
            sample_terms=list(sample),
            script_url=seo.absolute(reverse("embed:script")),
            terms_url=seo.absolute(slug_prefix("terms:detail")),
            **kwargs,
        )

    def get_meta(self, context):
        description = gettext("Show %(site)s glossary definitions on your own site with one script tag.") % {
            "site": settings.SITE_NAME
        }
        return seo.PageMeta(
            title=seo.title(gettext("Glossary hovercards for your site")),
            description=description,
            path=reverse("embed:demo"),
        )
