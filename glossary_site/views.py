"""The site's own pages: home, search, search suggestions, 404 and the favicon."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import set_response_etag
from django.utils.translation import get_language, gettext, pgettext
from django.views import View
from django.views.generic import TemplateView

from glossary_site import search_pages
from glossary_site.content import alternates, languages, registry, seo
from glossary_site.content.views import ListsPageMixin
from glossary_site.search import kept, query, results, suggestions
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


class SearchView(seo.SeoMixin, TemplateView):
    """Results of a search. Its answer is kept (search/kept.py) under the query as
    search reads it, and for readers without cookies its page too, under the
    address as sent (the page shows the query as typed), which
    search_pages.KeptSearchPageMiddleware hands out: either is read after the
    content counter, so neither outlives a change. Reader demand is counted on
    every request, whichever way it was answered."""

    template_name = "search.html"

    def get(self, request, *args, **kwargs):
        self.version = search_pages.content_version(request, search_pages.typed_query(request))
        response = super().get(request, *args, **kwargs).render()
        # A page that asked for a CSRF token carries one reader's token: never kept.
        if not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            set_response_etag(response)
            where = search_pages.page_kept_under(request, self.version)
            search_pages.keep_page(where, response, self.found_something)
        return response

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
        asked = search_pages.asked(self.request)
        text, number, literal, language = asked.text, asked.number, asked.literal, asked.language
        where = search_pages.answer_kept_under(asked, self.version)
        page = kept.read(where)
        if page is None:
            with search_slot():  # SearchBusy (503) when no slot is free: serving/searchslots.py
                page = self.search(asked.searched, number, literal, language)
            kept.keep(where, page)
        self.found_something = page.found_any and page.shown_for is None
        self._count_demand(text, self.found_something, language)
        first = (number - 1) * results.RESULT_LIMIT
        return super().get_context_data(
            search_query=text,
            query_cut=len(self.request.GET.get("q", "").strip()) > query.MAX_QUERY_CHARS,
            query_limit=query.MAX_QUERY_CHARS,
            results=page.results,
            suggestion=page.suggestion,
            shown_for=page.shown_for,
            literal=literal,
            first_number=first + 1,
            last_number=first + len(page.results),
            page_number=number,
            has_previous=number > 1,
            has_next=page.more and number < results.MAX_PAGES,
            total=page.total,
            total_is_floor=page.total >= results.COUNT_AT_MOST,
            past_the_end=bool(text and page.found_any and not page.results),
            **kwargs,
        )

    def search(self, text, number, literal, language):
        """The search itself, when its answer was not kept: all a search costs."""
        return kept.results_page(text, number, literal, language)

    def _count_demand(self, text, found_something, language):
        search_pages.count_demand(self.request, text, found_something, language)


class SuggestView(View):
    """Term titles for the search box's suggestions, as JSON, kept as search
    answers are (search/kept.py)."""

    def get(self, request):
        language = query.language(get_language())
        typed = kept.normalised(search_pages.typed_query(request))
        where = kept.key(
            "suggest", search_pages.content_version(request, typed), typed, get_language(), language
        )
        found = kept.read(where)
        if found is None:
            with search_slot():
                found = self.suggest(typed, language)
            kept.keep(where, found)
        return JsonResponse({"results": found})

    def suggest(self, typed, language):
        """The suggestions themselves, when they were not kept."""
        return suggestions.suggest(typed, language=language)


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
