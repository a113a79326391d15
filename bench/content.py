"""Generated content for the benchmarks: many terms and articles, realistic bodies.

Not a package: the bench scripts put this folder on sys.path. Rows are written
with bulk_create (with the stored HTML, sort keys and search rows that save()
would make), so 100,000 terms load in about a minute instead of an hour.
"""

import random

WORDS = (
    "service request latency cache database query index queue worker payment ledger account "
    "balance transfer customer order invoice token session cookie header proxy gateway server "
    "client browser network packet stream event message broker schema migration backup replica "
    "shard cluster node container deploy release rollback metric alert trace log error retry "
    "timeout budget capacity traffic peak load throughput memory storage disk file object bucket"
).split()
# A vocabulary of made-up words, so that each word appears in a few percent of the
# bodies, as real words do (with 70 words, every body would contain every word).
_rng = random.Random(42)
VOCABULARY = sorted(
    {
        "".join(_rng.choice("bcdfghklmnprstvz") + _rng.choice("aeiou") for _ in range(_rng.randint(2, 4)))
        for _ in range(6000)
    }
)
PREFIXES = "adaptive async atomic batch bounded cached central cold distributed durable edge eventual".split()
SUFFIXES = "pattern protocol layer model store policy pipeline strategy window table key check".split()


def term_title(n, rng):
    letter = chr(ord("A") + n % 26)
    return f"{letter}{rng.choice(WORDS)} {rng.choice(PREFIXES)} {rng.choice(SUFFIXES)} {n}"


def markdown_body(rng, words, mentions=()):
    """A body of about `words` words: sections with headings, paragraphs and a list."""
    parts, count, mentions = [], 0, list(mentions)
    section = 0
    while count < words:
        section += 1
        parts.append(f"## Section {section}: {rng.choice(WORDS).title()} {rng.choice(SUFFIXES)}")
        for _ in range(2):
            sentence = [rng.choice(VOCABULARY) for _ in range(57)] + rng.sample(WORDS, 3)
            if mentions:
                sentence.insert(rng.randrange(len(sentence)), mentions.pop())
            parts.append(" ".join(sentence).capitalize() + ".")
            count += 60
        parts.append(
            "\n".join(
                f"1. **{rng.choice(WORDS).title()}:** {' '.join(rng.sample(WORDS, 12))}" for _ in range(3)
            )
        )
        count += 40
    return "\n\n".join(parts)


def build(terms, articles=None, seed=1, log=print):
    """Fill an empty database with `terms` terms and articles in proportion (1 per 20)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article
    from glossary_site.content.text import index_letter, sort_key
    from glossary_site.markup.markdown import plain_text, reading_minutes, render, table_of_contents
    from glossary_site.search.models import SearchDocument
    from terms.models import Term

    rng = random.Random(seed)
    articles = max(10, terms // 20) if articles is None else articles
    now = timezone.now()
    # A few bodies rendered once and reused: rendering 100,000 bodies would dominate.
    bodies = []
    for _ in range(200):
        body = markdown_body(rng, 350)
        html = render(body)
        bodies.append((body, html, table_of_contents(html), plain_text(html), reading_minutes(html)))
    with transaction.atomic():
        batch = []
        for n in range(terms):
            title = term_title(n, rng)
            body, html, toc, text, minutes = bodies[n % len(bodies)]
            batch.append(
                Term(
                    title=title,
                    slug=f"term-{n}",
                    summary=f"{title}: a short explanation for the benchmark.",
                    body=body,
                    body_html=html,
                    toc_html=toc,
                    reading_time=minutes,
                    status="published",
                    published_at=now - timezone.timedelta(minutes=n),
                    sort_key=sort_key(title),
                    index_letter=index_letter(title),
                )
            )
            if len(batch) == 5000:
                Term.objects.bulk_create(batch)
                batch = []
                log(f"  {n + 1} terms")
        Term.objects.bulk_create(batch)
        titles = list(Term.objects.values_list("title", flat=True)[:2000])
        for n in range(articles):
            body = markdown_body(rng, 900, mentions=rng.sample(titles, min(8, len(titles))))
            Article(
                title=f"Article {n}: {rng.choice(WORDS)} at scale",
                slug=f"article-{n}",
                summary="An article for the benchmark.",
                body=body,
                status="published",
                published_at=now - timezone.timedelta(hours=n),
            ).save()
        docs = [
            SearchDocument(
                kind="term",
                object_id=pk,
                slug=slug,
                title=title,
                summary=summary,
                body=bodies[i % len(bodies)][3],
                status="published",
                published_at=published_at,
            )
            for i, (pk, slug, title, summary, published_at) in enumerate(
                Term.objects.values_list("id", "slug", "title", "summary", "published_at").iterator()
            )
        ]
        SearchDocument.objects.bulk_create(docs, batch_size=5000)
        if connection.vendor == "postgresql":
            from glossary_site.search.postgres import weighted_vector

            SearchDocument.objects.filter(kind="term").update(vector=weighted_vector())
    from glossary_site.serving.db import refresh_planner_statistics

    refresh_planner_statistics()
    log(f"  built {terms} terms and {articles} articles")


# Japanese content for the linker benchmark: katakana loanwords, kanji compounds and
# Latin acronyms, the three kinds of name a Japanese technical glossary has.
KATAKANA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    "ガギグゲゴザジズゼゾダデドバビブベボパピプペポ"
)
KATAKANA_TAILS = ("ー", "ッ", "ャ", "ュ", "ョ", "")
KANJI = "".join(
    dict.fromkeys(
        "設計運用管理構成開発環境処理情報通信接続認証明書負荷分散監視障害復旧保存記憶領域容量性能計測検索引変更"
        "履歴版権限利者制御配送受要求応答遅延待機実行画予約新削除追加作読込共有複製同期非並列直分割統合移試験"
        "品質安全暗号鍵署名公開秘密形式換入出関数定型値参照範囲単位時間日付期上下最大小平均件回頻度率状態遷例"
        "外警告知報録集析予測学習推論模層網点線面体積量式表行欄項目前称番識別子区種類階組織部門担責任役割方針"
        "規則手順工程段結果原因対策改善評価基準指標成費資源拡張縮自動起停止再終了"
    )
)
PARTICLES = (
    "は",
    "が",
    "を",
    "に",
    "で",
    "と",
    "の",
    "から",
    "まで",
    "します",
    "されます",
    "です",
    "ため",
    "として",
)


def japanese_name(rng):
    kind = rng.random()
    if kind < 0.1:
        return "".join(rng.choice("ABCDEFGHIKLMNOPRSTUVWXZ") for _ in range(rng.randint(3, 5)))
    if kind < 0.55:
        return "".join(rng.choice(KATAKANA) + rng.choice(KATAKANA_TAILS) for _ in range(rng.randint(2, 4)))
    return "".join(rng.choice(KANJI) for _ in range(rng.randint(2, 4)))


def japanese_names(rng, count):
    """`count` distinct names of a Japanese glossary."""
    names = {}
    while len(names) < count:
        names.setdefault(japanese_name(rng), None)
    return list(names)


def japanese_body(rng, characters, mentions=()):
    """A Markdown body of about `characters` characters of Japanese prose, in sections,
    with the given names mentioned along the way."""
    parts, count, mentions, section = [], 0, list(mentions), 0
    while count < characters:
        section += 1
        parts.append(f"## 第{section}節 {japanese_name(rng)}の{rng.choice(KANJI)}{rng.choice(KANJI)}")
        for _ in range(3):
            words = [japanese_name(rng) + rng.choice(PARTICLES) for _ in range(rng.randint(6, 10))]
            if mentions:
                words.insert(rng.randrange(len(words)), mentions.pop() + rng.choice(PARTICLES))
            sentence = "、".join(words) + "。"
            parts.append(sentence)
            count += len(sentence)
    return "\n\n".join(parts)
