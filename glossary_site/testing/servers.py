"""Real servers for black-box tests: gunicorn nodes, their databases, and a private
PostgreSQL cluster that a test may stop and start. Loopback only, bounded waits."""

import contextlib
import fcntl
import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from glossary_site.testing.parallel import worker_number

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60  # seconds: a loaded machine (parallel runs, CI) starts gunicorn slowly
# What only a signed-in admin page carries: the log-out form in its header.
SIGNED_IN_MARK = 'id="logout-form"'


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browserless:
    """A tiny HTTP client with its own cookie jar; never goes through a proxy."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def request(self, url, data=None, headers=None, timeout=10):
        """Return (status, body text, headers) for a GET, or a POST when data is given."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace"), response.headers
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode("utf-8", "replace"), error.headers

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)


def fetch(url, timeout=10):
    """GET url; return (status, body text). Error pages are returned, not raised."""
    status, body, _ = Browserless().request(url, timeout=timeout)
    return status, body


def site_env(tmp, database_url, **extra):
    """Environment for manage.py and gunicorn: production-like, isolated in tmp."""
    env = os.environ.copy()
    env.pop("BIND", None)  # gunicorn.conf.py would prefer it to PORT
    env.update(
        DJANGO_SECRET_KEY="test-only-secret",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp / "media"),
        # The search slots of this test's servers alone (serving/searchslots.py).
        SEARCH_SLOTS_DIR=str(tmp / "search-slots"),
        WEB_CONCURRENCY="2",
        # The default hasher is slow on purpose; browser tests log editors in many times.
        DJANGO_TEST_FAST_PASSWORDS="1",
    )
    env.update(extra)
    # Every request of the suite comes from one address, and a test of something else
    # must not meet search's bounds (429, 503): test_search_flood.py sets its own.
    bounds = {"SEARCH_RATE_LIMIT": "0", "SEARCH_CONCURRENCY": env["WEB_CONCURRENCY"], "SEARCH_SHARE": "1"}
    env.update({name: value for name, value in bounds.items() if name not in extra})
    return env


def is_postgres(database_url):
    return database_url.startswith(("postgres://", "postgresql://"))


def fresh_database_url(tmp):
    """A new empty database on the server the suite runs on (SQLite file or PostgreSQL)."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not is_postgres(suite_url):
        return f"sqlite:///{tmp / 'site.db'}"
    import psycopg

    name = f"site_{uuid.uuid4().hex[:12]}"
    admin_url = urllib.parse.urlsplit(suite_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlsplit(suite_url)._replace(path=f"/{name}").geturl()


class PreparedDatabase:
    """A database migrated (and, with `demo`, loaded with the demo site) once per test
    session, then copied for each server that needs one: migrating and loading the
    demo take seconds, copying a database and its media folder a fraction of one.
    `shell_code`, run in `manage.py shell` after that, adds what a module's tests
    need beside it; `env` adds to the environment of both (site_env())."""

    def __init__(self, tmp, demo=True, shell_code=None, **env):
        self.tmp = tmp
        self.url = fresh_database_url(tmp)
        env = site_env(tmp, self.url, **env)
        manage(env, "migrate", "--noinput", "-v", "0")
        if demo:
            manage(env, "load_demo")
        if shell_code:
            manage(env, "shell", "-c", shell_code)

    @classmethod
    def once_per_run(cls, tmp_path_factory, name, **kwargs):
        """The database `name` of the whole test run. On SQLite it is a file, which every
        process of a parallel run may copy: the first to ask makes it while the others
        wait on a lock, then they all copy it, so it is migrated and loaded once rather
        than once per process. On PostgreSQL each process makes its own."""
        if worker_number() is None or is_postgres(os.environ.get("DATABASE_URL", "")):
            return cls(tmp_path_factory.mktemp(name), **kwargs)
        # The parent of a worker's temporary folder is the run's, shared by its workers.
        root = tmp_path_factory.getbasetemp().parent
        tmp, made = root / name, root / name / "made"
        with open(root / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if made.exists():
                return cls._made_in(tmp)
            tmp.mkdir(exist_ok=True)
            database = cls(tmp, **kwargs)
            made.touch()  # only once it is whole: a process that failed to make it leaves none
            return database

    @classmethod
    def _made_in(cls, tmp):
        database = cls.__new__(cls)
        database.tmp, database.url = tmp, fresh_database_url(tmp)
        return database

    def copy(self, tmp):
        """The URL of a new database holding what this one holds; its media (the demo's
        cover) copied to the folder site_env() gives `tmp`."""
        media = self.tmp / "media"
        if media.exists():
            shutil.copytree(media, tmp / "media", dirs_exist_ok=True)
        if not is_postgres(self.url):
            import sqlite3

            target = tmp / "site.db"
            with sqlite3.connect(self.tmp / "site.db") as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            return f"sqlite:///{target}"
        import psycopg

        source = urllib.parse.urlsplit(self.url)
        name = f"site_{uuid.uuid4().hex[:12]}"
        admin_url = source._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source.path.lstrip("/")}"')
        return source._replace(path=f"/{name}").geturl()


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a loaded machine runs load_demo and big shell scripts slowly
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return result.stdout


def shell(env, code):
    """Run Python in `manage.py shell`; the last line it printed (after the shell's own notes)."""
    lines = manage(env, "shell", "-c", code).strip().splitlines()
    return lines[-1] if lines else ""


def query(database_url, sql):
    """The first row of `sql` on a server's database, read directly (SQLite file or
    PostgreSQL), for a test that polls while the server's processes write: cheaper
    than a `manage.py shell`, which starts Django each time and takes a core from them."""
    if not is_postgres(database_url):
        import sqlite3

        path = urllib.parse.urlsplit(database_url).path
        with contextlib.closing(sqlite3.connect(path, timeout=10)) as connection:
            return connection.execute(sql).fetchone()
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        return connection.execute(sql).fetchone()


def stop_process(proc):
    """TERM, then KILL if it has not ended in 15 s: by its pid, never by name."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def log_tail(path, lines=40):
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Gunicorn:
    """One gunicorn node on a free loopback port; stop() ends it by its pid."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=PROJECT_ROOT,
                env={**env, "PORT": str(self.port)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_up()

    def url(self, path):
        return self.base_url + path

    def _wait_until_up(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.proc.returncode}:\n{log_tail(self.log_path)}")
            try:
                if fetch(self.url("/livez"), timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail(
            f"gunicorn did not answer on {self.base_url} in {START_TIMEOUT} s:\n{log_tail(self.log_path)}"
        )

    def stop(self):
        stop_process(self.proc)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster of the test's own, so the test may stop it."""

    def __init__(self):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not bins:
            pytest.fail("PostgreSQL is not installed (make test installs Debian's postgresql).")
        self.bin = bins[-1]
        # Not under pytest's tmp_path: that is private to root, and the server runs as postgres.
        self.root = Path(tempfile.mkdtemp(prefix="glossary-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.dir = self.root / "data"
        self.port = free_port()
        self._run("initdb", "-D", str(self.dir), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "site")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/site"

    def _run(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.dir), "-l", str(self.dir.parent / "pg.log"), "-w", "-o", options, "start"
        )

    def stop(self):
        self._run("pg_ctl", "-D", str(self.dir), "-m", "fast", "-w", "stop")

    def remove(self):
        if (self.dir / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class Worker:
    """The background worker (manage.py run_worker) as its own process."""

    def __init__(self, env, log_path, worker_id="test-worker"):
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id]
                + ["--no-startup-delay", "--interval", "0.2"],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self):
        """SIGKILL: no cleanup, no goodbye, as when the machine or the OOM killer takes it."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self):
        stop_process(self.proc)
