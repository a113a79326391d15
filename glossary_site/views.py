from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView

from articles.models import Article
from glossary_site import search
from terms.models import Term


class HomeView(TemplateView):
    template_name = "home.html"

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


class SearchView(TemplateView):
    template_name = "search.html"

    def get_context_data(self, **kwargs):
        query = _query(self.request)
        results = search.search(query) if query else []
        suggestion = search.did_you_mean(query) if query and not results else None
        return super().get_context_data(
            search_query=query, results=results, suggestion=suggestion, limit=search.RESULT_LIMIT, **kwargs
        )


class SuggestView(View):
    """Term titles for the search box's suggestions, as JSON."""

    def get(self, request):
        return JsonResponse({"results": search.suggest(_query(request))})
