"""`make bench`: the site under gunicorn (2 workers, production settings) driven by wrk.

    python bench/run.py [--terms 1000] [--seconds 8] [--connections 50] [--nginx]

Builds (or reuses) a SQLite database of generated content in /tmp, starts gunicorn
on a free loopback port, runs wrk against each target for a bounded time and prints
one table: requests/s, p50, p99, errors and the ratio to a hashed static CSS file
served by whitenoise (the reference). Ratios, because absolute numbers move from
machine to machine. Every process it starts is stopped by its pid. With --nginx,
every request goes through docs/nginx-glossary.conf (Debian's nginx, one worker, its
per-address search limit included) in front of the same gunicorn.
"""

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import content  # bench/, the script's own folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from glossary_site.testing import nginx  # noqa: E402  (the project's folder, added above)

PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env, terms):
    """Migrate and fill the database (once per size), collect static files, and
    render every page ahead (what the worker does after a change) with its time."""
    code = (
        "import sys; sys.path.insert(0, 'bench');"
        "from terms.models import Term; from content import build;"
        f"Term.objects.count() == {terms} or (Term.objects.all().delete(), build({terms}))"
    )
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    # The worker's task, run here in two processes (one per core): only pages not yet
    # stored (or of another build of the code) are rendered, so a reused database
    # renders none. The figure for one worker process is twice the time, about.
    rendered = subprocess.run(
        [PYTHON, "manage.py", "render_pages", "--processes", "2"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    size = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('SELECT count(*), sum(length(html)) FROM glossary_site_storedpage'); n, b = c.fetchone();"
        "c.execute('SELECT count(*) FROM glossary_site_pagedependency'); d = c.fetchone()[0];"
        "print(f'stored pages: {n}, {(b or 0) / 1e6:.0f} MB of HTML, {d} dependency rows')"
    )
    stored = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", size],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"render ahead: {rendered}; {stored}")


def start_worker(env):
    return subprocess.Popen(
        [PYTHON, "manage.py", "run_worker", "--no-startup-delay"],
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "warning"},
        stdout=subprocess.DEVNULL,
    )


def publish_article(env):
    code = (
        "from articles.models import Article; import time;"
        "Article.objects.create(title=f'Breaking news {time.time():.0f}', slug=f'news-{time.time_ns()}',"
        " body='Published during the benchmark.', status='published')"
    )
    subprocess.run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True)


def start_server(env, port):
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "2", "LOG_LEVEL": "warning"},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def start_nginx(upstream):
    """nginx with the sample site configuration, passing requests to gunicorn at
    `upstream`; the Popen has `base`, the address to send requests to."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    folder = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    port = free_port()
    config = nginx.config(folder, port, [upstream], folder / "media", connections=4096, access_log="off")
    proxy = subprocess.Popen([binary, "-c", str(config)], stderr=subprocess.DEVNULL)
    proxy.base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(proxy.base + "/livez", timeout=1)
            return proxy
        except OSError:
            time.sleep(0.2)
    proxy.terminate()
    raise SystemExit("nginx did not start")


def popular_searches(count=200, requests=20_000, seed=29):
    """A wrk paths file of searches for `count` queries, the k-th most popular asked
    about 1/k as often as the first (Zipf), as readers ask a site's search."""
    rng = random.Random(seed)
    queries = list(dict.fromkeys([*content.WORDS, *rng.sample(content.VOCABULARY, 60)]))
    while len(queries) < count:
        queries = list(dict.fromkeys([*queries, " ".join(rng.sample(content.WORDS, 2))]))
    queries = queries[:count]
    rng.shuffle(queries)
    drawn = rng.choices(queries, weights=[1 / rank for rank in range(1, count + 1)], k=requests)
    return "".join(f"/search/?{urlencode({'q': query})}\n" for query in drawn)


def warm(base, paths_file, times=6):
    """Ask each of the file's searches `times` times, two at once, so that every
    gunicorn worker has probably kept each answer (a local-memory cache is per
    process): the popular queries as a site that has been up a while has them."""
    distinct = sorted(set(paths_file.read_text().split()))
    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda path: _searched(base + path), distinct * times))
    return f"warmed: {len(distinct)} searches x{times} in {time.monotonic() - started:.0f} s"


def _searched(url, tries=50):
    """The page of a search, asked again while search is busy (503: one slot, and
    the other worker searching)."""
    for _ in range(tries):
        try:
            return urllib.request.urlopen(url).read()
        except urllib.error.HTTPError as refused:
            if refused.code != 503:
                raise
            time.sleep(0.05)
    raise SystemExit(f"search stayed busy: {url}")


def start_wrk(url, seconds, connections, paths_file=None, script="paths.lua"):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url]
    env = dict(os.environ)
    if paths_file:
        command[1:1] = ["-s", str(ROOT / "bench" / script)]
        env["PATHS_FILE"] = env["WORDS_FILE"] = str(paths_file)
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)


def wrk(url, seconds, connections, paths_file=None, script="paths.lua"):
    started = start_wrk(url, seconds, connections, paths_file, script)
    return wrk_figures(started.communicate(timeout=seconds + 30)[0])


def wrk_figures(out):
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (
        rate,
        latency.get("50", "?"),
        latency.get("99", "?"),
        errors + (int(non2xx.group(1)) if non2xx else 0),
    )


def search_paths(count):
    """`count` different searches of two words each, as a crawler or a bot would send
    them: none asked twice, so nothing kept can answer one."""
    sys.path.insert(0, str(ROOT / "bench"))
    from content import VOCABULARY, WORDS

    rng = random.Random(29)
    paths = Path(tempfile.mkstemp(suffix=".txt")[1])
    queries = {f"{rng.choice(WORDS)}+{rng.choice(VOCABULARY)}" for _ in range(count)}
    paths.write_text("".join(f"/search/?q={query}\n" for query in sorted(queries)))
    return paths


def search_flood(base, args, pages, reference):
    """Random term pages and unique searches, each from its own wrk, at the same time
    (issue 29): the pages' rate as a ratio to the static file's."""
    searches = search_paths(20_000)
    try:
        flood = start_wrk(base + "/", args.seconds, args.connections, searches)
        rate, p50, p99, errors = wrk(base + "/", args.seconds, args.connections, pages)
        search_rate, _, search_p99, turned_away = wrk_figures(flood.communicate(timeout=args.seconds + 30)[0])
    finally:
        searches.unlink()
    label = "pages during search flood"
    print(f"{label:26} {rate:9.0f} {p50:>9} {p99:>9} {errors:7d} {rate / reference:7.2f}")
    print(
        f"  beside it: {search_rate:.0f} searches/s (p99 {search_p99}), {turned_away} refused (503) or timed out"
    )


def _chosen(label, words):
    return any(word in label for word in words)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--database", help="SQLite file to build or reuse (default /tmp/glossary-bench-<terms>.sqlite3)"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="WORD",
        help="run only the targets whose label has one of these words (the static file always), "
        "and none of the runs beside an editor, a publication or a flood",
    )
    parser.add_argument(
        "--nginx",
        action="store_true",
        help="send every request through docs/nginx-glossary.conf in front of gunicorn",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (make bench installs Debian's wrk)")
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "bench-only-secret",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{args.database or f'/tmp/glossary-bench-{args.terms}.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "glossary_site.settings",
        "REDIS_URL": "",
        # wrk is one client address: the per-address limits would measure only 429s.
        # Search's limit is set out of reach rather than off, so that every search
        # still pays for being counted. Its concurrency cap (SEARCH_CONCURRENCY, half
        # the workers) stays on.
        "API_RATE_LIMIT": "0",
        "SEARCH_RATE_LIMIT": "1000000000",
    }
    prepare(env, args.terms)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    worker = start_worker(env)
    proxy = start_nginx(port) if args.nginx else None
    try:
        if proxy:
            base = proxy.base
        home = urllib.request.urlopen(base + "/").read().decode()
        css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)
        paths = Path(tempfile.mkstemp(suffix=".txt")[1])
        paths.write_text("\n".join(f"/glossary/term-{n}/" for n in range(args.terms)) + "\n")
        popular = Path(tempfile.mkstemp(suffix=".txt")[1])
        popular.write_text(popular_searches())
        words = Path(tempfile.mkstemp(suffix=".txt")[1])
        words.write_text("\n".join(content.VOCABULARY + content.WORDS) + "\n")
        targets = [
            ("static CSS (reference)", base + css, None),
            ("term page, random slugs", base + "/", paths),
            ("term page, warm", base + "/glossary/term-7/", None),
            ("glossary index", base + "/glossary/", None),
            ("letter page", base + "/glossary/letter/m/", None),
            ("search", base + "/search/?q=cache", None),
            ("search, popular", base + "/", popular),
            ("search, unique", base + "/", (words, "unique.lua")),
            ("API term, warm", base + "/api/terms/term-7/", None),
            ("API search, warm", base + "/api/terms/?q=cache", None),
            ("API terms A-Z, page 3", base + "/api/terms/?page=3", None),
            ("blog list", base + "/blog/", None),
            ("article", base + "/blog/article-1/", None),
        ]
        if args.only:
            targets = [t for t in targets if t[0].startswith("static") or _chosen(t[0], args.only)]
        print(
            f"{args.terms} terms, gunicorn 2 sync workers, wrk {args.connections} connections, {args.seconds} s each"
        )
        print(f"{'target':26} {'req/s':>9} {'p50':>9} {'p99':>9} {'errors':>7} {'ratio':>7}")
        reference = None
        for label, url, path_file in targets:
            if path_file == popular:
                print(f"  {warm(base, popular)}")
            script = "paths.lua"
            if isinstance(path_file, tuple):
                path_file, script = path_file
            rate, p50, p99, errors = wrk(url, args.seconds, args.connections, path_file, script)
            reference = reference or rate
            print(f"{label:26} {rate:9.0f} {p50:>9} {p99:>9} {errors:7d} {rate / reference:7.2f}")

        if args.only:
            if _chosen("pages during search flood", args.only):
                search_flood(base, args, paths, reference)
            for written in (paths, popular, words):
                written.unlink()
            return
        # While an editor saves a term every second, in another process.
        editor = subprocess.Popen(
            [PYTHON, "bench/editor.py", base, str(args.seconds + 2), str(args.terms)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        editor.stdout.readline()  # "ready": its first, uncounted save is done
        rate, p50, p99, errors = wrk(base + "/", args.seconds, args.connections, paths)
        print(
            f"{'random, editor saving 1/s':26} {rate:9.0f} {p50:>9} {p99:>9} {errors:7d} {rate / reference:7.2f}"
        )
        print(f"  editor: {editor.communicate(timeout=60)[0].strip()}")

        # Right after an article is published: the sidebar of every page changed.
        publish_article(env)
        rate, p50, p99, errors = wrk(base + "/", args.seconds, args.connections, paths)
        print(
            f"{'random, after publishing':26} {rate:9.0f} {p50:>9} {p99:>9} {errors:7d} {rate / reference:7.2f}"
        )

        search_flood(base, args, paths, reference)
        for written in (paths, popular, words):
            written.unlink()
    finally:
        started = [server, worker, *([proxy] if proxy else [])]
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()  # by its pid, as every process this script starts
                process.wait(timeout=10)


if __name__ == "__main__":
    main()
