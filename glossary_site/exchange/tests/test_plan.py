"""The import's plan and its application, called as the commands call them."""

import pytest

from glossary_site.exchange import apply, plan
from glossary_site.exchange.files import read_file
from terms.models import Term

TERM = (
    "---\nkind: term\ntitle: {title}\nslug: {slug}\nsummary: S.\nstatus: published\n"
    "published_at: '2024-03-19T12:00:00+00:00'\n---\n{body}\n"
)


def write(folder, slug, title=None, body="Body."):
    path = folder / "terms" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TERM.format(title=title or slug.title(), slug=slug, body=body), encoding="utf-8")
    return path


def test_a_front_matter_line_that_is_not_key_value_is_named_with_its_line(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: X\nno separator here\n---\nbody\n", encoding="utf-8")

    assert [str(problem) for problem in read_file(bad).problems] == [
        f"{bad}:3: expected 'key: value', got 'no separator here'"
    ]


def test_the_plan_says_what_it_would_create_change_and_leave_and_writes_nothing(db, tmp_path):
    for slug in ("kept", "edited"):
        write(tmp_path, slug)
    apply.write(plan.plan(plan.check(tmp_path)))
    write(tmp_path, "edited", title="Edited in the file")
    write(tmp_path, "new")

    planned = plan.plan(plan.check(tmp_path))

    assert list(planned.lines()) == ["change: terms/edited.md (title)", "create: terms/new.md"]
    assert planned.summary() == "1 to create, 1 to change, 1 unchanged"
    assert sorted(Term.objects.values_list("slug", "title")) == [("edited", "Edited"), ("kept", "Kept")]


def test_only_new_keeps_the_items_the_site_lacks(db, tmp_path):
    write(tmp_path, "kept")
    apply.write(plan.plan(plan.check(tmp_path)))
    write(tmp_path, "kept", title="Changed in the file")
    write(tmp_path, "new")

    planned = plan.plan(plan.check(tmp_path, only_new=True))
    apply.write(planned)

    assert sorted(Term.objects.values_list("slug", "title")) == [("kept", "Kept"), ("new", "New")]


def test_problems_come_in_file_then_line_order(db, tmp_path):
    write(tmp_path, "b").write_text("---\nkind: term\ntitle: ''\nslug: b\n---\n", encoding="utf-8")
    write(tmp_path, "a").write_text("---\nkind: nothing\n---\n", encoding="utf-8")

    with pytest.raises(plan.Problems) as raised:
        plan.check(tmp_path)

    assert [(error.path.rsplit("/", 1)[-1], error.line) for error in raised.value.errors] == [
        ("a.md", 2),
        ("b.md", 3),
    ]
    assert str(raised.value) == "2 problems in 2 files; nothing was imported."
