"""The order a parallel run hands tests out in (testing/parallel.py)."""

from dataclasses import dataclass, field

import pytest

from glossary_site.testing.parallel import longest_first, mentions_transactions


@dataclass
class Item:
    """What longest_first() reads of a collected pytest item."""

    nodeid: str
    marks: dict = field(default_factory=dict)
    fixturenames: tuple = ("db",)
    cls: type = None

    def get_closest_marker(self, name):
        return self.marks.get(name)


def ids(items):
    return [item.nodeid for item in items]


def test_whole_site_modules_go_first_longest_first_each_kept_together():
    items = [
        Item("terms/tests/test_views.py::test_a"),
        Item("glossary_site/tests/test_browser.py::test_a"),
        Item("glossary_site/tests/test_appearance.py::test_a"),
        Item("glossary_site/tests/test_browser.py::test_b"),
        Item("glossary_site/tests/test_appearance.py::test_b"),
    ]
    seconds = {
        "glossary_site/tests/test_browser.py::test_a": 5,
        "glossary_site/tests/test_browser.py::test_b": 5,
        "glossary_site/tests/test_appearance.py::test_a": 30,
        "glossary_site/tests/test_appearance.py::test_b": 1,
        "terms/tests/test_views.py::test_a": 60,
    }
    longest_first(items, seconds)
    assert ids(items) == [
        "glossary_site/tests/test_appearance.py::test_a",
        "glossary_site/tests/test_appearance.py::test_b",
        "glossary_site/tests/test_browser.py::test_a",
        "glossary_site/tests/test_browser.py::test_b",
        "terms/tests/test_views.py::test_a",
    ]


def test_transactional_tests_come_after_every_database_test_however_long():
    transactional = Item(
        "a/tests/test_long.py::test_flush", marks={"django_db": pytest.mark.django_db(transaction=True).mark}
    )
    items = [
        transactional,
        Item("a/tests/test_long.py::test_read"),
        Item("a/tests/test_short.py::test_read"),
    ]
    longest_first(items, {"a/tests/test_long.py::test_flush": 100, "a/tests/test_short.py::test_read": 0.5})
    assert ids(items) == [
        "a/tests/test_long.py::test_read",
        "a/tests/test_short.py::test_read",
        "a/tests/test_long.py::test_flush",
    ]


def test_a_browser_module_with_a_transactional_database_waits_for_the_database_tests():
    flushing = Item("glossary_site/tests/test_embed_browser.py::test_a", fixturenames=("transactional_db",))
    items = [
        flushing,
        Item("glossary_site/tests/test_pages.py::test_a"),
        Item("a/tests/test_read.py::test_a"),
    ]
    longest_first(items, {flushing.nodeid: 100})
    assert ids(items) == [
        "glossary_site/tests/test_pages.py::test_a",
        "a/tests/test_read.py::test_a",
        "glossary_site/tests/test_embed_browser.py::test_a",
    ]


def test_untimed_tests_are_guessed_by_their_markers():
    items = [Item("a/tests/test_plain.py::test_a")] * 30 + [
        Item("x/tests/test_api_servers.py::test_a", marks={"servers": pytest.mark.servers.mark}),
        Item("x/tests/test_form_browser.py::test_a", marks={"browser": pytest.mark.browser.mark}),
    ]
    longest_first(items, {})
    assert ids(items)[:2] == ["x/tests/test_api_servers.py::test_a", "x/tests/test_form_browser.py::test_a"]


def test_a_module_that_asks_for_a_transactional_database_is_not_sent_whole(tmp_path):
    (tmp_path / "test_flush.py").write_text("@pytest.mark.django_db(transaction=True)\ndef test_a(): ...\n")
    (tmp_path / "test_read.py").write_text("def test_a(db): ...\n")
    assert mentions_transactions("test_flush.py", tmp_path)
    assert not mentions_transactions("test_read.py", tmp_path)
    assert mentions_transactions("test_gone.py", tmp_path)
