"""The public read-only API of the glossary (issue 17): a term, a page of terms
(every term A–Z, a search ranked as the site's, or what changed since a time),
the OpenAPI description and the human page explaining it.

Published terms only, through the one published() queryset and the one
serializer (serializers.py). Answers are plain 200s without cookies, so the page
cache stores them and gives them an ETag and Last-Modified; CORS and the rate
limit are the core's (glossary_site/api/)."""

import json

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from glossary_site.api.responses import BadRequest, allowed_params, json_error, moment, page, page_number
from glossary_site.api.views import ApiView
from glossary_site.content import languages, seo
from glossary_site.content.paths import slug_prefix
from glossary_site.content.redirects import SlugRedirect
from glossary_site.search import results
from glossary_site.search.query import MAX_QUERY_CHARS
from glossary_site.serving.searchslots import search_slot

from . import openapi
from .api_languages import chosen_language, in_language, with_translations
from .models import Term, TermAlias
from .serializers import term_data


class TermView(ApiView):
    def get(self, request, slug):
        allowed_params(request, {"lang"})
        language = chosen_language(request)
        term = in_language(Term.objects.published().for_api(), language).filter(slug=slug).first()
        if term is not None:
            return self.respond(_data([term], language)[0], last_modified=term.updated_at)
        moved_to = _current_slug(slug, language)
        if moved_to is not None:
            address = reverse("api:term", kwargs={"slug": moved_to})
            query = urlencode({"lang": request.GET["lang"]}) if "lang" in request.GET else ""
            return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)
        return json_error(404, _not_found(request, slug, language))


def _current_slug(slug, language):
    """The slug of the published term in the language that an alias, an old slug or the
    slug of its source-language term stands for, or None."""
    published = in_language(Term.objects.published(), language)
    aliases = TermAlias.objects.filter(language=language, slug=slug, term__in=published)
    term = aliases.values_list("term__slug", flat=True)
    old = SlugRedirect.objects.filter(
        kind=Term._meta.model_name, language=language, old_slug=slug, object_id__isnull=False
    )
    moved = published.filter(pk__in=old.values("object_id")).values_list("slug", flat=True)
    found = term.first() or moved.first()
    if found is None and not languages.is_source(language):
        source = Term.objects.filter(language=languages.source_language(), slug=slug)
        translated = published.filter(translation_key__in=source.values("translation_key"))
        found = translated.values_list("slug", flat=True).first()
    return found


def _not_found(request, slug, language):
    if "lang" not in request.GET:
        return _("No published term has the slug %(slug)s.") % {"slug": repr(slug)}
    name = translation.get_language_info(language)["name_translated"]
    return _("No published term has the slug %(slug)s in %(language)s.") % {
        "slug": repr(slug),
        "language": name,
    }


def _data(terms, language):
    """term_data() of each term, its address in its language, with its translations
    when the site has more than one language."""
    if languages.is_multilingual():
        with_translations(terms)
    with translation.override(language):
        return [term_data(term) for term in terms]


class TermListView(ApiView):
    def get(self, request):
        allowed_params(request, {"q", "page", "updated_since", "lang"})
        language = chosen_language(request)
        number = page_number(request)
        query, since = request.GET.get("q", "").strip(), moment(request, "updated_since")
        if query and since is not None:
            raise BadRequest(_("Give q or updated_since, not both."))
        first = (number - 1) * settings.API_PAGE_SIZE
        last = first + settings.API_PAGE_SIZE
        if query:
            slugs = _search(query, language)
            count, shown = len(slugs), _in_order(slugs[first:last], language)
        else:
            terms = in_language(Term.objects.published(), language)
            if since is not None:
                terms = terms.filter(updated_at__gt=since).order_by("updated_at", "pk")
            count, shown = terms.count(), list(terms.for_api()[first:last])
        data = page(request, count, number, _data(shown, language))
        newest = max((term.updated_at for term in shown), default=None)
        return self.respond(data, last_modified=newest)


def _search(query, language):
    """Slugs of the terms the site's search finds, in its order (articles left out),
    searching as the pages of the language do."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadRequest(_("q is longer than %(most)s characters.") % {"most": MAX_QUERY_CHARS})
    with translation.override(language), search_slot():  # as the site's search pages take one
        prefix = slug_prefix("terms:detail")
        found = results.search(query, limit=settings.API_SEARCH_MAX_RESULTS)
    return [hit.url[len(prefix) :].rstrip("/") for hit in found if hit.url.startswith(prefix)]


def _in_order(slugs, language):
    published = in_language(Term.objects.published().for_api(), language)
    terms = {term.slug: term for term in published.filter(slug__in=slugs)}
    return [terms[slug] for slug in slugs if slug in terms]


class OpenApiView(ApiView):
    def get(self, request):
        allowed_params(request, ())
        return self.respond(openapi.document())


class ApiIndexView(seo.SeoMixin, TemplateView):
    """The human page: what the API offers, with a real term's JSON as the example."""

    template_name = "api/index.html"

    def get_context_data(self, **kwargs):
        example = Term.objects.published().for_api().order_by("sort_key").first()
        example_json = json.dumps(term_data(example), indent=2, ensure_ascii=False) if example else ""
        return super().get_context_data(
            api_url=seo.absolute(reverse("api:index")),
            example=example,
            example_json=example_json,
            page_size=settings.API_PAGE_SIZE,
            rate_limit=settings.API_RATE_LIMIT,
            rate_window=settings.API_RATE_WINDOW,
            **kwargs,
        )

    def get_meta(self, context):
        description = f"The {settings.SITE_NAME} glossary as JSON: every published term, search and changes."
        return seo.PageMeta(title=seo.title("Public API"), description=description, path=reverse("api:index"))
