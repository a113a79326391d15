"""The models of the shared core, defined in its subpackages and gathered here,
where Django looks for an app's models (the app label stays `glossary_site`)."""

from glossary_site.content.redirects import SlugRedirect
from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial.models import ReviewLink
from glossary_site.exchange.models import ContentImport
from glossary_site.markup.models import RelinkRequest, ResponsiveImage, TermChange
from glossary_site.search.models import ReaderDemand, SearchDocument, SearchWord
from glossary_site.serving.models import Counter, PageChange, PageDependency, StoredPage

__all__ = [
    "ContentImport",
    "Counter",
    "PageChange",
    "PageDependency",
    "ReaderDemand",
    "RelinkRequest",
    "ReviewLink",
    "ScheduledChange",
    "ResponsiveImage",
    "SearchDocument",
    "SearchWord",
    "SlugRedirect",
    "StoredPage",
    "TermChange",
]
