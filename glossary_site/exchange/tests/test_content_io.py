"""export_content and import_content: a faithful round trip, a dry run, progress,
and bad files rejected with one message while nothing changes."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Article, Author, Tag
from glossary_site.exchange.records import record_of
from terms.models import Term, TermAlias

# Every variation generate() makes (drafts, aliases, related terms, authors, tags,
# link rules) recurs within a few dozen items. From 100 items an import shows its
# progress, in chunks of a fortieth, so at 120 the bar's first step ends a chunk as
# at 1,000; --processes 2 renders in the helper processes large imports use.
TERMS, ARTICLES = 72, 48
ITEMS = TERMS + ARTICLES


def snapshot():
    """Every exported field of every item, plus what save() makes from them."""
    items = [
        *Term.objects.prefetch_related("aliases", "related"),
        *Article.objects.select_related("author").prefetch_related("tags"),
    ]
    return {
        (record_of(item)["kind"], item.slug): {
            **record_of(item),
            "updated_at": item.updated_at,
            "body_html": item.body_html,
            "reading_time": item.reading_time,
        }
        for item in items
    }


def generate():
    """Items with every kind of field filled in: aliases, related terms, tags, authors."""
    now = timezone.now()
    authors = [
        Author.objects.create(name=f"Author {n}", slug=f"author-{n}", bio=f"Bio {n}.") for n in range(5)
    ]
    tags = [Tag.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(8)]
    terms = []
    for n in range(TERMS):
        term = Term.objects.create(
            title=f"Generated concept {n:04}",
            slug=f"generated-concept-{n:04}",
            summary=f"Summary {n}." if n % 7 else "",
            body=f"## Part {n}\n\nText of item {n}, with “quotes” and ünïcode.\r\n\n- a\n- b\n",
            status="draft" if n % 5 == 0 else "published",
            published_at=now - timedelta(days=n, microseconds=n),
            link_automatically=n % 4 != 1,
            match_case=("auto", "always", "never")[n % 3],
            never_link_in="for instance\ntypes of" if n % 6 == 0 else "",
        )
        if n % 3 == 0:
            TermAlias.objects.create(term=term, name=f"Alias {n}", slug=f"alias-{n}")
        if n:
            term.related.add(terms[n // 2])
        terms.append(term)
    for n in range(ARTICLES):
        article = Article.objects.create(
            title=f"Generated post {n:04}",
            slug=f"generated-post-{n:04}",
            summary=f"Post summary {n}.",
            body=f"## Post {n}\n\nWords for post {n}.",
            status="published" if n % 4 else "draft",
            published_at=now + timedelta(hours=n % 3) - timedelta(days=n),
            author=authors[n % 6] if n % 6 < 5 else None,
            cover_alt="",
        )
        article.tags.set(tags[n % 8 : n % 8 + n % 3])


def test_export_then_import_into_an_empty_database_reproduces_every_item(tmp_path, db):
    generate()
    before = snapshot()
    assert len(before) == ITEMS >= 100

    call_command("export_content", tmp_path, stdout=StringIO())
    Article.objects.all().delete()
    Term.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()
    errors = StringIO()
    call_command("import_content", tmp_path, "--processes", "2", stdout=StringIO(), stderr=errors)

    after = snapshot()
    assert after.keys() == before.keys()
    differing = [key for key in before if before[key] != after[key]]
    assert not differing, (differing[:3], before[differing[0]], after[differing[0]])
    progress = errors.getvalue()
    assert f"Importing [{'#' * 20}] {ITEMS}/{ITEMS} (100%)" in progress
    step = ITEMS // 20
    assert re.search(
        rf"Importing \[#\.{{19}}\] {step}/{ITEMS} \(5%\), [\d,]+ items/s, \d+ (min \d+ )?s left", progress
    )
    assert f"Saved {ITEMS} items in " in progress
    assert f"Linking [{'#' * 20}] {ITEMS}/{ITEMS} (100%)" in progress

    again = StringIO()
    call_command("import_content", tmp_path, stdout=again)
    assert again.getvalue().strip() == f"0 created, 0 changed, {ITEMS} unchanged."


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


TERM = """---
kind: term
title: {title}
slug: {slug}
summary: A short summary.
status: published
published_at: '2024-03-19T12:00:00+00:00'
related: {related}
---
## Body

Text.
"""


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path, make_term):
    make_term(title="Same", slug="same")
    call_command("export_content", tmp_path, stdout=StringIO())
    write(tmp_path, "new.md", TERM.format(title="New", slug="new", related="[same]"))
    changed = tmp_path / "terms" / "same.md"
    changed.write_text(changed.read_text().replace("title: Same", "title: Same, renamed"))

    out = StringIO()
    call_command("import_content", tmp_path, "--dry-run", stdout=out)

    assert out.getvalue().splitlines() == [
        "create: new.md",
        "change: terms/same.md (title, related)",
        "Dry run, nothing written: 1 to create, 1 to change, 0 unchanged.",
    ]
    assert not Term.objects.filter(slug="new").exists()
    assert Term.objects.get(slug="same").title == "Same"


def test_change_lines_name_every_field_that_changes_and_only_those(tmp_path, make_term):
    make_term(title="API", slug="api", summary="Old summary.", body="Old body.")
    make_term(title="REST", slug="rest")
    call_command("export_content", tmp_path, stdout=StringIO())
    api = tmp_path / "terms" / "api.md"
    api.write_text(
        api.read_text()
        .replace("Old summary.", "New summary.")
        .replace("Old body.", "New body.")
        .replace("related: []", "related: [rest]")
    )

    out = StringIO()
    call_command("import_content", tmp_path, "--dry-run", stdout=out)

    # rest changes too: the pair api lists is rest's as well.
    assert out.getvalue().splitlines()[:2] == [
        "change: terms/api.md (summary, body, related)",
        "change: terms/rest.md (related)",
    ]


def test_a_related_pair_listed_in_only_one_file_is_kept_and_stays_unchanged(tmp_path, db):
    write(tmp_path, "alpha.md", TERM.format(title="Alpha", slug="alpha", related="[beta]"))
    write(tmp_path, "beta.md", TERM.format(title="Beta", slug="beta", related="[]"))

    call_command("import_content", tmp_path, stdout=StringIO())
    again = StringIO()
    call_command("import_content", tmp_path, stdout=again)

    assert [t.slug for t in Term.objects.get(slug="alpha").related.all()] == ["beta"]
    assert [t.slug for t in Term.objects.get(slug="beta").related.all()] == ["alpha"]
    assert again.getvalue().strip() == "0 created, 0 changed, 2 unchanged."


def test_reimporting_an_unchanged_export_changes_nothing(tmp_path, make_term):
    terms = [make_term(slug=f"t{n}") for n in range(4)]
    terms[0].related.add(terms[1], terms[2])
    terms[3].related.add(terms[2])
    call_command("export_content", tmp_path, stdout=StringIO())
    versions = dict(Term.objects.values_list("slug", "version"))

    out = StringIO()
    call_command("import_content", tmp_path, stdout=out)

    assert out.getvalue().strip() == "0 created, 0 changed, 4 unchanged."
    assert dict(Term.objects.values_list("slug", "version")) == versions


def test_a_draft_may_leave_published_at_out(tmp_path, make_term):
    draft = TERM.format(title="Draft", slug="draft", related="[]").replace(
        "status: published", "status: draft"
    )
    write(tmp_path, "draft.md", "\n".join(line for line in draft.splitlines() if "published_at" not in line))
    kept = make_term(slug="kept", status="draft", published_at=timezone.now() - timedelta(days=30))
    write(
        tmp_path,
        "kept.md",
        "\n".join(
            line
            for line in draft.replace("slug: draft", "slug: kept").splitlines()
            if "published_at" not in line
        ),
    )

    before = timezone.now()
    call_command("import_content", tmp_path, stdout=StringIO())

    new = Term.objects.get(slug="draft")
    assert new.status == "draft" and new.published_at >= before
    assert Term.objects.get(slug="kept").published_at == kept.published_at


def test_a_published_item_needs_published_at(tmp_path, db):
    text = TERM.format(title="A", slug="a", related="[]")
    bad = write(tmp_path, "a.md", "\n".join(line for line in text.splitlines() if "published_at" not in line))

    with pytest.raises(CommandError, match=rf"^{bad}:6: missing published_at"):
        call_command("import_content", tmp_path, stdout=StringIO())


def test_import_updates_by_slug_and_keeps_a_revision(tmp_path, make_term):
    term = make_term(title="Old title", slug="kept")
    write(tmp_path, "kept.md", TERM.format(title="New title", slug="kept", related="[]"))

    call_command("import_content", tmp_path, stdout=StringIO())

    term.refresh_from_db()
    assert term.title == "New title" and term.body_html.startswith('<h2 id="body">')
    assert term.history.first().title == "New title"


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (TERM.format(title="''", slug="a", related="[]"), 3, "missing title"),
        (
            TERM.format(title="A", slug="a", related="[]").replace("'2024-03-19T12:00:00+00:00'", "soon"),
            7,
            "bad date 'soon'",
        ),
        (TERM.format(title="A", slug="a", related="[nowhere]"), 8, "unknown related term nowhere"),
        (
            TERM.format(title="A", slug="a", related="[]").replace("summary: A short", "summary: [broken"),
            6,
            "bad YAML",
        ),
        ("## No front matter\n", 1, "no front matter"),
    ],
)
def test_a_bad_file_is_named_with_its_line_and_nothing_changes(tmp_path, db, text, line, problem):
    write(tmp_path, "a-good.md", TERM.format(title="Good", slug="good", related="[]"))
    bad = write(tmp_path, "b-bad.md", text)

    with pytest.raises(CommandError) as raised:
        call_command("import_content", tmp_path, stdout=StringIO())

    assert str(raised.value).startswith(f"{bad}:{line}: {problem}")
    assert "\n" not in str(raised.value)
    assert not Term.objects.exists()


def test_a_dry_run_reports_every_problem_of_every_file_and_writes_nothing(tmp_path, db):
    write(tmp_path, "a-good.md", TERM.format(title="Good", slug="good", related="[]"))
    two = write(
        tmp_path,
        "b-two-problems.md",
        TERM.format(title="''", slug="b", related="[]").replace("status: published", "status: live"),
    )
    unknown = write(tmp_path, "c-unknown.md", TERM.format(title="C", slug="c", related="[nowhere]"))
    bare = write(tmp_path, "d-bare.md", "Just text.\n")

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"^4 problems in 3 files; nothing was imported\.$"):
        call_command("import_content", tmp_path, "--dry-run", stdout=out, stderr=err)

    assert err.getvalue().splitlines() == [
        f"{two}:3: missing title",
        f"{two}:6: status must be 'draft' or 'published', not 'live'",
        f"{unknown}:8: unknown related term nowhere",
        f"{bare}:1: no front matter: the file must start with a '---' line",
    ]
    assert out.getvalue() == ""
    assert not Term.objects.exists()


def test_bad_yaml_also_names_where_the_broken_part_starts(tmp_path, db):
    bad = write(
        tmp_path,
        "bad.md",
        TERM.format(title="A", slug="a", related="[]").replace("summary: A", "summary: [A"),
    )
    with pytest.raises(CommandError, match=r"while parsing a flow sequence on line 5\)$"):
        call_command("import_content", tmp_path, stdout=StringIO())
    assert bad.exists()


def test_a_duplicate_slug_names_both_files(tmp_path, db):
    first = write(tmp_path, "one.md", TERM.format(title="One", slug="same", related="[]"))
    second = write(tmp_path, "two.md", TERM.format(title="Two", slug="same", related="[]"))

    with pytest.raises(CommandError, match=rf"^{second}:4: duplicate slug 'same': {first} has it too"):
        call_command("import_content", tmp_path, stdout=StringIO())
    assert not Term.objects.exists()


def test_a_failure_while_writing_rolls_back_every_file(tmp_path, make_term):
    other = make_term(slug="other")
    TermAlias.objects.create(term=other, name="Taken", slug="taken")
    write(tmp_path, "a.md", TERM.format(title="First", slug="first", related="[]"))
    write(
        tmp_path,
        "b.md",
        TERM.format(title="Second", slug="second", related="[]").replace(
            "related: []", "related: []\naliases: [{name: Taken elsewhere, slug: taken}]"
        ),
    )

    with pytest.raises(CommandError, match="b.md"):
        call_command("import_content", tmp_path, stdout=StringIO())
    assert not Term.objects.filter(slug__in=["first", "second"]).exists()


def test_the_command_exits_with_one_line_and_status_1(tmp_path, db):
    import subprocess
    import sys

    write(tmp_path, "bad.md", TERM.format(title="''", slug="a", related="[]"))
    result = subprocess.run(
        [sys.executable, "manage.py", "import_content", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SECRET_KEY": "t"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"CommandError: {tmp_path / 'bad.md'}:3: missing title"


# --- the link rules of a term (terms migration 0007) -------------------------------

RULES = """link_automatically: false
match_case: always
never_link_in:
- for instance
- the number of
"""


def with_rules(text, rules=RULES):
    return text.replace("related: []\n", "related: []\n" + rules)


def test_a_terms_link_rules_go_out_and_come_back(tmp_path, make_term):
    make_term(title="Instance", slug="instance", link_automatically=False, match_case="always",
              never_link_in="for instance\n\n  the number of ")  # fmt: skip
    call_command("export_content", tmp_path, stdout=StringIO())
    text = (tmp_path / "terms" / "instance.md").read_text()
    assert with_rules("related: []\n") in text
    Term.objects.all().delete()

    call_command("import_content", tmp_path, stdout=StringIO())

    term = Term.objects.get(slug="instance")
    assert (term.link_automatically, term.match_case) == (False, "always")
    assert term.never_link_in == "for instance\nthe number of"
    again = StringIO()
    call_command("import_content", tmp_path, stdout=again)
    assert again.getvalue().strip() == "0 created, 0 changed, 1 unchanged."


def test_a_file_from_before_the_link_rules_gives_defaults_and_keeps_an_editors_rules(tmp_path, make_term):
    kept = make_term(title="Kept", slug="kept", link_automatically=False, never_link_in="types of")
    call_command("export_content", tmp_path, stdout=StringIO())
    exported = tmp_path / "terms" / "kept.md"
    # What an export made before the rules existed holds: the same, without them.
    exported.write_text(exported.read_text().replace(with_rules("related: []\n", ""), "related: []\n"))
    exported.write_text(re.sub(r"(?m)^(link_automatically|match_case|never_link_in|- types of).*\n", "",
                               exported.read_text()))  # fmt: skip
    assert "link_automatically" not in exported.read_text() and "types of" not in exported.read_text()
    write(tmp_path, "new.md", TERM.format(title="New", slug="new", related="[]"))

    out = StringIO()
    call_command("import_content", tmp_path, stdout=out)

    assert out.getvalue().strip() == "1 created, 0 changed, 1 unchanged."
    new = Term.objects.get(slug="new")
    assert (new.link_automatically, new.match_case, new.never_link_in) == (True, "auto", "")
    kept.refresh_from_db()
    assert (kept.link_automatically, kept.never_link_in) == (False, "types of")


def test_changed_link_rules_are_named_in_the_plan_and_applied(tmp_path, make_term):
    make_term(title="Key", slug="key")
    call_command("export_content", tmp_path, stdout=StringIO())
    exported = tmp_path / "terms" / "key.md"
    exported.write_text(exported.read_text().replace("match_case: auto", "match_case: never"))

    out = StringIO()
    call_command("import_content", tmp_path, "--dry-run", stdout=out)
    assert out.getvalue().splitlines()[0].endswith("key.md (match_case)")
    call_command("import_content", tmp_path, stdout=StringIO())
    assert Term.objects.get(slug="key").match_case == "never"


@pytest.mark.parametrize(
    ("rules", "line", "problem"),
    [
        (
            "link_automatically: maybe\n",
            9,
            "link_automatically must be yes or no (true or false), not 'maybe'",
        ),
        (
            "match_case: sometimes\n",
            9,
            "match_case must be one of 'auto', 'always', 'never', 'capitalised', not 'sometimes'",
        ),
        ("match_case: 3\n", 9, "match_case must be one of 'auto', 'always', 'never', 'capitalised', not 3"),
        ("never_link_in: for instance\n", 9, "never_link_in must be a list of phrases"),
        ("never_link_in: [[a, b]]\n", 9, "never_link_in must be a list of phrases"),
    ],
)
def test_a_bad_link_rule_is_named_and_nothing_is_imported(tmp_path, db, rules, line, problem):
    write(tmp_path, "a-good.md", TERM.format(title="Good", slug="good", related="[]"))
    bad = write(tmp_path, "b-bad.md", with_rules(TERM.format(title="Bad", slug="bad", related="[]"), rules))

    with pytest.raises(CommandError) as raised:
        call_command("import_content", tmp_path, stdout=StringIO())

    assert str(raised.value).startswith(f"{bad}:{line}: {problem}")
    assert not Term.objects.exists()
