"""The old name of serving/counters.py, kept until the callers outside serving
(content, markup, editorial/admin.py, articles/signals.py) import counters."""

from glossary_site.serving.counters import (  # noqa: F401
    CONTENT,
    changed,
    coalesced,
    content_changed,
    list_channel,
    reschedule,
)
