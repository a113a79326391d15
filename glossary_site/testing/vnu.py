"""The Nu HTML Checker (vnu, from npm), run on saved pages."""

import json
import shutil
import subprocess

import pytest

from glossary_site.testing.servers import PROJECT_ROOT

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed: `make test` installs default-jre-headless.", pytrace=False)
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: `make test` installs it with npm ci.", pytrace=False)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    try:
        return json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"vnu did not report JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def describe(message, pages_by_name):
    """One vnu message as "page path line N: message [extract]"."""
    url = message.get("url", "")
    page = pages_by_name.get(url.rsplit("/", 1)[-1], url)
    extract = message.get("extract", "").strip()
    return f"- {page} line {message.get('lastLine', '?')}: {message.get('message')}  [{extract}]"
