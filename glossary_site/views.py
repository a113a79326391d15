from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from articles.models import Article
from glossary_site import search, seo
from terms.models import Term


class HomeView(seo.SeoMixin, TemplateView):
    template_name = "home.html"

    def get_meta(self, context):
        return seo.home_meta()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_terms"] = (
            Term.objects.published().order_by("-published_at").only("title", "slug", "summary")[:6]
        )
        context["latest_articles"] = Article.objects.published().only(
            "title", "slug", "summary", "published_at", "reading_time"
        )[:3]
        return context


def _query(request):
    return request.GET.get("q", "")[: search.MAX_QUERY_CHARS].strip()


class SearchView(seo.SeoMixin, TemplateView):
    template_name = "search.html"

    def get_meta(self, context):
        query = context["search_query"]
        page_title = f"Search: {query}" if query else "Search"
        description = f"Search the {settings.SITE_NAME} glossary and blog."
        meta = seo.PageMeta(title=seo.title(page_title), description=description, path=reverse("search"))
        meta.noindex = True  # result pages are for readers, not for search engines' indexes
        return meta

    def get_context_data(self, **kwargs):
        query = _query(self.request)
        number = _page_number(self.request)
        # One more than the page holds says whether a next page exists, without counting all.
        found = search.search(query, limit=number * search.RESULT_LIMIT + 1) if query else []
        first = (number - 1) * search.RESULT_LIMIT
        results = found[first : first + search.RESULT_LIMIT]
        suggestion = search.did_you_mean(query) if query and not found else None
        return super().get_context_data(
            search_query=query,
            results=results,
            suggestion=suggestion,
            first_number=first + 1,
            last_number=first + len(results),
            page_number=number,
            has_previous=number > 1,
            has_next=len(found) > first + search.RESULT_LIMIT and number < search.MAX_PAGES,
            past_the_end=bool(query and found and not results),
            **kwargs,
        )


def _page_number(request):
    """The results page asked for: 1 to search.MAX_PAGES; anything else is page 1."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= search.MAX_PAGES else 1


class SuggestView(View):
    """Term titles for the search box's suggestions, as JSON."""

    def get(self, request):
        return JsonResponse({"results": search.suggest(_query(request))})


def page_not_found(request, exception=None):
    """A 404 in the site's layout that helps the reader on: the search box filled
    with the words of the missing address, and terms with similar titles."""
    words = request.path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")[: search.MAX_QUERY_CHARS]
    context = {
        "missing_words": words,
        "similar_terms": search.similar_terms(words) if search.query_words(words) else [],
        "meta": seo.PageMeta(
            title=seo.title("Page not found"),
            description=settings.SITE_DESCRIPTION,
            path=request.path,
            noindex=True,
        ),
    }
    return render(request, "404.html", context, status=404)


def favicon(request):
    # The hashed name is known only once collectstatic has run, so look it up per request.
    return HttpResponsePermanentRedirect(static("favicon.svg"))
