"""Hostile API parameters are 400s that name the parameter (issue 26, finding 9):
never a 500, never the 503 "back soon" page, and no traceback in the log."""

import logging

import pytest


@pytest.fixture
def terms(make_term):
    make_term(title="Cache", slug="cache", summary="A store of copies.")
    make_term(title="Ledger", slug="ledger", summary="A book of accounts.")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=%C2%B2", "page must be a whole number from 1 to 999,999,999, not '²'"),
        ("page=%D9%A3", "page must be a whole number from 1 to 999,999,999, not '٣'"),
        ("page=100000000000000000000", "page must be a whole number from 1 to 999,999,999"),
        ("page=" + "9" * 5000, "page must be a whole number"),
        ("page=-1", "page must be a whole number"),
        ("page=1.0", "page must be a whole number"),
        ("page=999999999", "page 999999999 is past the end: there is 1 page."),
        ("q=cache&page=999999999", "page 999999999 is past the end"),
        ("updated_since=0001-01-01T00:00:00%2B05:00", "updated_since is out of range in UTC"),
        ("updated_since=9999-12-31T23:59:59-05:00", "updated_since is out of range in UTC"),
        ("updated_since=2025-01-01T00:00:00%2B99:00", "updated_since must be an ISO 8601 time"),
        ("updated_since=%01", "updated_since must be an ISO 8601 time"),
        ("updated_since=" + "2" * 10_240, "updated_since must be an ISO 8601 time"),
    ],
)
def test_a_bad_parameter_is_a_json_400_naming_it_with_no_traceback_logged(
    terms, client, caplog, query, message
):
    with caplog.at_level(logging.INFO):
        response = client.get(f"/api/terms/?{query}")

    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith(message)
    assert not [record for record in caplog.records if record.exc_info or record.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "since",
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T05:00:00%2B05:00",
        "9999-12-31T23:59:59Z",
        "9999-12-31T18:59:59-05:00",
    ],
)
def test_the_first_and_last_times_in_utc_are_answered(terms, client, since):
    response = client.get(f"/api/terms/?updated_since={since}")
    assert response.status_code == 200
    assert response.json()["count"] == (2 if since.startswith("0001") else 0)
