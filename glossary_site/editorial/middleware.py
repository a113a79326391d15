"""Scheduled changes that are due go public on the first request after their time,
whoever makes it.

The page cache's lookup (serving/pages.py) announces them, but it looks only at
requests it may serve from the cache: anonymous GETs. A staff request (a session
cookie, the admin) passed by, so an editor could see a live page's old version,
and the list's "change scheduled for" a time already past, until a reader came.
This middleware, after authentication, does the same check for the staff requests
the page cache did not look at: one small query, and the change saved when due.
The background worker does it too, at the time (scheduling.make_due_changes_public)."""

from django.apps import apps
from django.utils import timezone

from glossary_site.serving import versions


def announce_if_due():
    """What the page cache's lookup does when the next timed change is due: make it
    public (versions.announce_due claims it, so of several callers one does it)."""
    counters = apps.get_model("glossary_site", "ContentVersion").objects
    next_at = counters.filter(key=versions.CONTENT).values_list("next_change_at", flat=True).first()
    if next_at is not None and next_at <= timezone.now():
        versions.announce_due(next_at)


class DueChangesForStaffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        looked = hasattr(request, "page_snapshot")  # the page cache announced what was due
        if not looked and request.user.is_active and request.user.is_staff:
            announce_if_due()
        return self.get_response(request)
