"""Reader demand, without tracking readers: searches that found nothing, and "did
you mean" suggestions readers followed, counted per folded query and day.

Nothing about the reader is stored (ReaderDemand has no field for it); requests
from bots, HEAD requests and queries over MAX_CHARS are not counted at all, and
counts older than KEEP_DAYS are deleted. The admin index shows the sums."""

import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from glossary_site.content.text import fold
from glossary_site.search.models import ReaderDemand

MAX_CHARS = 100
KEEP_DAYS = 90
SHOWN = 20
# Crawlers, monitors and scripts: what they "look for" says nothing about readers.
_BOT = re.compile(
    r"bot|crawl|spider|slurp|fetch|monitor|curl|wget|python|java/|go-http|headless|lighthouse", re.I
)

_last_purge = None


def normalised(text):
    """One key for "Rate  Limiting", "rate limiting" and "Räte limiting"."""
    return " ".join(fold(text).split())


def countable(request, raw):
    return (
        request.method == "GET"
        and 0 < len(raw.strip()) <= MAX_CHARS
        and not _BOT.search(request.headers.get("User-Agent", "") or "bot")  # no agent: a script
    )


def count(request, raw, kind):
    """Count one search of `raw` (as the reader typed it) that found nothing, or whose
    "did you mean" they followed. Never raises: counting must not break a search."""
    if not countable(request, raw):
        return
    query, day = normalised(raw), timezone.localdate()
    try:
        with transaction.atomic():
            rows = ReaderDemand.objects.filter(query=query, day=day, kind=kind)
            if not rows.update(count=F("count") + 1):
                ReaderDemand.objects.create(query=query, day=day, kind=kind, count=1)
    except IntegrityError:  # another request created it first
        ReaderDemand.objects.filter(query=query, day=day, kind=kind).update(count=F("count") + 1)
    _purge_daily(day)


def _purge_daily(today):
    global _last_purge
    if _last_purge != today:
        _last_purge = today
        expire()


def expire(today=None):
    """Delete counts older than KEEP_DAYS."""
    today = today or timezone.localdate()
    ReaderDemand.objects.filter(day__lt=today - timedelta(days=KEEP_DAYS)).delete()


def top(limit=SHOWN):
    """[{query, nothing, followed}] of the last KEEP_DAYS days, most wanted first."""
    since = timezone.localdate() - timedelta(days=KEEP_DAYS)
    rows = (
        ReaderDemand.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            nothing=Sum("count", filter=Q(kind=ReaderDemand.Kind.NOTHING), default=0),
            followed=Sum("count", filter=Q(kind=ReaderDemand.Kind.FOLLOWED), default=0),
        )
        .order_by("-nothing", "-followed", "query")
    )
    return list(rows[:limit])
