"""Steady under load and faults, with real gunicorn on loopback: a soak with an editor
saving throughout, a worker killed mid-load, and concurrent writers on one SQLite
file. Every test is bounded in time and requests and stops its processes by pid.

The database-down case (503 page, recovery without restart) is in test_scale_out.py.
"""

import asyncio
import collections
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from glossary_site.testing.admin_forms import form_data
from glossary_site.testing.servers import (
    PROJECT_ROOT,
    SIGNED_IN_MARK,
    Browserless,
    Gunicorn,
    manage,
    site_env,
)

pytestmark = pytest.mark.servers
PASSWORD = "a-long-test-password-1"
PUBLIC_MIX = [
    "/",
    "/glossary/",
    "/glossary/letter/b/",
    "/glossary/backend-developer/",
    "/glossary/api/",
    "/blog/",
    "/blog/moving-our-support-phone-lines-to-the-cloud/",
    "/search/?q=ledger",
    "/search/suggest/?q=ba",
    "/static/css/site.css",
]


# --- A small load generator: N connections, each one request after another --------


async def _get(port, path, timeout):
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        await asyncio.wait_for(reader.read(), timeout)  # the whole answer, until the server closes
        parts = status_line.split()
        return int(parts[1]) if len(parts) >= 2 else "empty answer"
    finally:
        writer.close()


async def _connection(port, paths, offset, deadline, results):
    n = offset
    while time.monotonic() < deadline:
        try:
            outcome = await _get(port, paths[n % len(paths)], timeout=30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as error:
            outcome = type(error).__name__
        results[outcome] += 1
        n += 1


def run_load(port, paths, connections, seconds):
    """Keep `connections` requests in flight for `seconds`; count outcomes (status or error)."""
    results = collections.Counter()

    async def main():
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_connection(port, paths, i, deadline, results) for i in range(connections)))

    asyncio.run(main())
    return results


class LoadInBackground(threading.Thread):
    def __init__(self, port, paths, connections, seconds):
        super().__init__(daemon=True)
        self.args = (port, paths, connections, seconds)
        self.results = None

    def run(self):
        self.results = run_load(*self.args)


def failures(results):
    return {
        outcome: count
        for outcome, count in results.items()
        if not (isinstance(outcome, int) and outcome < 500)
    }


# --- Set-up helpers ----------------------------------------------------------------


def prepared_env(tmp_path, demo_database, **extra):
    env = site_env(tmp_path, demo_database.copy(tmp_path), DJANGO_SUPERUSER_PASSWORD=PASSWORD, **extra)
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.com")
    return env


def log_in(node):
    client = Browserless()
    client.request(node.url("/admin/login/"))
    status, html, _ = client.request(
        node.url("/admin/login/?next=/admin/"),
        data={"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": client.cookie("csrftoken")},
    )
    assert status == 200 and SIGNED_IN_MARK in html, html[:500]
    return client


class Editor:
    """An editor with the term's change form open, saving with "Save and continue editing"."""

    def __init__(self, node, title):
        self.node, self.client = node, log_in(node)
        _, changelist, _ = self.client.request(node.url("/admin/terms/term/"))
        self.url = node.url(BeautifulSoup(changelist, "html.parser").find("a", string=title)["href"])
        self.form = self.client.request(self.url, timeout=30)[1]

    def append(self, text):
        """Append text to the body and save; True if the admin said it was saved."""
        data = form_data(self.form)
        data["body"] += f"\n\n{text}\n"
        data["_continue"] = "Save and continue editing"
        status, html, _ = self.client.request(self.url, data=data, timeout=30)
        saved = status == 200 and "changed successfully" in html
        if saved:
            self.form = html  # the form again, as the editor sees it after saving
        return saved


def worker_pids(master_pid):
    """The gunicorn master's live child processes (not yet-unreaped zombies), from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid and fields[0] != "Z":
            children.append(int(stat.parent.name))
    return sorted(children)


def wait_for_workers(master_pid, count, gone=None, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = worker_pids(master_pid)
        if len(pids) == count and gone not in pids:
            return pids
        time.sleep(0.2)
    pytest.fail(f"gunicorn has {len(worker_pids(master_pid))} workers, not {count}, after {seconds} s")


# --- Soak ------------------------------------------------------------------------------

SOAK_SECONDS = 60
SOAK_CONNECTIONS = 100


@pytest.mark.slow
def test_soak_serves_without_errors_while_an_editor_saves_every_second(tmp_path, demo_database):
    env = prepared_env(tmp_path, demo_database, WEB_CONCURRENCY="4", LOG_LEVEL="WARNING")
    node = Gunicorn(env, tmp_path / "node.log")
    try:
        editor = Editor(node, "Ledger")
        load = LoadInBackground(node.port, PUBLIC_MIX, SOAK_CONNECTIONS, SOAK_SECONDS)
        started = time.monotonic()
        load.start()
        saves, failed_saves, unseen = 0, [], []
        while time.monotonic() - started < SOAK_SECONDS - 2:
            tick = time.monotonic()
            saves += 1
            text = f"Soak save {saves}."
            if not editor.append(text):
                failed_saves.append(saves)
            elif f"<p>{text}</p>" not in Browserless().request(node.url("/glossary/ledger/"), timeout=30)[1]:
                unseen.append(saves)
            time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
        load.join(timeout=SOAK_SECONDS + 60)
        assert not load.is_alive(), "the load generator did not finish"
        elapsed = time.monotonic() - started
    finally:
        node.stop()

    results = load.results
    total = sum(results.values())
    print(
        f"\nsoak: {total} requests in {elapsed:.0f} s = {total / elapsed:.0f}/s; {dict(results)}; {saves} saves"
    )
    assert total > SOAK_SECONDS * 20, "the load generator hardly ran"
    assert failures(results) == {}, "no 5xx and no lost connections"
    assert saves >= SOAK_SECONDS // 3, "the editor kept saving"
    assert failed_saves == [] and unseen == []


# --- Worker crash ------------------------------------------------------------------------

CRASH_SECONDS = 16


def test_killing_a_worker_under_load_loses_under_one_percent_and_it_is_replaced(tmp_path, demo_database):
    env = prepared_env(tmp_path, demo_database, WEB_CONCURRENCY="3", LOG_LEVEL="WARNING")
    node = Gunicorn(env, tmp_path / "node.log")
    try:
        master = node.proc.pid
        before = wait_for_workers(master, 3)
        load = LoadInBackground(node.port, PUBLIC_MIX, 20, CRASH_SECONDS)
        load.start()
        time.sleep(CRASH_SECONDS / 3)
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        after = wait_for_workers(master, 3, gone=victim)
        load.join(timeout=CRASH_SECONDS + 60)
        assert not load.is_alive()
        log = node.log_path.read_text(errors="replace")
    finally:
        node.stop()

    results = load.results
    total, lost = sum(results.values()), sum(failures(results).values())
    print(f"\nworker crash: {total} requests, {lost} lost ({100 * lost / total:.2f} %); {dict(results)}")
    assert victim not in after, "the killed worker was replaced by a new process"
    assert total > 200, "the load generator hardly ran"
    assert lost / total < 0.01, failures(results)
    assert str(victim) in log, "gunicorn noticed the dead worker"


# --- Concurrent writes on SQLite ----------------------------------------------------------

WRITER = """
import sys
from django.db import OperationalError
from terms.models import Term
term = Term.objects.get(slug="{slug}")
errors = 0
for n in range({saves}):
    term.body = f"Saved {{n}} times by {slug}. See also API and Ledger."
    term.summary = f"Summary {{n}}"
    try:
        term.save()
    except OperationalError as error:
        errors += 1
        print("ERROR", error)
print("DONE", errors)
"""


def run_writers(env, slugs, saves):
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", WRITER.format(slug=slug, saves=saves)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for slug in slugs
    ]
    outputs = []
    for proc in procs:
        try:
            outputs.append((proc.communicate(timeout=120)[0], proc.returncode))
        except subprocess.TimeoutExpired:
            proc.kill()
            outputs.append((proc.communicate()[0], "timed out"))
    return outputs


def test_concurrent_writers_on_sqlite_never_meet_database_is_locked(tmp_path):
    env = site_env(tmp_path, f"sqlite:///{tmp_path / 'site.db'}", LOG_LEVEL="WARNING")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")

    outputs = run_writers(env, ["backend-developer", "ledger", "api"], saves=40)

    for output, returncode in outputs:
        assert returncode == 0 and "DONE 0" in output, output[-2000:]
        assert "database is locked" not in output
