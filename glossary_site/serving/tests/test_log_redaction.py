"""Review tokens never reach a log line (issue 26, finding 16): Django's own lines
here; gunicorn's access log, written by a real server, in
glossary_site/tests/test_review_tokens_in_logs.py."""

import logging

import pytest

from glossary_site.serving.logformat import OneLineFormatter, redact

TOKEN = "q8Zr0n_Kx3-vW1yTb7LmPa9sDf2GhJkE4uIoYtReWqA"


@pytest.mark.parametrize(
    "line",
    [
        f"GET /review/{TOKEN}/ HTTP/1.1",
        f"GET /review/{TOKEN}/?x=1 HTTP/1.1",
        f'"http://127.0.0.1:8000/review/{TOKEN}/"',
        f"GET /review%2F{TOKEN}/ HTTP/1.1",
        f"Not Found: /review/{TOKEN}/",
    ],
)
def test_a_review_token_is_redacted_wherever_the_path_appears(line):
    redacted = redact(line)
    assert TOKEN not in redacted and "REDACTED" in redacted


def test_other_paths_are_left_as_they_are():
    line = 'GET /glossary/review-process/?q=review HTTP/1.1 "/blog/code-review/"'
    assert redact(line) == line


def test_djangos_not_found_line_for_a_review_link_keeps_no_token():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "%s: %s", ("Not Found", f"/review/{TOKEN}/"), None
    )
    assert OneLineFormatter("%(message)s").format(record) == "Not Found: /review/REDACTED/"
