"""Search's results pages kept whole, answered before the rest of the site's
middleware (issue 29: a repeated search costs about what a stored page costs).

A page is kept for requests with no cookie at all (what it shows then depends on
the address alone) under the address as sent, the language, the year (the footer
shows it) and the content version (content_version()), so a change is never
followed by a page from before it. The search view keeps it (views.SearchView);
KeptSearchPageMiddleware, placed right after search's guard (which has counted the
request against the client's limit), hands it out: no session, CSRF, authentication
or message middleware, no URL resolving, no search slot. Reader demand is counted
as the view counts it."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from glossary_site.search import demand, kept, query, results
from glossary_site.search.models import ReaderDemand
from glossary_site.serving import builds, counters, middleware, pagecache, searchguard, searchslots

RESULTS_PATH = "/search/"


def typed_query(request):
    """The reader's query, cut to the length search reads."""
    return request.GET.get("q", "")[: query.MAX_QUERY_CHARS].strip()


def content_version(request, text):
    """The version of the content search answers are kept for, or None to keep none.

    The content counter every change raises, read before the search runs (through
    the page cache's lookup, which asks the database again only after something
    changed): an answer computed after a change is kept under the new number, never
    one from before under it. While a timed change is due the counters say nothing
    of it, so nothing is kept; a query with no word to look for costs nothing and is
    not worth the read."""
    if not hasattr(request, "search_version"):  # read once a request, here or in the view
        request.search_version = _version(request, text)
    return request.search_version


def _version(request, text):
    if not query.query_words(text):
        return None
    snapshot, _ = pagecache.lookup(request.path)
    if snapshot.due():
        return None
    return (snapshot.numbers_of(counters.CONTENT), builds.current())


def page_number(request):
    """The results page asked for: 1 to results.MAX_PAGES; anything else is page 1."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= results.MAX_PAGES else 1


@dataclass(frozen=True)
class Asked:
    """A results page asked for, read from the request once."""

    text: str  # as typed, cut to the length search reads
    searched: str  # as search reads it (kept.normalised)
    number: int  # the page
    literal: bool
    language: str  # search's language for the page's (query.language)


def asked(request):
    text = typed_query(request)
    literal = bool(request.GET.get("literal"))
    return Asked(text, kept.normalised(text), page_number(request), literal, query.language(get_language()))


def answer_kept_under(asked, version):
    """Where the answer to a search asked is kept (search/kept.py), or None: under the
    query as search reads it, so that queries differing only in case or spacing
    share one."""
    parts = (asked.searched, get_language(), asked.language, asked.number, asked.literal)
    return kept.key("results", version, *parts)


def page_kept_under(request, version):
    """Where a results page is kept, or None: for GET requests with no cookie."""
    if request.COOKIES or request.method != "GET":
        return None
    year = timezone.localdate().year
    return kept.key("page", version, request.get_full_path(), get_language(), year)


def count_demand(request, text, found_something, language):
    """Reader demand (search/demand.py): counted from the query as sent, so one over
    the length limit is left out rather than cut. A query shown the results of its
    "did you mean" found nothing itself, and counts so."""
    if text and not found_something:
        demand.count(request, request.GET.get("q", ""), ReaderDemand.Kind.NOTHING)
    followed_from = request.GET.get("from", "")
    if followed_from and text:
        demand.count_followed(request, followed_from, text, language)


def keep_page(where, response, found_something):
    """Keep a rendered results page under `where` (None: keep nothing), with the
    headers the middleware after the view would have added."""
    kept.keep(where, (response.content, found_something, response["ETag"]))


class KeptSearchPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Type": "text/html; charset=utf-8",
            "X-Frame-Options": settings.X_FRAME_OPTIONS,
            "Vary": "Cookie",
        }

    def __call__(self, request):
        if request.method != "GET" or request.COOKIES:
            return self.get_response(request)
        if middleware.without_language(request.path_info) != RESULTS_PATH:
            return self.get_response(request)
        text = typed_query(request)
        where = page_kept_under(request, content_version(request, text))
        held = pagecache.kept(where) if where is not None else None
        if held is None:
            return self._searched(request)
        content, found_something, etag = held
        count_demand(request, text, found_something, query.language(get_language()))
        response = HttpResponse(content, headers={**self.headers, "ETag": etag})
        response["Content-Length"] = str(len(content))
        return get_conditional_response(request, etag=etag, response=response)

    def _searched(self, request):
        # A search to run while the node's slots are all held or resting is refused
        # here, at a fraction of the cost of the stack after (issue 29: pages keep
        # their share under a flood of searches). One whose answer is kept goes on:
        # the view gives it without a slot.
        if not searchslots.may_search():
            version = content_version(request, typed_query(request))
            if kept.read(answer_kept_under(asked(request), version)) is None:
                return searchguard.refusal(request, 503, searchguard.BUSY_RETRY_SECONDS)
        return self.get_response(request)
