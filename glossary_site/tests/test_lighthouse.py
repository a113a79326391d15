"""Lighthouse (mobile preset, the default) in Debian's Chromium against the real
server: performance, accessibility, best practices and SEO at 95 or more."""

import json
import os
import subprocess

import pytest

from glossary_site.tests.servers import PROJECT_ROOT

pytestmark = pytest.mark.browser
LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"


@pytest.mark.parametrize(
    "path",
    ["/", "/glossary/", "/glossary/backend-developer/", "/blog/how-cloud-call-centers-help-financial-firms/"],
)
def test_lighthouse_scores_95_or_more(site_server, tmp_path, path):
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: `make test` installs it with npm ci.", pytrace=False)
    report = tmp_path / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            site_server.url(path),
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        check=True,
        timeout=180,
        capture_output=True,
    )
    data = json.loads(report.read_text())
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    failing = {
        audit["id"]: audit.get("displayValue", audit["score"])
        for audit in data["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    }
    assert all(score >= 0.95 for score in scores.values()), f"{path}: {scores}; failing audits: {failing}"
