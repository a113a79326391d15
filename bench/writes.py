"""Benchmarks of the write path: importing a glossary, and editors' saves at size.

    .venv/bin/python bench/writes.py import --terms 1000 10000 100000
    .venv/bin/python bench/writes.py saves --terms 100000 --mentions 10000

`import` writes an export folder of N generated terms (about 350 words each, 3
mentions of other terms, some aliases and related terms), imports it into an empty
SQLite database with `manage.py import_content` in its own process, and reports the
wall time, the time per term and the process's peak memory.

`saves` builds a database of N terms (bulk rows, as bench/content.py does) in which
`--mentions` bodies name one term, renders every page ahead (`render_pages`, as on a
live site), then, through the admin's own change view (Django's test client, logged
in as an editor): the whole request of changing one term's body, 21 times (p50 and
p90), and renaming the much-mentioned term (the request only); then it starts the
real worker (`manage.py run_worker`, as make run does) and reports how long after
its start every body that names the term was relinked, and when every stored page
was fresh again (the relinked bodies' pages rendered again).
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from content import markdown_body, term_title  # noqa: E402


def write_export(folder, terms, seed=7):
    """An export_content folder of `terms` generated terms."""
    rng = random.Random(seed)
    titles = [term_title(n, rng) for n in range(terms)]
    out = folder / "terms"
    out.mkdir(parents=True)
    for n, title in enumerate(titles):
        mentions = [titles[rng.randrange(terms)] for _ in range(3)]
        related = sorted({f"term-{rng.randrange(terms)}" for _ in range(2)} - {f"term-{n}"})
        aliases = f"\naliases:\n- {title} alias" if n % 10 == 0 else ""
        front = (
            f"---\nkind: term\ntitle: {title}\nslug: term-{n}\n"
            f"summary: {title}, explained in one sentence for the benchmark.\n"
            f"status: published\npublished_at: 2024-01-01T12:00:00+00:00{aliases}\n"
            f"related:\n" + "".join(f"- {slug}\n" for slug in related) + "---\n"
        )
        (out / f"term-{n}.md").write_text(front + markdown_body(rng, 350, mentions) + "\n", encoding="utf-8")


def env_for(database):
    env = {**os.environ, "DJANGO_SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("TASKS_BACKEND", None)
    return env


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True
    )


class TreeMemory:
    """The peak of the summed proportional set size (PSS: shared pages counted once) of
    a process and its children, sampled every half second: the import's helper
    processes (import_content --processes) count too."""

    def __init__(self, pid):
        self.pid, self.peak, self.running = pid, 0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        while self.running:
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            time.sleep(0.5)

    def stop(self):
        self.running = False
        self.thread.join()


def _tree(pid):
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            pids += _tree(int(child))
    return pids


def _pss(pid):
    """KB; 0 for a process that has ended."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def bench_import(terms, extra=()):
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        write_export(tmp / "export", terms)
        env = env_for(tmp / "site.db")
        manage(env, "migrate", "--noinput", "-v", "0")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_content", str(tmp / "export"), *extra],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        tree = TreeMemory(process.pid)
        stdout, stderr = process.communicate()
        seconds = time.perf_counter() - started
        tree.stop()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time, the import and its helpers together: what a busy machine does not change.
        peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu
        if process.returncode:
            raise SystemExit(stderr[-2000:])
        last = stdout.strip().splitlines()[-1]
        # Where the time went: "Saved N items in T; linking bodies" ends the writing.
        saved = [line for line in stderr.splitlines() if line.startswith("Saved ")]
        last += f"; {saved[-1].split(';')[0]}" if saved else ""
        memory = f"{peak / 1024:.0f} MB" if peak > before else f"≤ {peak / 1024:.0f} MB"
        print(
            f"import {terms:>7,} terms: {seconds:7.1f} s, {seconds / terms * 1000:5.2f} ms/term, "
            f"CPU {cpu:.0f} s ({cpu / terms * 1000:.2f} ms/term), "
            f"peak {memory} (largest process), {tree.peak / 1024:.0f} MB (all its processes, PSS)  ({last})"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    imports = sub.add_parser("import")
    imports.add_argument("--terms", type=int, nargs="+", default=[1000])
    imports.add_argument("--processes", type=int, help="import_content --processes (default: its own)")
    saves = sub.add_parser("saves")
    saves.add_argument("--terms", type=int, default=10000)
    saves.add_argument("--mentions", type=int, default=1000)
    args = parser.parse_args()
    if args.what == "import":
        extra = ["--processes", str(args.processes)] if args.processes else []
        for terms in args.terms:
            bench_import(terms, extra)
    else:
        from saves import bench_saves

        bench_saves(args.terms, args.mentions)


if __name__ == "__main__":
    main()
