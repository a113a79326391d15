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
