"""A second real-content corpus (infra_corpus/): about a hundred infrastructure terms
written for a static-site generator, in this site's content file format, with the
authors' own links between terms and what a careful editor expects of them
(infra_corpus/expectations.txt).

load() imports it through `manage.py import_content`, by default with the authors'
links taken out (their text kept), so what the automatic linker makes can be set
against them; quality() measures wrong links, missed mentions, the authors' links
reproduced and search's first results. From the command line, on a database of its
own:

    .venv/bin/python -m glossary_site.testing.infra_corpus [--with-authors-links]
"""

import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

FOLDER = Path(__file__).with_name("infra_corpus")
TERMS = FOLDER / "terms"
EXPECTATIONS = FOLDER / "expectations.txt"
# How the authors link a term: from the site's root or from the next page over.
AUTHORS_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:/glossary/|\.\./)([^/)\s]+)/\)")


@dataclass(frozen=True)
class Link:
    """A link in a page: the page's slug, the words linked, the term linked to."""

    page: str
    text: str
    target: str


@dataclass(frozen=True)
class NeverLink:
    page: str
    phrase: str
    reason: str
    allowed: str = ""  # the one term a link there may go to (a longer name's own term)


@dataclass(frozen=True)
class Query:
    query: str
    first: str


@dataclass
class Expectations:
    never: list = field(default_factory=list)
    must: list = field(default_factory=list)  # Links: the words that should link the target
    search: list = field(default_factory=list)


def expectations(path=EXPECTATIONS):
    """The cases of the expectations file, by section."""
    found, section = Expectations(), None
    sections = {
        "[never link]": ("never", NeverLink),
        "[must link]": ("must", Link),
        "[search]": ("search", Query),
    }
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.strip() in sections:
            section = sections[line.strip()]
            continue
        if section is None:
            raise ValueError(f"{path}:{number}: a case before any section")
        name, case = section
        getattr(found, name).append(case(*(part.strip() for part in line.split(" | "))))
    return found


def authors_links(folder=TERMS):
    """Every link the authors wrote from one term to another, in file order."""
    return [
        Link(path.stem, match[1], match[2])
        for path in sorted(folder.glob("*.md"))
        for match in AUTHORS_LINK_RE.finditer(path.read_text(encoding="utf-8"))
    ]


def without_authors_links(text):
    """The file with each link to another term replaced by its words."""
    return AUTHORS_LINK_RE.sub(r"\1", text)


def load(keep_links=False, stdout=None):
    """Import the corpus with `manage.py import_content` (its plan, checks and
    one-transaction write), the authors' links kept or taken out; what the
    command printed."""
    from django.core.management import call_command

    out = stdout or StringIO()
    if keep_links:
        call_command("import_content", FOLDER, stdout=out, stderr=out)
        return out.getvalue() if stdout is None else ""
    with tempfile.TemporaryDirectory(prefix="infra-corpus-") as folder:
        terms = Path(folder) / "terms"
        terms.mkdir()
        for path in sorted(TERMS.glob("*.md")):
            text = without_authors_links(path.read_text(encoding="utf-8"))
            (terms / path.name).write_text(text, encoding="utf-8")
        call_command("import_content", Path(folder), stdout=out, stderr=out)
    return out.getvalue() if stdout is None else ""


# --- measuring ------------------------------------------------------------------
@dataclass
class Page:
    """A page's text as read, and its automatic links as (start, end, term slug)."""

    text: str
    links: list

    def find(self, phrase):
        """Where the phrase is in the text (case and runs of spaces ignored), or None."""
        words = [re.escape(word) for word in phrase.split()]
        match = re.search(r"\s+".join(words), self.text, re.IGNORECASE)
        return match.span() if match else None

    def links_in(self, span):
        start, end = span
        return [target for at, to, target in self.links if at < end and to > start]


def page(body_html, anchors="a.term-link"):
    """The text a reader sees of a stored body, and where its links (`anchors`, a CSS
    selector: the automatic ones unless told) are."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body_html, "html.parser")
    for tip in soup.select(".term-tip"):
        tip.decompose()  # a link's tooltip is not part of the sentence
    chosen = set(map(id, soup.select(anchors)))
    text, links, at = [], [], 0
    for string in soup.find_all(string=True):
        anchor = string.find_parent("a")
        if anchor is not None and id(anchor) in chosen:
            links.append((at, at + len(string), _slug_of(anchor.get("href", ""))))
        text.append(str(string))
        at += len(string)
    return Page("".join(text), links)


def authors_pages(folder=TERMS):
    """{slug: Page} of each file's body as rendered with the authors' links, which are
    its links: where each is, in the same text as the page without them."""
    from glossary_site.exchange.files import split_front_matter
    from glossary_site.markup.markdown import render

    pages = {}
    for path in sorted(folder.glob("*.md")):
        body = split_front_matter(path)[1]
        html = AUTHORS_LINK_RE.sub(lambda m: f"[{m[1]}](/glossary/{m[2]}/)", body)
        pages[path.stem] = page(render(html), anchors='a[href^="/glossary/"]')
    return pages


def _slug_of(url):
    return url.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Quality:
    """What quality() measured, each list holding the cases that failed."""

    links_made: int
    wrong: list
    never_cases: int
    missed: list
    must_cases: int
    authors: int
    reproduced: int  # the same words linked to the same term
    reproduced_anywhere: int  # the page links the term somewhere
    search_misses: list
    queries: int

    def lines(self):
        share = self.reproduced / self.authors if self.authors else 0
        hits = self.queries - len(self.search_misses)
        return [
            f"automatic links made: {self.links_made}",
            f"wrong links: {len(self.wrong)} of {self.never_cases} never-link cases",
            f"missed mentions: {len(self.missed)} of {self.must_cases}",
            f"authors' links reproduced: {self.reproduced} of {self.authors} ({share:.0%}); "
            f"the page links their term somewhere: {self.reproduced_anywhere}",
            f"search, obvious term first: {hits} of {self.queries}",
        ]


def quality(expected=None):
    """Measure the loaded corpus (load(), authors' links taken out) against the
    expectations. Raises ValueError for a case whose phrase its page lacks."""
    from glossary_site.content import registry
    from glossary_site.search import results

    expected = expected or expectations()
    model = registry.link_target().model
    pages = {slug: page(html) for slug, html in model.objects.values_list("slug", "body_html")}
    wrong = [case for case in expected.never if _wrongly_linked(pages, case)]
    missed = [case for case in expected.must if case.target not in _linked_at(pages, case.page, case.text)]
    authors = authors_pages()
    in_place = anywhere = 0
    for slug, written in authors.items():
        made = pages[slug]
        if made.text != written.text:
            raise ValueError(f"{slug}: the page's text is not its file's (load() without authors' links?)")
        linked = {target for _, _, target in made.links}
        for start, end, target in written.links:
            in_place += target in made.links_in((start, end))
            anywhere += target in linked
    search_misses = []
    for case in expected.search:
        found = results.search(case.query, limit=1)
        if not found or _slug_of(found[0].url) != case.first:
            search_misses.append((case, found[0].title if found else None))
    return Quality(
        links_made=sum(len(p.links) for p in pages.values()),
        wrong=wrong,
        never_cases=len(expected.never),
        missed=missed,
        must_cases=len(expected.must),
        authors=sum(len(p.links) for p in authors.values()),
        reproduced=in_place,
        reproduced_anywhere=anywhere,
        search_misses=search_misses,
        queries=len(expected.search),
    )


def _linked_at(pages, slug, phrase):
    if slug not in pages:
        raise ValueError(f"no page {slug!r} for the case {phrase!r}")
    span = pages[slug].find(phrase)
    if span is None:
        raise ValueError(f"{slug}: the phrase {phrase!r} is not in the page")
    return pages[slug].links_in(span)


def _wrongly_linked(pages, case):
    return any(target != case.allowed for target in _linked_at(pages, case.page, case.phrase))


# --- the command line -----------------------------------------------------------
def main(argv=None):
    """Load the corpus into a new SQLite database (or DATABASE_URL's, which it must
    be free to fill) and print what quality() measures, each failed case too."""
    with_links = "--with-authors-links" in (argv if argv is not None else sys.argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "corpus-quality-only")
    # The import links bodies at its end in its own process, as the command does.
    os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    with tempfile.TemporaryDirectory(prefix="infra-corpus-db-") as folder:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/corpus.sqlite3")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(load(keep_links=with_links).strip())
        measured = quality()
        print("\n".join(measured.lines()))
        _print_cases(measured)


def _print_cases(measured):
    for case in measured.wrong:
        print(f"  wrong: {case.page}: {case.phrase!r} ({case.reason})")
    for case in measured.missed:
        print(f"  missed: {case.page}: {case.text!r} -> {case.target}")
    for case, title in measured.search_misses:
        print(f"  search: {case.query!r} -> {title!r}, not {case.first}")


if __name__ == "__main__":
    main()
