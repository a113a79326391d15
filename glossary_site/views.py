from django.views.generic import TemplateView

from articles.models import Article
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
