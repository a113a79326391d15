"""CPU profiles and query counts of the write path, on a database built once and copied.

    .venv/bin/python bench/profile_writes.py prepare --terms 100000 --database /tmp/w100k.db
    .venv/bin/python bench/profile_writes.py saves --database /tmp/w100k.db [--profile saves.prof]
    .venv/bin/python bench/profile_writes.py relink --database /tmp/w100k.db [--profile relink.prof]
    .venv/bin/python bench/profile_writes.py to-do --database /tmp/w100k.db

`prepare` builds what `bench/writes.py saves` builds (N generated terms, one term
whose name 10,000 bodies link, or a tenth of the terms below 100,000, every page
rendered ahead) and keeps it. `saves` and `relink` work on a copy of it, so every
run starts from the same rows.

`saves`: 21 body edits of one term through the model (`save()`) and 21 through the
admin's change view (Django's test client, posting the form as a browser does), after
one of each not counted (it builds the process's term matcher): wall and CPU time
(`time.process_time`) p50 and p90, and the queries of one save of each (the admin's
GET included). `relink`: renames the much-mentioned term through the model, then runs what the worker runs at its start (`run_worker`'s start-up pass)
and the relink task in this process: wall and CPU time of each, and the queries.
`to-do`: marks 100 stored pages stale, then times the worker's to-do list
(`pages.to_do()`) and the `stale OR build != current` it replaced, twice each, with
SQLite's plan of a chunk's query.
With `--profile FILE`, cProfile's statistics (CPU time) of the timed part go to FILE (read them
with `python -m pstats FILE`) and the top of them is printed.
"""

import argparse
import atexit
import cProfile
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
FORM_ENCODED = "application/x-www-form-urlencoded"
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


@contextmanager
def measured(label, profile=None):
    """Print the wall and CPU time and the number of queries of the block."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile(time.process_time) if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        if profiler:
            profiler.enable()
        yield queries
        if profiler:
            profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label}: wall {wall:.2f} s, CPU {cpu:.2f} s, {len(queries)} queries", flush=True)
    if profiler:
        profiler.dump_stats(profile)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


def prepare(terms, database):
    import saves

    saves._setup(database)
    from content import build
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from writes import manage

    from glossary_site.markup.models import RelinkRequest

    call_command("migrate", verbosity=0)
    build(terms, articles=10, log=lambda message: None)
    saves._mention_target(min(10_000, terms // 10))
    RelinkRequest.objects.all().delete()
    print(manage(saves._worker_env(), "render_pages", "--processes", "2").stdout.strip())
    get_user_model().objects.create_superuser("bench", "bench@example.com", "bench")


def _copy(database):
    copy = Path(tempfile.mkdtemp(prefix="profile-writes-")) / "site.db"
    atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)  # 2.5 GB at 100,000 terms
    shutil.copyfile(database, copy)
    return copy


def _times(label, runs):
    walls, cpus = zip(*runs, strict=True)

    def ms(values, q):
        return statistics.quantiles(values, n=10)[-1] * 1000 if q == 90 else statistics.median(values) * 1000

    print(
        f"{label}: p50 wall {ms(walls, 50):.1f} ms, CPU {ms(cpus, 50):.1f} ms; "
        f"p90 wall {ms(walls, 90):.1f} ms, CPU {ms(cpus, 90):.1f} ms",
        flush=True,
    )


def _timed(function, profiler=None):
    """Wall and CPU time of function(); profiled, if a profiler is given, alone."""
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    function()
    if profiler:
        profiler.disable()
    return time.perf_counter() - wall, time.process_time() - cpu


def saves_profile(database, profile=None):
    import saves

    saves._setup(_copy(database))
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from terms.models import Term

    edited = Term.objects.exclude(title=saves.TARGET).order_by("-pk").first()
    terms = Term.objects.count()

    # CPU time, not wall: on a shared machine, waiting for a core is not the code's cost.
    profiler = cProfile.Profile(time.process_time) if profile else None

    def model_save(n, profiled=False):
        term = Term.objects.get(pk=edited.pk)
        term.body += f"\n\nModel edit {n}."
        return _timed(term.save, profiled and profiler)

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))

    def admin_save(n, profiled=False):
        body = Term.objects.get(pk=edited.pk).body
        url = f"/admin/terms/term/{edited.pk}/change/"
        data = saves._form_data(client.get(url).content)
        data["body"] = body + f"\n\nAdmin edit {n}."
        timing = {}

        # As a browser sends it: the change form has no file field, so no multipart.
        encoded = urlencode(data, doseq=True)

        def post():
            timing["status"] = client.post(url, encoded, content_type=FORM_ENCODED).status_code

        result = _timed(post, profiled and profiler)
        assert timing["status"] == 302, timing
        return result

    model_save(-1), admin_save(-1)  # the first save in a process builds the matcher
    with CaptureQueriesContext(connection) as queries:
        model_save(-2)
    print(f"{terms:,} terms: one body edit through the model: {len(queries)} queries")
    for query in queries:
        print("   ", query["sql"][:160])
    with CaptureQueriesContext(connection) as queries:
        admin_save(-3)
    print(f"{terms:,} terms: one body edit through the admin (GET and POST): {len(queries)} queries")
    for query in queries:
        print("   ", query["sql"][:160])
    model, admin = [], []
    for n in range(21):
        # Only the timed parts are profiled: the save, the POST (not the GET before it).
        model.append(model_save(n, profiled=True))
        admin.append(admin_save(n, profiled=True))
    _times(f"{terms:,} terms: body edit through the model (save())", model)
    _times(f"{terms:,} terms: body edit through the admin (the POST)", admin)
    if profiler:
        profiler.dump_stats(profile)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


def relink_profile(database, profile=None):
    import saves

    saves._setup(_copy(database))
    from glossary_site.markup import mentions, relinking
    from glossary_site.serving import pages
    from terms.models import Term

    target = Term.objects.get(title=saves.TARGET)
    target.title = "Quokka journal"
    with measured("the rename, through the model"):
        target.save()
    with measured("the worker's start-up pass (add_missing)", profile and f"{profile}.startup"):
        added = pages.add_missing()
    print(f"  {added} page rows added")
    with measured("the matcher's build"):
        mentions.matcher()
    with measured("relink_all: every pending relink request", profile) as queries:
        done = relinking.relink_all("bench")
    print(f"  {done:,} bodies relinked; {pages.to_do().count():,} stored pages to render again")
    kinds = {}
    for query in queries:
        head = query["sql"].split(" WHERE ")[0][:90]
        kinds[head] = kinds.get(head, 0) + 1
    for head, count in sorted(kinds.items(), key=lambda pair: -pair[1])[:12]:
        print(f"  {count:6} x {head}")


def to_do_profile(database):
    import saves

    saves._setup(_copy(database))
    from django.db.models import Q

    from glossary_site.serving import builds, pages
    from glossary_site.serving.models import StoredPage

    # Asked as the build that rendered the stored pages asks (this checkout's differs).
    rendered_by = StoredPage.objects.values_list("build", flat=True).first()
    builds.current = lambda: rendered_by
    marked = StoredPage.objects.values_list("path", flat=True)[:100]
    StoredPage.objects.filter(path__in=list(marked)).update(stale=True)
    lists = {
        "stale OR build != current": StoredPage.objects.filter(Q(stale=True) | ~Q(build=rendered_by)),
        "pages.to_do()": pages.to_do(),
    }
    for label, rows in lists.items():
        chunk = rows.exclude(path__in=["/skipped/"]).values_list("path", "generation", "kind", "object_id")
        print(f"{label}: {chunk.explain()}".replace("\n", " | "))
        for _ in range(2):
            count = _timed(rows.count)
            first = _timed(lambda chunk=chunk: list(chunk[:50]))
            print(
                f"  count(): wall {count[0] * 1000:.1f} ms, CPU {count[1] * 1000:.1f} ms; "
                f"a chunk of 50: wall {first[0] * 1000:.1f} ms, CPU {first[1] * 1000:.1f} ms",
                flush=True,
            )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["prepare", "saves", "relink", "to-do"])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--profile", help="write cProfile statistics to this file")
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.what == "prepare":
        prepare(args.terms, args.database)
    elif args.what == "saves":
        saves_profile(args.database, args.profile)
    elif args.what == "to-do":
        to_do_profile(args.database)
    else:
        relink_profile(args.database, args.profile)


if __name__ == "__main__":
    main()
