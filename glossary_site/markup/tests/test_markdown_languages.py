"""The few words the renderer adds to a body (the table of contents' heading, the
section links' and footnotes' labels) are in the language active when it renders."""

import pytest
from django.utils import translation

from glossary_site.markup.markdown import render, table_of_contents

BODY = "## Fees\n\nText.[^1]\n\n## Limits\n\n## Refunds\n\n[^1]: A note."


@pytest.mark.parametrize(
    ("language", "contents", "section", "footnote"),
    [
        ("en", "On this page", "Link to this section: Fees", "Jump back to footnote 1 in the text"),
        ("de", "Auf dieser Seite", "Link zu diesem Abschnitt: Fees", "Zurück zur Fußnote 1 im Text"),
        ("ja", "このページの内容", "この節へのリンク: Fees", "本文の脚注1に戻る"),
    ],
)
def test_renderer_labels_are_in_the_active_language(language, contents, section, footnote):
    with translation.override(language):
        html = render(BODY)
        toc = table_of_contents(html)
    assert f'<h2 id="toc-heading">{contents}</h2>' in toc
    assert f'aria-label="{section}"' in html
    assert f'title="{footnote}"' in html


def test_a_body_is_stored_with_the_words_of_its_own_language_whoever_saves_it(db, settings):
    from django.utils import translation

    from terms.models import Term

    settings.SITE_LANGUAGES = ["en", "de"]
    body = "\n\n".join(f"## Abschnitt {n}\n\nText über Warteschlangen." for n in range(1, 6))
    with translation.override("en"):
        german = Term.objects.create(title="Warteschlange", slug="warteschlange", body=body, language="de")
        english = Term.objects.create(title="Queue", slug="queue", body=body)
    english_toc, german_toc = english.toc_html, german.toc_html
    assert "On this page" in english_toc
    with translation.override("de"):
        expected = translation.gettext("On this page")
    assert expected != "On this page" and expected in german_toc
