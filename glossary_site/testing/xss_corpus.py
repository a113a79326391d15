"""Attack strings for the XSS tests, and the loader that puts them on a site.

Each payload, if it ever ran, would set `window.__xss` or open a dialog. They are
saved as term and article bodies, titles, summaries, aliases, tag and author names,
and used as search queries (test_xss.py, test_xss_browser.py). Every one is wrapped as
"SAFE-BEFORE-<n> <payload> SAFE-AFTER-<n>" so a test can see that the harmless
words around it survive.

Load into a site's database with:
    manage.py shell -c "from glossary_site.testing.xss_corpus import load; load()"
"""

import functools
import re

X = "window.__xss=1"
SVG_B64 = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"  # <svg onload=alert(1)>
HTML_B64 = "PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg=="  # <script>window.__xss=1</script>

PAYLOADS = [
    # --- script elements ------------------------------------------------------------
    f"<script>{X}</script>",
    f"<SCRIPT>{X}</SCRIPT>",
    "<ScRiPt>alert(1)</ScRiPt>",
    f'<script src="data:text/javascript,{X}"></script>',
    f"<script/xss>{X}</script>",
    f"<<script>{X}//<</script>",
    f"</script><script>{X}</script>",
    f"<scr<script>ipt>{X}</scr</script>ipt>",
    f'<script type="module">{X}</script>',
    f"<template><script>{X}</script></template>",
    # --- event handlers -----------------------------------------------------------------
    f"<img src=x onerror={X}>",
    '<img src="x" onerror="alert(1)">',
    f"<IMG SRC=x ONERROR={X}>",
    "<img src=x onerror=&#119;indow.__xss=1>",
    "<img src=x:alert(1) onerror=eval(src)>",
    f"<img/src=x/onerror={X}>",
    f'<img src=x onerror="javascript:{X}">',
    f"<img src=x onerror   =   {X}>",
    f"<img src=x oNeRrOr={X}>",
    f'<img srcset="x 1x" onerror={X}>',
    '<img src=x onerror=window["__xss"]=1>',
    f"<body onload={X}>",
    f"<svg onload={X}>",
    "<svg/onload=alert(1)>",
    f"<details open ontoggle={X}>d</details>",
    f"<input autofocus onfocus={X}>",
    f"<select autofocus onfocus={X}></select>",
    f"<textarea autofocus onfocus={X}></textarea>",
    f"<video><source onerror={X}></video>",
    f"<audio src=x onerror={X}></audio>",
    f"<div onmouseover={X}>hover</div>",
    f"<a onclick={X} href=#>click</a>",
    f"<marquee onstart={X}>m</marquee>",
    f"<p onpointerenter={X}>p</p>",
    f"<span onfocus={X} tabindex=0 autofocus>s</span>",
    f"<frameset onload={X}>",
    # --- javascript:, vbscript: and data: in Markdown links ------------------------------
    f"[a](javascript:{X})",
    f"[a](JaVaScRiPt:{X})",
    f"[a](javascript&#58;{X})",
    f"[a](&#106;avascript:{X})",
    "[a](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss=1)",
    f"[a](&#0000106avascript:{X})",
    f"[a](java&Tab;script:{X})",
    f"[a](  javascript:{X})",
    f"[a](<javascript:{X}>)",
    f"[a](javascript://%0a{X})",
    "[a](vbscript:msgbox(1))",
    "[a](VBScript:msgbox(1))",
    f"[a](data:text/html;base64,{HTML_B64})",
    f"[a](DATA:text/html,<script>{X}</script>)",
    # --- the same in Markdown images ------------------------------------------------------
    f"![a](javascript:{X})",
    f"![a](data:image/svg+xml;base64,{SVG_B64})",
    f'![a" onerror="{X}](x)',
    f'![a](x "t" onerror="{X}")',
    f'![a](x" onerror="{X})',
    "![a](vbscript:msgbox(1))",
    f"![a](JAVASCRIPT:{X})",
    # --- link titles -----------------------------------------------------------------------
    f'[a](https://example.com/ "t" onmouseover="{X}")',
    f"[a](https://example.com/ 'x\" onclick=\"{X}')",
    f'[a](https://example.com/ "x\\" onclick=\\"{X}")',
    f'[a](https://example.com/" onclick="{X})',
    f'[a](https://example.com/ "<script>{X}</script>")',
    f"[a](https://example.com/ (x' onfocus='{X}' autofocus='))",
    # --- reference-style links and images --------------------------------------------------
    f"[a][r1]\n\n[r1]: javascript:{X}",
    f'[a][R2]\n\n[R2]: JAVASCRIPT:{X} "t"',
    f"[a]\n\n[a]: data:text/html,<script>{X}</script>",
    f"![i][r3]\n\n[r3]: javascript:{X}",
    f'[a][r4]\n\n[r4]: https://example.com/ "t\\" onmouseover=\\"{X}"',
    "[a][r5]\n\n[r5]: vbscript:msgbox(1)",
    # --- autolinks ---------------------------------------------------------------------------
    f"<javascript:{X}>",
    "<JAVASCRIPT:alert(1)>",
    "<vbscript:msgbox(1)>",
    f"<data:text/html,<script>{X}</script>>",
    f'<https://example.com/" onmouseover="{X}>',
    f'<mailto:x@example.com" onclick="{X}>',
    f"<x@example.com?subject=<script>{X}</script>>",
    # --- HTML links ---------------------------------------------------------------------------
    f'<a href="javascript:{X}">a</a>',
    f'<a href="jav&#x09;ascript:{X}">a</a>',
    f'<a href="  javascript:{X}">a</a>',
    f'<a href="javascript&colon;{X}">a</a>',
    f"<a href=javascript:{X}>a</a>",
    f'<a href="data:text/html,<script>{X}</script>">a</a>',
    '<a href="vbscript:msgbox(1)">a</a>',
    f'<a xlink:href="javascript:{X}">a</a>',
    f'<a href="#" style="position:fixed;inset:0" onclick="{X}">a</a>',
    f'<a href="&#x6A;avascript:{X}">a</a>',
    # --- SVG and MathML ---------------------------------------------------------------------
    f"<svg><script>{X}</script></svg>",
    f'<svg><a xlink:href="javascript:{X}"><text x=0 y=20>a</text></a></svg>',
    f"<svg><animate onbegin={X} attributeName=x dur=1s></svg>",
    f"<svg><set attributeName=onmouseover to={X}></svg>",
    '<svg><foreignObject><iframe srcdoc="<script>parent.__xss=1</script>"></iframe></foreignObject></svg>',
    f"<svg><style><img src=x onerror={X}></style></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={X}>",
    f'<math><maction actiontype="statusline" xlink:href="javascript:{X}">m</maction></math>',
    f'<math href="javascript:{X}">m</math>',
    f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={X}>",
    f'<noscript><p title="</noscript><img src=x onerror={X}>"></noscript>',
    # --- broken tags and attribute breakouts ------------------------------------------------
    f'<img src="x" alt="a" onerror="{X}"',
    f"<img src=x onerror={X}//",
    f'"><img src=x onerror={X}>',
    f"'><svg onload={X}>",
    f"</title><script>{X}</script>",
    f"</textarea><script>{X}</script>",
    f"--><script>{X}</script>",
    f'<!--<img src="--><img src=x onerror={X}//">',
    f"<![CDATA[<script>{X}</script>]]>",
    f'<div title="a></div><img src=x onerror={X}>">d</div>',
    f"<a href=\"/x\" title='a' onmouseover='{X}'>t</a>",
    f"<<img src=x onerror={X}>>",
    f'<img """><script>{X}</script>">',
    f"</style><script>{X}</script>",
    f'<p title="&quot; onmouseover=&quot;{X}">q</p>',
    # --- frames, plugins, meta refresh, base, forms, styles ---------------------------------
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    f'<object data="javascript:{X}"></object>',
    '<object data="data:text/html,<script>parent.__xss=1</script>"></object>',
    f'<embed src="javascript:{X}">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{X}">',
    '<base href="javascript:/">',
    f'<form action="javascript:{X}"><button>go</button></form>',
    f'<button formaction="javascript:{X}">b</button>',
    '<link rel="stylesheet" href="data:text/css,body{display:none}">',
    "<style>body{display:none}</style>",
    f'<isindex action="javascript:{X}" type=image>',
    # --- encodings that must stay text ---------------------------------------------------------
    f"&lt;script&gt;{X}&lt;/script&gt;",
    f"%3Cscript%3E{X}%3C/script%3E",
    f"\\u003cscript\\u003e{X}\\u003c/script\\u003e",
    f"&#60;script&#62;{X}&#60;/script&#62;",
    '<img src=x onerror="&#x77;&#x69;&#x6e;&#x64;&#x6f;&#x77;.__xss=1">',
    f"`<script>{X}</script>`",
    f"```\n<script>{X}</script>\n```",
    # --- Markdown extensions: attribute lists, abbreviations, footnotes, tables -----------------
    f'<div markdown="1">[a](javascript:{X})</div>',
    f'A paragraph {{: onclick="{X}" }}',
    f'[a](https://example.com/){{: onmouseover="{X}" }}',
    f"## Heading {{#x onclick={X}}}",
    f"## Heading <img src=x onerror={X}>",
    f"HTML\n\n*[HTML]: <img src=x onerror={X}>",
    f"Note[^n]\n\n[^n]: <img src=x onerror={X}>",
    f"| a |\n|---|\n| <img src=x onerror={X}> |",
    f"> <script>{X}</script>",
    f"- <svg onload={X}>",
]

PER_BODY = 10
# An unclosed <style> inside MathML turns everything after it into style text, which
# the sanitiser drops together with the style: the rest of that body is lost (and
# never runs). Each of these gets a body of its own, checked for SAFE-BEFORE only.
SWALLOWS_THE_REST = {
    f"<math><mtext><table><mglyph><style><img src=x onerror={X}>",
    f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={X}>",
}


def wrap(n, payload):
    return f"SAFE-BEFORE-{n} {payload} SAFE-AFTER-{n}"


def one_line(payload):
    return " ".join(payload.split("\n"))


@functools.cache
def body_groups():
    """Payload numbers, up to ten to a body, and each swallower alone.

    An unclosed raw-HTML block (say `<body onload=...>`) makes the renderer pass the
    rest of the body through as HTML, where the next payload's tags can bury the
    words between them. That is a matter of arrangement, not of safety, so a payload
    joins a body only if every safe word of that body still renders; a payload that
    loses its own words even alone fails test_each_payload_alone_keeps_its_safe_words.
    """
    from bs4 import BeautifulSoup

    from glossary_site.markup.markdown import render

    def keeps_words(group):
        text = BeautifulSoup(render(body_for(group)), "html.parser").get_text()
        return all(word in text for word in expected_markers(group))

    groups, current = [], []
    for n, payload in enumerate(PAYLOADS):
        if payload in SWALLOWS_THE_REST:
            groups.append([n])
        elif len(current) < PER_BODY and keeps_words([*current, n]):
            current.append(n)
        else:
            groups.append(current)
            current = [n]
    return [group for group in [*groups, current] if group]


def body_for(group):
    """The payloads of one group, each between its two safe words in paragraphs of their own."""
    return "\n\n".join(f"SAFE-BEFORE-{n}\n\n{PAYLOADS[n]}\n\nSAFE-AFTER-{n}" for n in group)


def expected_markers(group):
    """The safe words a reader must still see in the body made from group."""
    words = []
    for n in group:
        words.append(f"SAFE-BEFORE-{n}")
        if PAYLOADS[n] not in SWALLOWS_THE_REST:
            words.append(f"SAFE-AFTER-{n}")
    return words


def load():
    """Published terms and articles carrying every payload in every editor-written field."""
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article, Author, Tag
    from terms.models import Term, TermAlias

    now = timezone.now() - timedelta(hours=1)
    author = Author.objects.create(
        name=wrap(0, "<img src=x onerror=window.__xss=1>")[:100], slug="xss-author"
    )
    tags = [
        Tag.objects.create(name=wrap(n, PAYLOADS[n])[:60], slug=f"xss-tag-{n}")
        for n in range(len(PAYLOADS))
        if len(wrap(n, PAYLOADS[n])) <= 60
    ]
    for n, payload in enumerate(PAYLOADS):
        text = wrap(n, one_line(payload))
        term = Term.objects.create(
            title=text[:200],
            slug=f"xss-term-{n}",
            summary=text[:300],
            body=body_for(body_groups()[n]) if n < len(body_groups()) else f"Body of term {n}.",
            status=Term.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n),
        )
        TermAlias.objects.create(term=term, name=text[:200], slug=f"xss-alias-{n}")
        article = Article.objects.create(
            title=text[:200],
            slug=f"xss-article-{n}",
            summary=text[:300],
            body=body_for(body_groups()[n]) if n < len(body_groups()) else f"Body of article {n}.",
            author=author,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n),
        )
        if n < len(body_groups()):
            article.tags.set(tags)


def has_word(text, word):
    """Whether text holds word as a whole marker ("SAFE-AFTER-1", not "SAFE-AFTER-12")."""
    return re.search(re.escape(word) + r"(?!\d)", text) is not None
