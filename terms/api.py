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
from django.views.generic import TemplateView

from glossary_site.api.responses import BadRequest, allowed_params, json_error, moment, page, page_number
from glossary_site.api.views import ApiView
from glossary_site.content import seo
from glossary_site.content.paths import slug_prefix
from glossary_site.content.redirects import SlugRedirect
from glossary_site.search import results
from glossary_site.search.query import MAX_QUERY_CHARS

from . import openapi
from .models import Term, TermAlias
from .serializers import term_data


class TermView(ApiView):
    def get(self, request, slug):
        allowed_params(request, ())
        term = Term.objects.published().for_api().filter(slug=slug).first()
        if term is not None:
            return self.respond(term_data(term), last_modified=term.updated_at)
        moved_to = _current_slug(slug)
        if moved_to is not None:
            return HttpResponsePermanentRedirect(reverse("api:term", kwargs={"slug": moved_to}))
        return json_error(404, f"No published term has the slug {slug!r}.")


def _current_slug(slug):
    """The slug of the published term an alias or an old slug stands for, or None."""
    published = Term.objects.published()
    term = TermAlias.objects.filter(slug=slug, term__in=published).values_list("term__slug", flat=True)
    old = SlugRedirect.objects.filter(kind=Term._meta.model_name, old_slug=slug, object_id__isnull=False)
    moved = published.filter(pk__in=old.values("object_id")).values_list("slug", flat=True)
    return term.first() or moved.first()


class TermListView(ApiView):
    def get(self, request):
        allowed_params(request, {"q", "page", "updated_since"})
        number = page_number(request)
        query, since = request.GET.get("q", "").strip(), moment(request, "updated_since")
        if query and since is not None:
            raise BadRequest("Give q or updated_since, not both.")
        first = (number - 1) * settings.API_PAGE_SIZE
        last = first + settings.API_PAGE_SIZE
        if query:
            slugs = _search(query)
            count, shown = len(slugs), _in_order(slugs[first:last])
        else:
            terms = Term.objects.published()
            if since is not None:
                terms = terms.filter(updated_at__gt=since).order_by("updated_at", "pk")
            count, shown = terms.count(), list(terms.for_api()[first:last])
        data = page(request, count, number, [term_data(term) for term in shown])
        newest = max((term.updated_at for term in shown), default=None)
        return self.respond(data, last_modified=newest)


def _search(query):
    """Slugs of the terms the site's search finds, in its order (articles left out)."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadRequest(f"q is longer than {MAX_QUERY_CHARS} characters.")
    prefix = slug_prefix("terms:detail")
    found = results.search(query, limit=settings.API_SEARCH_MAX_RESULTS)
    return [hit.url[len(prefix) :].rstrip("/") for hit in found if hit.url.startswith(prefix)]


def _in_order(slugs):
    terms = {term.slug: term for term in Term.objects.published().for_api().filter(slug__in=slugs)}
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
