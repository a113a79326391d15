"""Render every published page ahead, now, in this process (or queue it).

The background worker does this by itself after every change; this is for an
operator who wants all pages stored at once (after a restore, or to measure)."""

import argparse
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from glossary_site.serving import pages


class Command(BaseCommand):
    help = "Render every published page ahead of readers (stored pages)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Render every page again, not only stale ones."
        )
        parser.add_argument("--queue", action="store_true", help="Leave the work to the background worker.")
        parser.add_argument("--processes", type=int, default=1, help="Render in this many processes.")
        parser.add_argument("--part", type=int, default=0, help=argparse.SUPPRESS)

    def handle(self, *args, all=False, queue=False, processes=1, part=0, **options):
        if processes > 1 and part:
            pages.render_stale.call(part=part - 1, parts=processes)
            return
        added = pages.add_missing()
        if all:
            pages.mark_all_stale()
        if queue:
            pages.render_stale.enqueue()
            self.stdout.write(f"{added} new page row(s); rendering queued for the worker")
            return
        started, before = time.monotonic(), pages.stored_count()
        if processes > 1:
            # Each a share of the pages by item id, as separate processes (no shared
            # state but the database); the first failure fails the command.
            command = [sys.executable, *sys.argv[:2], "--processes", str(processes)]
            workers = [subprocess.Popen([*command, "--part", str(n + 1)]) for n in range(processes)]
            if any(worker.wait() for worker in workers):
                raise CommandError("a rendering process failed")
        else:
            pages.render_stale.call()
        done = pages.stored_count() - before
        self.stdout.write(
            f"rendered {done} page(s) in {time.monotonic() - started:.1f} s with {processes} process(es)"
        )
