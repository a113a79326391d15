"""Translations in content files: `language:` and `translation_of:` (or a <lang>/terms/
folder) import an item's German and Japanese versions beside it, joined to it and
leaving it alone; export writes them back so a round trip loses nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from articles.models import Article
from glossary_site.exchange import export, plan
from terms.models import Term, TermAlias

HEAD = "---\nkind: {kind}\ntitle: {title}\nslug: {slug}\n{extra}status: published\n"
HEAD += "published_at: '2024-03-19T12:00:00+00:00'\n---\n{body}\n"

ENGLISH = {
    "terms/api.md": dict(title="API", slug="api", extra="related: [http]\n", body="An API uses HTTP."),
    "terms/http.md": dict(title="HTTP", slug="http", extra="aliases: [Hypertext]\n", body="HTTP carries it."),
    "terms/deployment.md": dict(title="Deployment", slug="deployment", body="Shipping an API."),
}
GERMAN = {
    "de/terms/api.md": dict(
        title="API",
        slug="api",
        extra="translation_of: api\nrelated: [http]\n",
        body="Eine API nutzt HTTP.",
    ),
    "de/terms/http.md": dict(
        title="HTTP", slug="http", extra="translation_of: http\n", body="HTTP trägt sie."
    ),
    "de/terms/bereitstellung.md": dict(
        title="Bereitstellung",
        slug="bereitstellung",
        extra="translation_of: deployment\n",
        body="Eine API ausliefern.",
    ),
}
GERMAN_API_ALONE = {**GERMAN["de/terms/api.md"], "extra": "translation_of: api\n"}
JAPANESE = {
    "ja/terms/api.md": dict(
        title="API", slug="api", extra="translation_of: api\n", body="APIはHTTPを使います。"
    ),
    "ja/terms/deploy.md": dict(
        title="デプロイメント",
        slug="デプロイメント",
        extra="language: ja\ntranslation_of: deployment\n",
        body="APIをリリースすること。",
    ),
}


@pytest.fixture
def languages(settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]


def write(folder, files, kind="term"):
    for name, fields in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD.format(kind=kind, **{"extra": "", **fields}), encoding="utf-8")
    return folder


def run_import(folder, *options):
    out = StringIO()
    call_command("import_content", str(folder), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def english_rows():
    """Every column of every English row and of what hangs off it, and its revisions."""
    terms = Term.objects.filter(language="en").order_by("pk")
    return {
        "terms": [model_to_dict(term, exclude=["related"]) | {"pk": term.pk} for term in terms],
        "versions": list(terms.values_list("pk", "version", "source_revision", "updated_at", "body_html")),
        "related": sorted(
            Term.related.through.objects.filter(from_term__language="en").values_list(
                "from_term_id", "to_term_id"
            )
        ),
        "aliases": sorted(
            TermAlias.objects.filter(term__language="en").values_list("term_id", "name", "slug")
        ),
        "history": Term.history.filter(language="en").count(),
    }


# The same translations, titled as a German and a Japanese glossary would title them
# ("API" is "API" in both), and titled apart from every English name.
OWN_TITLES = {
    "de/terms/api.md": "Programmierschnittstelle",
    "de/terms/http.md": "Hypertext-Übertragungsprotokoll",
    "ja/terms/api.md": "アプリケーションプログラミングインターフェース",
}
# The same names in every language: each body links the terms of its own language.
SHARED_NAMES = pytest.param({}, id="shared-names")


@pytest.mark.parametrize("titles", [pytest.param(OWN_TITLES, id="own-titles"), SHARED_NAMES])
def test_translations_import_beside_the_english_glossary_and_change_none_of_it(
    db, languages, tmp_path, titles
):
    run_import(write(tmp_path / "en", ENGLISH))
    english = english_rows()
    translations = {
        name: {**fields, "title": titles.get(name, fields["title"])}
        for name, fields in {**GERMAN, **JAPANESE}.items()
    }

    assert (
        run_import(write(tmp_path / "translations", translations)) == "5 created, 0 changed, 0 unchanged.\n"
    )

    assert english_rows() == english
    source = {term.slug: term for term in Term.objects.filter(language="en")}
    found = Term.objects.exclude(language="en").order_by("language", "slug")
    assert [(t.language, t.slug, t.translation_key, t.translated_from) for t in found] == [
        ("de", "api", source["api"].translation_key, 1),
        ("de", "bereitstellung", source["deployment"].translation_key, 1),
        ("de", "http", source["http"].translation_key, 1),
        ("ja", "api", source["api"].translation_key, 1),
        ("ja", "デプロイメント", source["deployment"].translation_key, 1),
    ]
    german_api = Term.objects.get(language="de", slug="api")
    assert [(t.language, t.slug) for t in german_api.related.all()] == [("de", "http")]


def test_a_translation_takes_the_revision_its_source_has_when_imported(db, languages, tmp_path):
    run_import(write(tmp_path / "en", ENGLISH))
    api = Term.objects.get(slug="api")
    api.body = "An API, revised."
    api.save()
    api.body = "An API, revised again."
    api.save()
    write(tmp_path / "de", {k: v for k, v in GERMAN.items() if k.endswith("/api.md")})
    http = {
        "de/terms/http.md": {
            **GERMAN["de/terms/http.md"],
            "extra": "translation_of: http\ntranslated_from: 1\n",
        }
    }
    write(tmp_path / "de", http)

    run_import(tmp_path / "de")

    assert Term.objects.get(slug="api", language="en").source_revision == 3
    assert dict(Term.objects.filter(language="de").values_list("slug", "translated_from")) == {
        "api": 3,
        "http": 1,
    }


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        (
            {"de/terms/x.md": dict(title="X", slug="x", extra="translation_of: nowhere\n", body="B.")},
            "de/terms/x.md:5: translation_of: no term 'nowhere' in the source language (en), "
            "neither on the site nor in this import",
        ),
        (
            {"fr/terms/x.md": dict(title="X", slug="x", extra="translation_of: api\n", body="B.")},
            "fr/terms/x.md:4: the language 'fr' is not one of the site's languages "
            "(en, de, ja: SITE_LANGUAGES)",
        ),
        (
            {"de/terms/x.md": dict(title="X", slug="x", body="B.")},
            "de/terms/x.md:4: a 'de' file needs translation_of: the slug of the item it translates",
        ),
        (
            {"terms/x.md": dict(title="X", slug="x", extra="translation_of: api\n", body="B.")},
            "terms/x.md:5: translation_of is for a translation: this file is in the source language (en)",
        ),
        (
            {
                "de/terms/x.md": dict(
                    title="X", slug="x", extra="language: ja\ntranslation_of: api\n", body="B."
                )
            },
            "de/terms/x.md:5: language 'ja' in a file under the 'de' folder",
        ),
        (
            {"de/terms/andere.md": dict(title="X", slug="andere", extra="translation_of: api\n", body="B.")},
            "de/terms/andere.md:5: 'api' already has a German translation on the site, 'api'",
        ),
    ],
)
def test_an_import_with_a_bad_translation_is_refused_whole_in_the_dry_run(
    db, languages, tmp_path, files, problem
):
    run_import(write(tmp_path / "en", ENGLISH))
    run_import(write(tmp_path / "de-before", {"de/terms/api.md": GERMAN_API_ALONE}))
    before = sorted(Term.objects.values_list("language", "slug", "version"))
    folder = write(
        write(tmp_path / "import", files), {"terms/new.md": dict(title="New", slug="new", body="B.")}
    )

    with pytest.raises(CommandError) as refused:
        run_import(folder, "--dry-run")
    with pytest.raises(CommandError):
        run_import(folder)

    assert str(refused.value).replace(str(folder) + "/", "") == problem
    assert sorted(Term.objects.values_list("language", "slug", "version")) == before


def test_two_translations_of_one_term_into_one_language_are_refused(db, languages, tmp_path):
    twice = {
        "de/terms/api.md": GERMAN_API_ALONE,
        "de/terms/schnittstelle.md": dict(
            title="Schnittstelle", slug="schnittstelle", extra="translation_of: api\n", body="B."
        ),
    }
    folder = write(write(tmp_path, ENGLISH), twice)

    with pytest.raises(plan.Problems) as refused:
        plan.check(folder)

    assert [str(error).replace(str(folder) + "/", "") for error in refused.value.errors] == [
        "de/terms/schnittstelle.md:5: de/terms/api.md translates 'api' into 'de' too"
    ]


def test_a_translation_of_a_term_in_the_same_import_joins_it(db, languages, tmp_path):
    run_import(write(write(tmp_path, ENGLISH), GERMAN))

    german = Term.objects.get(language="de", slug="bereitstellung")
    assert german.translation_key == Term.objects.get(language="en", slug="deployment").translation_key
    assert german.translated_from == 1


def test_an_export_and_import_of_translations_loses_nothing(db, languages, tmp_path):
    run_import(write(write(write(tmp_path / "in", ENGLISH), GERMAN), JAPANESE))
    write(
        tmp_path / "article",
        {"articles/launch.md": dict(title="Launch", slug="launch", body="API.")},
        "article",
    )
    write(
        tmp_path / "article",
        {
            "de/articles/start.md": dict(
                title="Start", slug="start", extra="translation_of: launch\n", body="API."
            )
        },
        "article",
    )
    run_import(tmp_path / "article")
    api = Term.objects.get(slug="api", language="en")
    api.body = "Changed since the translations."
    api.save()
    export.write(tmp_path / "out")
    exported = (tmp_path / "out" / "ja" / "terms" / "デプロイメント.md").read_text(encoding="utf-8")
    keys = {
        (item.language, item.slug): (item.source_revision, item.translated_from)
        for model in (Term, Article)
        for item in model.objects.all()
    }
    Term.objects.all().delete()
    Article.objects.all().delete()

    run_import(tmp_path / "out")

    assert exported.startswith(
        "---\nkind: term\ntitle: デプロイメント\nslug: デプロイメント\nlanguage: ja\n"
        "translation_of: deployment\ntranslated_from: 1\nsummary: ''\n"
    )
    reimported = {
        (item.language, item.slug): item for model in (Term, Article) for item in model.objects.all()
    }
    assert reimported.keys() == keys.keys()
    sources = {(item.language, item.slug): item for item in reimported.values() if item.language == "en"}
    joined = {key: (item.translation_key, item.translated_from) for key, item in reimported.items()}
    assert joined[("de", "api")] == (sources[("en", "api")].translation_key, 1)
    assert joined[("de", "start")] == (sources[("en", "launch")].translation_key, 1)
    # Which translations are out of date, too: the English API's revision comes back.
    revisions = {key: (item.source_revision, item.translated_from) for key, item in reimported.items()}
    assert revisions == keys
    assert revisions[("en", "api")] == (2, None) and revisions[("de", "api")][1] == 1
    assert run_import(tmp_path / "out", "--dry-run").endswith("0 to create, 0 to change, 10 unchanged.\n")


def test_a_csv_file_carries_the_language_columns(db, languages, tmp_path):
    run_import(write(tmp_path / "en", ENGLISH))
    csv_file = tmp_path / "de.csv"
    csv_file.write_text(
        "title,slug,language,translation_of,translated_from,status,published_at,body\n"
        "Bereitstellung,bereitstellung,de,deployment,,published,2024-03-19T12:00:00+00:00,Text.\n",
        encoding="utf-8",
    )

    run_import(csv_file)
    export.write(tmp_path / "out.csv")

    german = Term.objects.get(language="de")
    assert german.translation_key == Term.objects.get(slug="deployment").translation_key
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(
        "title,slug,summary,status,published_at,language,source_revision,translation_of,translated_from,"
    )
    assert lines[1].startswith("API,api,,published,2024-03-19T12:00:00+00:00,en,1,,,")
    assert lines[-1].startswith(
        "Bereitstellung,bereitstellung,,published,2024-03-19T12:00:00+00:00,de,,deployment,1,"
    )


def test_an_imported_translation_is_rendered_in_its_own_language(db, languages, tmp_path):
    from django.utils import translation

    sections = "\n\n".join(f"## Abschnitt {n}\n\nText." for n in range(1, 6))
    german = {"de/terms/api.md": {**GERMAN_API_ALONE, "body": sections}}
    run_import(write(tmp_path / "en", ENGLISH))
    run_import(write(tmp_path / "de", german))
    with translation.override("de"):
        heading = translation.gettext("On this page")
    assert heading != "On this page"
    assert heading in Term.objects.get(slug="api", language="de").toc_html
