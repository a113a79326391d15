"""Render every published page ahead, now, in this process (or queue it).

The background worker does this by itself after every change; this is for an
operator who wants all pages stored at once (after a restore, or to measure)."""

import time

from django.core.management.base import BaseCommand

from glossary_site.serving import pages


class Command(BaseCommand):
    help = "Render every published page ahead of readers (stored pages)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Render every page again, not only stale ones."
        )
        parser.add_argument("--queue", action="store_true", help="Leave the work to the background worker.")

    def handle(self, *args, all=False, queue=False, **options):
        added = pages.add_missing()
        if all:
            pages.mark_all_stale()
        if queue:
            pages.render_stale.enqueue()
            self.stdout.write(f"{added} new page row(s); rendering queued for the worker")
            return
        started, before = time.monotonic(), pages.renders["count"]
        pages.render_stale.call()
        done = pages.renders["count"] - before
        self.stdout.write(f"rendered {done} page(s) in {time.monotonic() - started:.1f} s")
