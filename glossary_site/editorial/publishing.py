"""Publishing as editors see it: the state of an item (Draft, Scheduled for …,
Published) and the dates they read. The admin's filter by it and the field the
Schedule action reads are in editorial/publishing_admin.py.

"Scheduled" is not a status of its own: it is a published item whose publish time
is still ahead. published() shows it by itself when that time comes."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

DRAFT, SCHEDULED, PUBLISHED = "draft", "scheduled", "published"


def state_of(item, now=None):
    if item.status != item.Status.PUBLISHED:
        return DRAFT
    return SCHEDULED if item.published_at > (now or timezone.now()) else PUBLISHED


WHEN_FORMAT = "j M Y, H:i T"  # 6 Dec 2026, 14:00 UTC: the zone named, as editors may be elsewhere


def when(moment):
    """A date and time as editors read it, in the site's time zone, which it names:
    the one format of every time the admin's editing screens show."""
    return date_format(timezone.localtime(moment), WHEN_FORMAT)


def state_label(item):
    state = state_of(item)
    if state == SCHEDULED:
        return f"Scheduled for {when(item.published_at)}"
    return {DRAFT: "Draft", PUBLISHED: "Published"}[state]


def state_badge(item):
    """The state as a word in a small badge; the colour only repeats what the word says."""
    return format_html('<span class="status-badge status-{}">{}</span>', state_of(item), state_label(item))
