"""The glossary's pages: the index with its letter bar, a letter, and a term."""

from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import Count, OuterRef
from django.db.models.functions import Now
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView, TemplateView

from glossary_site.content import alternates, queries, registry, scripts, seo
from glossary_site.content.views import ListsPageMixin, PublishedDetailMixin, PublishedMixin
from glossary_site.markup import images, mentions
from glossary_site.markup.markdown import rendered_parts
from glossary_site.serving import keys, reading

from .letters import letter_bar, letter_of_slug, letter_page_words
from .models import Term, TermAlias
from .seo import glossary_set_ld


def letter_counts(request, language):
    """{letter: number of published terms in the language}: a count over every term,
    so made once per change of the counters (it is on the index and on every letter
    page), for each language apart."""

    def count():
        terms = Term.objects.published().in_language(language).values_list("index_letter")
        return dict(terms.annotate(n=Count("id")).values_list("index_letter", "n"))

    return reading.remembered(request, f"letter-counts:{language}", count)


class TermIndexView(ListsPageMixin, seo.SeoMixin, PublishedMixin, TemplateView):
    """The letter bar and the first few terms of each letter: two queries, whatever
    the size of the glossary (no page ever lists every term)."""

    model = Term
    template_name = "terms/term_list.html"

    def get_context_data(self, **kwargs):
        language = self.language
        terms = self.get_queryset()
        counts = letter_counts(self.request, language)
        first = terms.first_of_each_letter(list(counts), settings.INDEX_TERMS_PER_LETTER).only(
            "title", "slug", "summary", "index_letter", "sort_key"
        )
        by_letter = {}
        for term in first:
            by_letter.setdefault(term.index_letter, []).append(term)
        letters = letter_bar(language, counts)
        for entry in letters:
            entry["terms"] = by_letter.get(entry["letter"], [])
        return super().get_context_data(letters=letters, total=sum(counts.values()), **kwargs)

    def get_meta(self, context):
        path = reverse("terms:index")
        description = gettext(
            "Every term in the glossary, A to Z: short, plain explanations of backend, web and fintech words."
        )
        meta = seo.list_meta(
            gettext("Glossary"), description, path, seo.breadcrumbs(Term), extra_ld=[glossary_set_ld()]
        )
        return alternates.add(meta, self.language, lambda: alternates.of_list(path))


class LetterView(ListsPageMixin, seo.SeoMixin, PublishedMixin, ListView):
    model = Term
    template_name = "terms/term_letter.html"
    paginate_by = 200

    def get_queryset(self):
        self.letter = letter_of_slug(self.kwargs["letter"])
        if self.letter is None:
            raise Http404("No such letter.")
        terms = super().get_queryset().filter(index_letter=self.letter)
        terms = terms.order_by("sort_key")
        return terms.only("title", "slug", "summary")

    def get_context_data(self, **kwargs):
        counts = letter_counts(self.request, self.language)
        bar = letter_bar(self.language, counts)
        kind = scripts.heading_kind(self.letter)
        return super().get_context_data(letter=self.letter, letter_kind=kind, letters=bar, **kwargs)

    def get_meta(self, context):
        path = self.request.path
        crumbs = seo.breadcrumbs(Term, (self.letter, path))
        page_title, description = letter_page_words(self.letter)
        return seo.list_meta(page_title, description, path, crumbs, context["page_obj"])


def _articles():
    """The articles, which mention terms: known through the registry (the apps import
    nothing of each other)."""
    return registry.get("article").model


@cache
def _term_page_lists(articles_shown):
    """Built once per process: building these subqueries cost more than running them.
    Both lists hold items of the term's own language only."""
    return {
        "related_rows": queries.rows_pointing_at(
            Term.objects.published(now=Now()).filter(language=OuterRef("language")),
            "related",
            "title",
            "slug",
            "sort_key",
            "language",
        ),
        # The newest few only: a much-used term may be mentioned by thousands.
        "mentioning_rows": queries.first_rows(
            # Two levels in (queries.first_rows): the term's row is the outer's outer.
            _articles()
            .objects.published(now=Now())
            .filter(language=OuterRef(OuterRef("language")))
            .order_by("-published_at"),
            "mentioned_terms",
            articles_shown,
            "id",  # the sidebar leaves these articles out
            "title",
            "slug",
            "published_at",
            "language",
        ),
    }


def _related_and_mentioning(term_id):
    """(kind, id) of every related term and mentioning article: one plain query, as
    the worker runs it for each of 100,000 pages."""
    related, mentions = (
        Term.related.through._meta.db_table,
        _articles().mentioned_terms.through._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 'term', to_term_id FROM {related} WHERE from_term_id = %s "
            f"UNION ALL SELECT 'article', article_id FROM {mentions} WHERE term_id = %s",
            [term_id, term_id],
        )
        return cursor.fetchall()


class TermDetailView(PublishedDetailMixin, DetailView):
    model = Term

    def get_queryset(self):
        # The related terms and the articles that mention this one come back as
        # JSON columns of the term's own row: one query for the whole entry.
        return super().get_queryset().annotate(**_term_page_lists(settings.MENTIONING_ARTICLES_SHOWN))

    def get_object(self, queryset=None):
        term = super().get_object(queryset)
        related = queries.instances(Term, term.related_rows, by="sort_key")
        # A few to browse on the page; all of them on their own page (RelatedTermsView).
        term.related_terms = related[: settings.RELATED_TERMS_SHOWN]
        term.related_more = len(related) - len(term.related_terms)
        term.mentioning_articles = queries.instances(
            _articles(), term.mentioning_rows, by="published_at", reverse=True
        )
        return term

    def render_body(self, item):
        html, item.reading_time, item.toc_html, _ = rendered_parts(item.body, item.language)
        item.body_html, _ = mentions.link(html, item.own_term_id(), item.own_names(), item.language)
        item.body_html = images.with_sources(item.body_html)

    def page_dependencies(self, term):
        # Every related term and mentioning article, shown or not yet public: one
        # that goes public later changes this page.
        shown = [keys.card(kind, pk) for kind, pk in _related_and_mentioning(term.pk)]
        return [*shown, *keys.versions_of(term)]

    def moved(self, request, slug):
        # Another name of a term: send the reader, and search engines, to the term.
        alias = TermAlias.objects.filter(
            language=self.language, slug=slug, term__in=Term.objects.published().in_language(self.language)
        )
        term = alias.values_list("term__slug", flat=True).first()
        if term is not None:
            return redirect("terms:detail", slug=term, permanent=True)
        # An address the term used to have: 301 to it now, or 410 Gone.
        return super().moved(request, slug)


class RelatedTermsView(ListsPageMixin, seo.SeoMixin, PublishedMixin, ListView):
    """Every related term of a term that has more than its page shows."""

    model = Term
    template_name = "terms/term_related.html"
    paginate_by = 200

    def get_queryset(self):
        terms = super().get_queryset()
        self.term = get_object_or_404(terms.only("title", "slug"), slug=self.kwargs["slug"])
        return terms.filter(related=self.term).order_by("sort_key").only("title", "slug", "summary")

    def get_context_data(self, **kwargs):
        return super().get_context_data(term=self.term, **kwargs)

    def get_meta(self, context):
        path = reverse("terms:related", kwargs={"slug": self.term.slug})
        crumbs = [
            *seo.breadcrumbs(Term, (self.term.title, self.term.get_absolute_url())),
            (gettext("Related terms"), path),
        ]
        names = {"title": self.term.title}
        description = gettext("Every glossary term related to %(title)s.") % names
        return seo.list_meta(
            gettext("Terms related to %(title)s") % names, description, path, crumbs, context["page_obj"]
        )
