"""A prepared database is made once per parallel run on SQLite (testing/servers.py)."""

import subprocess
import sys

import pytest

from glossary_site.testing.servers import PROJECT_ROOT

# Three processes at once, each as a worker of one parallel run: each asks for the
# run's database, made here by a stand-in that counts how often it is called and that
# waits (for the other processes, not a clock) until all three have asked.
ASK = """
import sys, time
from pathlib import Path
from glossary_site.testing.servers import PreparedDatabase

class Factory:
    def getbasetemp(self):
        return Path(sys.argv[1]) / f"popen-{sys.argv[2]}"
    def mktemp(self, name):
        raise AssertionError("a worker on SQLite shares the run's database")

def make(self, tmp, demo=True, shell_code=None, **env):
    with open(tmp.parent / "made-by", "a") as log:
        log.write(sys.argv[2] + "\\n")
    # Made only once all three have asked: without the lock, the others would not wait
    # for it and would each make their own.
    deadline = time.monotonic() + 30
    while len((tmp.parent / "asked").read_text().split()) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    (tmp / "site.db").write_text("")
    self.tmp, self.url = tmp, f"sqlite:///{tmp / 'site.db'}"

PreparedDatabase.__init__ = make
with open(Path(sys.argv[1]) / "asked", "a") as log:
    log.write(sys.argv[2] + "\\n")
print(PreparedDatabase.once_per_run(Factory(), "demo-database").url)
"""


def test_the_processes_of_a_parallel_run_make_the_database_once_and_share_it(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SECRET_KEY": "x", "DATABASE_URL": ""}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ASK, str(tmp_path), name],
            cwd=PROJECT_ROOT,
            env={**env, "PYTEST_XDIST_WORKER": name},
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("gw0", "gw1", "gw2")
    ]
    urls = {worker.communicate(timeout=60)[0].strip() for worker in workers}
    assert all(worker.returncode == 0 for worker in workers)
    assert urls == {f"sqlite:///{tmp_path / 'demo-database' / 'site.db'}"}
    assert len((tmp_path / "made-by").read_text().split()) == 1


@pytest.mark.parametrize("worker", [None, "gw0"])
def test_a_serial_run_or_postgresql_gives_each_process_its_own(monkeypatch, tmp_path, worker):
    from glossary_site.testing.servers import PreparedDatabase

    if worker:
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        monkeypatch.setenv("DATABASE_URL", "postgres://localhost/suite")
    else:
        monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    made = []
    monkeypatch.setattr(PreparedDatabase, "__init__", lambda self, tmp, **kwargs: made.append(tmp))

    class Factory:
        def mktemp(self, name):
            return tmp_path / name

    PreparedDatabase.once_per_run(Factory(), "demo-database")
    assert made == [tmp_path / "demo-database"]
