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
    from glossary_site.markup.markdown import (
        RENDERER_VERSION,
        plain_text,
        reading_minutes,
        render,
        table_of_contents,
    )
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
                    # Rendered by this renderer just above: else the worker renders
                    # every body again, for minutes, beside what is measured.
                    renderer_version=RENDERER_VERSION,
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


# Japanese for the per-language search benchmark (issue 28): katakana loanwords
# that run into longer words, kanji compounds, Latin names among them, particles.
JA_KATAKANA = (
    "デプロイ デプロイメント コンテナ ノード キャッシュ ゲートウェイ クラスタ レプリカ スケーリング "
    "ロールバック トランザクション メトリクス ログ トレース アラート キュー ワーカー ブローカー "
    "メッセージ セッション トークン プロキシ サーバー クライアント ブラウザ パケット ストリーム "
    "イベント スキーマ マイグレーション バックアップ シャード パイプライン ポリシー レイテンシ "
    "スループット ストレージ ディスク ファイル オブジェクト バケット インデックス クエリ"
).split()
JA_KANJI = (
    "分散 負荷 障害 冗長化 整合性 可用性 認証 認可 暗号化 監視 設定 環境 本番 自動化 復旧 "
    "遅延 帯域 容量 台帳 残高 送金 顧客 注文 請求 署名 鍵 証明書 権限 構成 更新 削除 検索 "
    "並列 直列 同期 非同期 一貫性 耐障害性 水平 垂直 管理 運用 開発 試験 性能 計測"
).split()
JA_LATIN = "API TLS CPU DNS HTTP Kubernetes Redis PostgreSQL SQL CI CD JSON".split()
JA_PARTICLES = "の を に が は で と から まで も".split()
JA_ENDINGS = "する。 します。 される。 できる。 が必要だ。 を行う。 に使う。 を確認する。".split()


def _ja_noun(rng):
    kind = rng.random()
    if kind < 0.45:
        return rng.choice(JA_KATAKANA) + (rng.choice(JA_KATAKANA) if rng.random() < 0.3 else "")
    if kind < 0.9:
        return rng.choice(JA_KANJI) + (rng.choice(JA_KANJI) if rng.random() < 0.4 else "")
    return rng.choice(JA_LATIN) + (rng.choice(JA_KATAKANA) if rng.random() < 0.5 else "")


def japanese_title(n, rng):
    return f"{_ja_noun(rng)}{_ja_noun(rng)} {n}"


def japanese_paragraphs(rng, sentences):
    """Paragraphs of sentences without spaces, as Japanese is written."""
    paragraphs = []
    for section in range(0, sentences, 6):
        paragraphs.append(f"## {_ja_noun(rng)}の{_ja_noun(rng)}")
        paragraphs.append(
            "".join(
                "".join(_ja_noun(rng) + rng.choice(JA_PARTICLES) for _ in range(rng.randint(2, 5)))
                + _ja_noun(rng)
                + rng.choice(JA_ENDINGS)
                for _ in range(min(6, sentences - section))
            )
        )
    return "\n\n".join(paragraphs)


def build_language(language, terms, seed=2, log=print):
    """Add `terms` published Japanese terms (their own language) with their search rows."""
    from django.db import connection, transaction
    from django.utils import timezone

    from glossary_site.content.text import index_letter, sort_key
    from glossary_site.markup.markdown import (
        RENDERER_VERSION,
        plain_text,
        reading_minutes,
        render,
        table_of_contents,
    )
    from glossary_site.search.analysis import analysis
    from glossary_site.search.models import SearchDocument
    from terms.models import Term

    rng, now, analysed = random.Random(seed), timezone.now(), analysis(language)
    bodies = []
    for _ in range(200):
        body = japanese_paragraphs(rng, 24)
        html = render(body)
        text = plain_text(html)
        bodies.append(
            (body, html, table_of_contents(html), text, reading_minutes(html), analysed.index_text(text))
        )
    with transaction.atomic():
        batch = []
        for n in range(terms):
            title = japanese_title(n, rng)
            body, html, toc, *_ = bodies[n % len(bodies)]
            batch.append(
                Term(
                    title=title,
                    slug=f"{language}-term-{n}",
                    language=language,
                    summary=f"{title}とは、ベンチマークのための短い説明。",
                    body=body,
                    body_html=html,
                    toc_html=toc,
                    reading_time=bodies[n % len(bodies)][4],
                    renderer_version=RENDERER_VERSION,
                    status="published",
                    published_at=now - timezone.timedelta(minutes=n),
                    sort_key=sort_key(title),
                    index_letter=index_letter(title),
                )  # fmt: skip
            )
            if len(batch) == 5000:
                Term.objects.bulk_create(batch)
                batch = []
        Term.objects.bulk_create(batch)
        rows = Term.objects.filter(language=language).values_list(
            "id", "slug", "title", "summary", "published_at"
        )
        docs = [
            SearchDocument(
                kind="term",
                object_id=pk,
                slug=slug,
                language=language,
                title=title,
                summary=summary,
                body=bodies[i % len(bodies)][3],
                analysed_names=analysed.index_text(title),
                analysed_summary=analysed.index_text(summary),
                analysed_body=bodies[i % len(bodies)][5],
                status="published",
                published_at=published_at,
            )  # fmt: skip
            for i, (pk, slug, title, summary, published_at) in enumerate(rows.iterator())
        ]
        SearchDocument.objects.bulk_create(docs, batch_size=2000)
        if connection.vendor == "postgresql":
            from glossary_site.search.postgres import analysed_vector

            for doc in SearchDocument.objects.filter(language=language).iterator():
                SearchDocument.objects.filter(pk=doc.pk).update(
                    vector=analysed_vector(doc.analysed_names, doc.analysed_summary, doc.analysed_body)
                )
    log(f"  built {terms} terms in {language}")
