from itertools import groupby

from django.views.generic import DetailView, ListView

from .models import Term


class PublishedTermMixin:
    """Every public term view starts from the one published() queryset."""

    def get_queryset(self):
        return Term.objects.published()


class TermIndexView(PublishedTermMixin, ListView):
    template_name = "terms/term_list.html"

    def get_queryset(self):
        return super().get_queryset().only("title", "slug", "summary")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["letters"] = [
            (letter, list(terms))
            for letter, terms in groupby(context["object_list"], key=lambda term: term.letter)
        ]
        return context


class TermDetailView(PublishedTermMixin, DetailView):
    pass
