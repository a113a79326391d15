"""The one renderer: Markdown in, sanitised HTML out."""

import re

import pytest

from glossary_site.markup.markdown import reading_minutes, render, table_of_contents, word_count

HOSTILE = [
    ("<script>alert(1)</script>", "<script"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script"),
    ('<img src="x.png" onerror="alert(1)">', "onerror"),
    ('<a href="#" onclick="alert(1)">click</a>', "onclick"),
    ("[click](javascript:alert(1))", "javascript:"),
    ("[click](JaVaScRiPt:alert(1))", "javascript:"),
    ("[click](vbscript:msgbox(1))", "vbscript:"),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data:"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ('<object data="x.swf"></object>', "<object"),
    ('<embed src="x.swf">', "<embed"),
    ("<style>body{display:none}</style>", "<style"),
    ('<p style="position:fixed">x</p>', "style="),
    ('<svg onload="alert(1)"><circle/></svg>', "<svg"),
    ('<form action="https://evil.example"><input></form>', "<form"),
    ('[x](https://ok.example "a" onmouseover="alert(1))', "onmouseover="),
]


@pytest.mark.parametrize(("source", "forbidden"), HOSTILE)
def test_renderer_strips_dangerous_markup(source, forbidden):
    html = render(f"Safe words before.\n\n{source}\n\nSafe words after.")
    # In the tags: words an attacker typed may stay on the page as words.
    tags = "".join(re.findall(r"<[^>]*>", html))
    assert forbidden.lower() not in tags.lower()
    assert "Safe words before." in html
    assert "Safe words after." in html


def test_renderer_keeps_links_images_lists_tables_code_and_quotes():
    html = render(
        '[Django](https://www.djangoproject.com/ "Django") and [home](/glossary/)\n\n'
        "![A diagram](/media/uploads/diagram.png)\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```\nprint('hi')\n```\n\n"
        "> quoted\n\n`inline`"
    )
    assert '<a href="https://www.djangoproject.com/" title="Django">Django</a>' in html
    assert '<a href="/glossary/">home</a>' in html
    assert '<img alt="A diagram" decoding="async" loading="lazy" src="/media/uploads/diagram.png">' in html
    assert "<ul>" in html and "<ol>" in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<pre><code>print('hi')" in html
    assert "<blockquote>" in html
    assert "<code>inline</code>" in html


def test_headings_get_ids_and_a_body_h1_becomes_h2():
    html = render("# Big\n\n## Overview\n\n### Details")
    assert "<h1" not in html
    assert '<h2 id="big">Big <a class="heading-anchor" href="#big"' in html
    assert '<h2 id="overview">Overview <a' in html
    assert '<h3 id="details">Details <a' in html


def test_heading_anchor_is_labelled_with_the_heading_and_cannot_be_forged():
    html = render('## Fees & <em>costs</em>\n\n<a class="heading-anchor" href="javascript:x">#</a>')
    assert 'aria-label="Link to this section: Fees &amp; costs">#</a></h2>' in html
    assert html.count('class="heading-anchor"') == 1


def test_table_of_contents_needs_three_headings_and_nests_subsections():
    assert table_of_contents(render("## One\n\n## Two")) == ""
    toc = table_of_contents(render("## One\n\n### One a\n\n## Two\n\n## Three"))
    assert toc.startswith(
        '<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">On this page</h2>'
    )
    assert '<li><a href="#one">One</a><ol><li><a href="#one-a">One a</a></li></ol></li>' in toc
    assert '<li><a href="#three">Three</a></li></ol></nav>' in toc


def test_renderer_keeps_the_text_of_a_stripped_tag_visible():
    html = render("Look: <marquee>moving words</marquee>")
    assert "moving words" in html
    assert "<marquee" not in html


def test_word_count_reads_text_not_markup():
    html = render("## Two words\n\n[three more words](https://example.com/a/b/c) `x`")
    assert word_count(html) == 6


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (230, 1), (231, 2), (690, 3), (691, 4)])
def test_reading_time_is_words_over_230_rounded_up_and_at_least_one(words, minutes):
    assert reading_minutes(render("word " * words)) == minutes


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "![A chart](https://example.com/chart.png)",
            '<a href="https://example.com/chart.png">Image: A chart</a>',
        ),
        ("![](//cdn.example.com/x.gif)", '<a href="//cdn.example.com/x.gif">Image on another site</a>'),
        (
            "[![Logo](https://example.com/l.png)](https://example.com/)",
            '<a href="https://example.com/"><span>Image: Logo</span></a>',
        ),
        ('<img src="https://example.com/t.png" alt="Tracker">', "Tracker"),
        ('<img src="HTTPS://example.com/t.png">', ""),
    ],
)
def test_an_image_from_another_site_becomes_words_not_a_request(source, expected):
    # Pages load images from this site only (CSP img-src 'self'; the site works offline).
    html = render(f"Before {source} after")
    assert "<img" not in html
    assert " ".join(html.split()) == " ".join(f"<p>Before {expected} after</p>".split())


def test_images_on_this_site_stay_images(settings):
    settings.SITE_URL = "https://devterms.example"
    html = render("![A](/media/uploads/a.png) ![B](https://devterms.example/media/uploads/b.png)")
    assert html.count("<img") == 2


def test_images_from_the_media_origin_on_s3_stay_images(settings):
    settings.IMAGE_SOURCES = ["https://media.devterms.example"]
    html = render("![A](https://media.devterms.example/uploads/a.png) ![B](https://elsewhere.example/b.png)")
    assert html.count("<img") == 1 and "Image: B" in html


def test_a_list_right_after_its_paragraph_is_a_list():
    html = render("It helps because:\n- it removes toil\n- it scales")
    assert html == "<p>It helps because:</p>\n<ul>\n<li>it removes toil</li>\n<li>it scales</li>\n</ul>"


def test_repeated_headings_get_numbered_ids_as_pages_have_had_them():
    html = render("## Use\n\n## Use\n\n## Use\n\n## Use_1\n\n## Déjà vu & `code`")
    assert [*re.findall(r'<h2 id="([^"]*)"', html)] == ["use", "use_1", "use_2", "use_3", "deja-vu-code"]


def test_footnotes_link_both_ways_with_the_ids_pages_have_had():
    html = render("Cached[^ttl] twice[^ttl].\n\n[^ttl]: For a *time to live*.")
    assert '<sup id="fnref:ttl"><a href="#fn:ttl">1</a></sup>' in html
    assert '<sup id="fnref2:ttl"><a href="#fn:ttl">1</a></sup>' in html
    assert '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:ttl">' in html
    assert 'For a <em>time to live</em>.&nbsp;<a href="#fnref:ttl" title="Jump back to footnote 1' in html


def test_gfm_tables_strikethrough_task_lists_definition_lists_and_code_languages():
    html = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new\n\n- [ ] to do\n- [x] done\n\n"
        "Cache\n: A store close to the reader.\n\n```python\nx = 1\n```"
    )
    assert "<td>1</td>" in html
    assert "<s>old</s> new" in html
    assert "<li>☐ to do</li>" in html and "<li>☑ done</li>" in html
    assert "<dl>\n<dt>Cache</dt>\n<dd>A store close to the reader.</dd>\n</dl>" in html
    assert '<pre><code class="language-python">x = 1\n</code></pre>' in html


@pytest.mark.parametrize(
    "source",
    [
        '[words]{.nolink onclick="alert(1)" #top style="color:red"}',
        '[words]{.other title="x"}',
        "[words](https://ok.example){onmouseover=alert(1) .nolink}",
        '![words](/media/a.png){#x onerror="alert(1)"}',
    ],
)
def test_attribute_syntax_sets_no_attribute_but_the_no_link_mark(source):
    html = render(source)
    tags = "".join(re.findall(r"<[^>]*>", html))
    for injected in ("onclick", "onmouseover", "onerror", "style", "title=", "id=", "class"):
        assert injected not in tags, (source, html)


def test_only_the_nolink_class_marks_words_for_the_linker():
    assert render("[a]{.nolink} [b]{.other}") == '<p><span data-nolink="">a</span> <span>b</span></p>'
