"""load_demo reads the demo in the content file format, through the import's plan
and apply: only what the site lacks is created, and an editor's work is left alone."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from glossary_site.management.commands import load_demo
from terms.models import Term, TermAlias


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def demo_folder(root, **terms):
    """A demo folder of terms given as {slug: extra front matter lines}."""
    (root / "terms").mkdir(parents=True)
    (root / "articles").mkdir()
    for slug, extra in terms.items():
        (root / "terms" / f"{slug}.md").write_text(
            f"---\nkind: term\ntitle: {slug.title()}\nslug: {slug}\nsummary: {slug}.\nstatus: published\n"
            f"published_at: '2024-01-01T12:00:00+00:00'\n{extra}---\nBody of {slug}.\n",
            encoding="utf-8",
        )
    return root


def test_the_demo_files_are_what_export_content_writes_of_the_loaded_demo(db, media, tmp_path):
    call_command("load_demo", stdout=StringIO())
    call_command("export_content", tmp_path / "export", stdout=StringIO())

    for kind in ("terms", "articles"):
        demo = sorted((load_demo.DEMO_DIR / kind).glob("*.md"))
        assert [path.name for path in demo] == sorted(
            p.name for p in (tmp_path / "export" / kind).glob("*.md")
        )
        for path in demo:
            exported = (tmp_path / "export" / kind / path.name).read_text(encoding="utf-8")
            # The one line a demo file leaves out: the time it was loaded is the site's own.
            exported = "".join(
                line for line in exported.splitlines(True) if not line.startswith("updated_at:")
            )
            assert exported == path.read_text(encoding="utf-8"), path.name
    cover = "covers/cloud-call-center.png"
    assert (tmp_path / "export" / "media" / cover).read_bytes() == (
        load_demo.DEMO_DIR / "media" / cover
    ).read_bytes()


def test_a_deleted_demo_term_comes_back_with_its_relations_and_nothing_else_changes(db, media):
    call_command("load_demo", stdout=StringIO())
    Term.objects.filter(slug="api").update(body="An editor's own words.")
    Term.objects.get(slug="backend-developer").delete()
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert out.getvalue().splitlines() == ["terms: 1 created", "articles: 0 created"]
    term = Term.objects.get(slug="backend-developer")
    assert {other.slug for other in term.related.all()} == {"frontend-developer", "api", "database"}
    assert TermAlias.objects.get(slug="back-end-developer").term == term
    assert Term.objects.get(slug="api").body == "An editor's own words."
    assert Article.objects.count() == 6


def test_an_editors_term_holding_a_demo_alias_does_not_stop_the_demo(db, media):
    call_command("load_demo", stdout=StringIO())
    mine = Term.objects.create(title="Mine", slug="mine", summary="Mine.", body="Mine.", status="draft")
    TermAlias.objects.filter(slug="back-end-developer").update(term=mine)

    call_command("load_demo", stdout=StringIO())  # the demo term exists: its file is not checked

    assert TermAlias.objects.get(slug="back-end-developer").term == mine


def test_a_demo_term_naming_a_missing_related_term_is_refused(db, media, tmp_path, monkeypatch):
    monkeypatch.setattr(load_demo, "DEMO_DIR", demo_folder(tmp_path / "demo", a="related: [nowhere]\n"))

    with pytest.raises(CommandError, match=r"terms/a\.md:\d+: unknown related term nowhere$"):
        call_command("load_demo", stdout=StringIO())
    assert not Term.objects.exists()


def test_every_problem_of_the_demo_is_named_and_nothing_is_loaded(db, media, tmp_path, monkeypatch):
    demo = demo_folder(tmp_path / "demo", a="related: [nowhere]\n", b="", c="")
    (demo / "terms" / "c.md").write_text("---\ntitle: C\nno separator here\n---\nBody.\n", encoding="utf-8")
    monkeypatch.setattr(load_demo, "DEMO_DIR", demo)

    with pytest.raises(CommandError) as raised:
        call_command("load_demo", stdout=StringIO())

    assert str(raised.value).splitlines() == [
        f"{demo}/terms/a.md:8: unknown related term nowhere",
        f"{demo}/terms/c.md:3: expected 'key: value', got 'no separator here'",
        "2 problems in 2 files; nothing was imported.",
    ]
    assert not Term.objects.exists()


TRANSLATIONS = ("de/terms", "de/articles", "ja/terms", "ja/articles")


def test_with_german_and_japanese_the_demo_loads_its_translations_one_out_of_date(
    db, media, settings, tmp_path
):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    out = StringIO()

    call_command("load_demo", stdout=out)
    call_command("export_content", tmp_path / "export", stdout=StringIO())

    assert out.getvalue().splitlines() == ["terms: 43 created", "articles: 8 created"]
    model = Term.objects.get(language="en", slug="backend-developer")
    versions = Term.objects.filter(translation_key=model.translation_key)
    assert dict(versions.values_list("language", "slug")) == {
        "en": "backend-developer",
        "de": "backend-entwickler",
        "ja": "バックエンドエンジニア",
    }
    behind = [
        (item.language, item.slug)
        for model_class in (Term, Article)
        for item in model_class.objects.exclude(language="en")
        if item.translated_from
        < model_class.objects.get(translation_key=item.translation_key, language="en").source_revision
    ]
    assert behind == [("de", "http")]
    # The translations' files are what an export of the loaded demo writes of them.
    for folder in TRANSLATIONS:
        demo = sorted((load_demo.DEMO_DIR / folder).glob("*.md"))
        assert [p.name for p in demo] == sorted(p.name for p in (tmp_path / "export" / folder).glob("*.md"))
        for path in demo:
            exported = (tmp_path / "export" / folder / path.name).read_text(encoding="utf-8")
            exported = "".join(
                line for line in exported.splitlines(True) if not line.startswith("updated_at:")
            )
            assert exported == path.read_text(encoding="utf-8"), path.name


def test_loaded_again_the_demo_leaves_its_translations_and_their_sources_alone(db, media, settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    call_command("load_demo", stdout=StringIO())
    before = sorted(Term.objects.values_list("language", "slug", "version", "source_revision"))
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert out.getvalue().splitlines() == ["terms: 0 created", "articles: 0 created"]
    assert sorted(Term.objects.values_list("language", "slug", "version", "source_revision")) == before


def test_with_one_language_the_demo_loads_english_only(db, media):
    call_command("load_demo", stdout=StringIO())

    assert set(Term.objects.values_list("language", flat=True)) == {"en"}
    assert set(Article.objects.values_list("language", flat=True)) == {"en"}
