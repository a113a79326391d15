"""An import of a term named by a common word in a sense its own text capitalises
("a Kubernetes Service"): it links only when capitalised, and the import says so."""

from io import StringIO

from django.core.management import call_command

from terms.models import Term

TERM = """---
kind: term
title: {title}
slug: {slug}
summary: {summary}
status: published
published_at: '2024-03-19T12:00:00+00:00'
{rules}---
{body}
"""


def write(folder, slug, title, summary, body, rules=""):
    (folder / "terms").mkdir(exist_ok=True)
    path = folder / "terms" / f"{slug}.md"
    path.write_text(TERM.format(title=title, slug=slug, summary=summary, body=body, rules=rules))
    return path


def test_a_new_term_whose_text_capitalises_its_common_word_title_links_only_when_capitalised(tmp_path, db):
    service = write(
        tmp_path,
        "service",
        "Service",
        "In Kubernetes, a Service is a stable address.",
        "Each Service has a name.",
    )
    write(tmp_path, "cache", "Cache", "A cache keeps a copy.", "Every cache expires.")
    write(
        tmp_path,
        "host",
        "Host",
        "A Host runs containers.",
        "One Host, many pods.",
        rules="match_case: auto\n",
    )

    dry = StringIO()
    call_command("import_content", tmp_path, "--dry-run", stdout=dry)
    errors = StringIO()
    call_command("import_content", tmp_path, stdout=StringIO(), stderr=errors)

    warning = (
        f"{service}:3: the term 'Service' is named by a common word its own text writes with a capital: "
        "it links only when capitalised (match_case: capitalised); "
        "set match_case: auto in the file to link it in any case"
    )
    assert dry.getvalue().splitlines()[0] == warning
    assert f"Warning: {warning}" in errors.getvalue().splitlines()
    assert "'Cache'" not in dry.getvalue() and "'Host'" not in dry.getvalue()
    modes = dict(Term.objects.values_list("slug", "match_case"))
    assert modes == {"service": "capitalised", "cache": "auto", "host": "auto"}


def test_an_import_leaves_the_link_rule_of_a_term_the_site_has(tmp_path, make_term):
    make_term(title="Service", slug="service", summary="A Service is an address.")
    write(
        tmp_path,
        "service",
        "Service",
        "In Kubernetes, a Service is a stable address.",
        "Each Service has a name.",
    )

    out = StringIO()
    call_command("import_content", tmp_path, stdout=out, stderr=out)

    assert "common word" not in out.getvalue()
    assert Term.objects.get(slug="service").match_case == "auto"


def test_a_capitalised_only_term_links_its_capitalised_mentions_and_not_the_everyday_word(tmp_path, db):
    write(
        tmp_path,
        "service",
        "Service",
        "In Kubernetes, a Service is a stable address.",
        "Each Service has a name.",
    )
    write(
        tmp_path,
        "pods",
        "Pods",
        "Pods run containers.",
        "Pods sit behind two Services and good customer service.",
    )

    call_command("import_content", tmp_path, stdout=StringIO(), stderr=StringIO())

    body = Term.objects.get(slug="pods").body_html
    assert ">Services</a>" in body
    assert "good customer service." in body
