"""The glossary app, and what it declares to the shared core (content.registry)."""

from django.apps import AppConfig
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = _("Glossary")

    def ready(self):
        """Declare terms to the shared core: bodies link their names (content.registry)."""
        from glossary_site.content import registry

        from .models import Term
        from .records import TermRecord
        from .seo import term_meta
        from .sitemaps import LettersSitemap, TermsSitemap

        glossary = registry.Kind(
            model=Term,
            url_name="terms:detail",
            index_url_name="terms:index",
            page_meta=term_meta,
            sitemaps={"letters": LettersSitemap, "terms": TermsSitemap},
            home=("latest_terms", _newest_terms),
            record=TermRecord(),
            mentions="mentioned_terms",
            link_target=True,
            other_names="aliases",
            link_rules=_link_rules,
            editor_key="glossary",
            prepare_review=_prepare_review,
        )
        registry.register(glossary)


def _newest_terms():
    from .models import Term

    terms = Term.objects.published().in_language(get_language()).order_by("-published_at")
    return terms.only("title", "slug", "summary", "language")[:6]


def _link_rules(terms):
    return terms.link_rules()


def _prepare_review(term):
    """A revision's page lists the public related terms the term has now, as its page does."""
    from django.conf import settings

    related = list(term.related.published().only("title", "slug").order_by("sort_key"))
    term.related_terms = related[: settings.RELATED_TERMS_SHOWN]
    term.related_more = len(related) - len(term.related_terms)
