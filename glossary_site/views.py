"""The site's own pages: home, search, search suggestions, 404 and the favicon."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext, pgettext
from django.views import View
from django.views.generic import TemplateView

from glossary_site.content import alternates, languages, registry, seo
from glossary_site.content.views import ListsPageMixin
from glossary_site.search import demand, query, results, suggestions
from glossary_site.search.models import ReaderDemand
from glossary_site.serving.searchslots import search_slot


class HomeView(ListsPageMixin, seo.SeoMixin, TemplateView):
    template_name = "home.html"

    def get_meta(self, context):
        home = reverse("home")
        return alternates.add(seo.home_meta(home), get_language(), lambda: alternates.of_list(home))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for kind in registry.kinds():
            if kind.home:
                name, newest = kind.home
                context[name] = newest()
        return context


def _query(request):
    return request.GET.get("q", "")[: query.MAX_QUERY_CHARS].strip()


class SearchView(seo.SeoMixin, TemplateView):
    template_name = "search.html"

    def get_meta(self, context):
        text = context["search_query"]
        page_title = (
            gettext("Search: %(query)s") % {"query": text} if text else pgettext("page title", "Search")
        )
        description = gettext("Search the %(site)s glossary and blog.") % {"site": settings.SITE_NAME}
        meta = seo.PageMeta(title=seo.title(page_title), description=description, path=reverse("search"))
        meta.noindex = True  # result pages are for readers, not for search engines' indexes
        return meta

    def get_context_data(self, **kwargs):
        text = _query(self.request)
        number = _page_number(self.request)
        per_page = results.RESULT_LIMIT
        # One more than the page holds says whether a next page exists, without counting all.
        limit, literal = number * per_page + 1, bool(self.request.GET.get("literal"))
        language = query.language(translation.get_language())
        with search_slot():  # SearchBusy (503) when the site has no slot free: serving/searchslots.py
            found, suggestion, shown_for = suggestions.corrected(text, limit, literal, language)
            first = (number - 1) * per_page
            shown = found[first : first + per_page]
            self._count_demand(text, bool(found) and shown_for is None, language)
            more = len(found) > first + per_page
            # Counted only when this page does not end the results: else its last number is the total.
            total = results.total(shown_for or text, len(found), language) if more else first + len(shown)
        return super().get_context_data(
            search_query=text,
            query_cut=len(self.request.GET.get("q", "").strip()) > query.MAX_QUERY_CHARS,
            query_limit=query.MAX_QUERY_CHARS,
            results=shown,
            suggestion=suggestion,
            shown_for=shown_for,
            literal=literal,
            first_number=first + 1,
            last_number=first + len(shown),
            page_number=number,
            has_previous=number > 1,
            has_next=more and number < results.MAX_PAGES,
            total=total,
            total_is_floor=total >= results.COUNT_AT_MOST,
            past_the_end=bool(text and found and not shown),
            **kwargs,
        )

    def _count_demand(self, text, found_something, language):
        """Reader demand (search/demand.py): counted from the query as sent, so one over
        the length limit is left out rather than cut. A query shown the results of its
        "did you mean" found nothing itself, and counts so."""
        if text and not found_something:
            demand.count(self.request, self.request.GET.get("q", ""), ReaderDemand.Kind.NOTHING)
        followed_from = self.request.GET.get("from", "")
        if followed_from and text:
            demand.count_followed(self.request, followed_from, text, language)


def _page_number(request):
    """The results page asked for: 1 to results.MAX_PAGES; anything else is page 1."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= results.MAX_PAGES else 1


class SuggestView(View):
    """Term titles for the search box's suggestions, as JSON."""

    def get(self, request):
        language = query.language(translation.get_language())
        with search_slot():
            return JsonResponse({"results": suggestions.suggest(_query(request), language=language)})


def page_not_found(request, exception=None):
    """A 404 in the site's layout that helps the reader on: the search box filled
    with the words of the missing address, and terms with similar titles."""
    words = request.path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")[: query.MAX_QUERY_CHARS]
    context = {
        "missing_words": words,
        "similar_terms": _similar_terms(words, get_language()) if query.query_words(words) else [],
        "meta": seo.PageMeta(
            title=seo.title(gettext("Page not found")),
            description=settings.SITE_DESCRIPTION,
            path=request.path,
            noindex=True,
        ),
    }
    return render(request, "404.html", context, status=404)


def _similar_terms(words, language):
    """Terms whose titles look like the missing address's words, in the page's
    language only: a German 404 links no English term under /de/."""
    similar = suggestions.similar_terms(words)
    if not languages.is_multilingual():
        return similar
    return [term for term in similar if term.language == language]


def favicon(request):
    # The hashed name is known only once collectstatic has run, so look it up per request.
    return HttpResponsePermanentRedirect(static("favicon.svg"))
