"""Automatic term links: the first mention of each glossary term in a body becomes a
link to it, with the term's summary as an accessible tooltip.

One matcher serves every body: a dict from folded word sequences (titles and
aliases) to terms, so a 5,000-word body is scanned once, word by word, whatever
the number of terms. Longer names win ("Backend Developer" over "Developer").
Text inside headings, links, code and pre is left alone.

The rules are the ones a careful editor follows (issue 14):
- a word written in capitals (REST, API) or with inner capitals (GraphQL, macOS)
  matches only in the same case, so "the rest of the code" never links REST; other
  words match in any case, and a simple plural ("developers") matches too;
- a name matches whole tokens only, never a part of "server-side" or "TCP/IP";
- a name several terms share links nowhere (the editor links the right one);
- "Node (DOM)" matches as written, qualifier and all;
- a phrase in which a term is never linked ("for instance", the term's own list)
  hides the term's name there;
- text the author wrapped as [words]{.nolink} is not linked, and the body's own
  names (a term's title and aliases) are never linked to something else.

A matcher holds the terms of one language (issue 28). Words are split per script
(scripts.py): a CJK character is a token of its own, so a CJK name is a run of
tokens with nothing between them, found anywhere in a run of text. The English
forms and judgement above apply only to an English matcher.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from glossary_site.content import wordforms
from glossary_site.markup import judgement, scripts, senses
from glossary_site.markup.phrases import PhraseIndex

# What may stand between the words of a multi-word name: a space, hyphen, dot or
# slash, or the opening parenthesis of a qualifier ("Node (DOM)"); between CJK
# characters, nothing (two tokens of the spaced scripts never touch: scripts.py).
_JOINER = re.compile(r"[\s\-./]{0,3}|\s?\(")
# A character that glues two words into one token: "server-side", "TCP/IP", "Node.js".
_GLUE = "-/."
SKIP_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
# The span the renderer makes of [words]{.nolink} (markdown.py): skipped, then dropped.
NO_LINK_ATTRIBUTE = "data-nolink"


class MatchCase:
    """How a term's names compare with the text (the term's "match case" setting)."""

    AUTO = "auto"  # words written in capitals, or with inner capitals, match only as written
    ALWAYS = "always"  # only as written: the same case and form, no plural or compound
    CAPITALISED = "capitalised"  # as AUTO, and a word with a capital only with a capital
    NEVER = "never"


CAPITAL = object()  # in an exact spelling: any word with a capital first letter


@dataclass(frozen=True)
class Target:
    """Where a name links, and the term's own linking rules."""

    term_id: int
    slug: str
    url: str
    summary: str
    link_automatically: bool = True
    match_case: str = MatchCase.AUTO
    never_in: tuple = ()  # phrases (tuples of folded words) in which it is not linked
    title: str = ""  # written open ("time stamp") only the title matches, not an alias


_OWN = Target(0, "", "", "")  # the body's own names: matched, never linked


@dataclass(frozen=True)
class Found:
    """A name found in the text: how many words it spans, where it links (None: matched
    but linked nowhere) and whether the text has another form of it (a plural, a
    compound written open)."""

    length: int
    target: Target | None
    variant: bool


_fold_word = scripts.fold_token


def _words(text):
    return tuple(_fold_word(word) for word in scripts.words(text))


def phrases(lines):
    """Phrases as the matcher compares them: tuples of folded words, empty ones left out."""
    return tuple(words for words in (_words(line) for line in lines) if words)


def _in_capitals(word):
    """REST, API, GraphQL, macOS, C: a word whose case carries its meaning."""
    return any(ch.isupper() for ch in word[1:]) or (len(word) == 1 and word.isupper())


def _exact_words(words, match_case):
    """For each word of a name, the spelling the text must have: the word itself, CAPITAL
    (any spelling with a capital first letter) or None for any case; None for a name
    that matches in any case."""
    if match_case == MatchCase.NEVER:
        return None
    exact = tuple(_exact_word(word, match_case) for word in words)
    return exact if any(wanted is not None for wanted in exact) else None


def _exact_word(word, match_case):
    if match_case == MatchCase.ALWAYS or _in_capitals(word):
        return word
    if match_case == MatchCase.CAPITALISED and word[:1].isupper():
        return CAPITAL
    return None


def _same_case(exact, written):
    """Whether the words as written fit the spellings of `exact` (_exact_words); an open
    or hyphenated compound ("Java Script") is compared as the one word it stands for."""
    if len(written) != len(exact):
        written = ("".join(written),)
    for wanted, word in zip(exact, written, strict=True):
        if wanted is CAPITAL:
            if not word[:1].isupper():
                return False
        elif wanted is not None and word != wanted:
            return False
    return True


def _open_form_of_title(target, joined):
    """Whether a one-word name written open (`joined`, folded) is the target's title or
    its plural or singular; any name does when the title is not known."""
    if not target.title:
        return True
    title = _fold_word(target.title)
    return joined in {title, *wordforms.plurals(title), *wordforms.singulars(title)}


def _glued(text, at, step):
    """Whether the character at `at` glues the token to a word on its other side."""
    glue = at if step > 0 else at - 1
    beyond = glue + step
    return (
        0 <= glue < len(text) and text[glue] in _GLUE and 0 <= beyond < len(text) and text[beyond].isalnum()
    )


class TermMatcher:
    def __init__(self, names, never_in=(), own_texts=None, language="en"):
        """names: iterable of (name, Target); a title and its aliases share a Target.
        A Target that does not link automatically (a term switched off, or not
        published) still masks its names: nothing inside them is linked.
        never_in: phrases (see phrases()) in which no term is linked, site-wide.
        own_texts: term id -> the term's own texts (summary, body), asked only for a
        term whose mention has a modifier to judge (judgement.modifier); without it
        its title, names and summary are its texts.
        language: the language of the names and of the bodies linked with them; the
        English word forms (plurals, compounds) and the English judgement of a
        sentence (a noun used as a verb, another sense) apply only in English, and
        German has regular German forms (wordforms.variants_in)."""
        self.language = language
        self.english = wordforms.applies_to(language)
        self.own_texts = own_texts
        self.vocabularies = {}  # term id -> judgement.vocabulary() of its texts
        self.table = {}
        self.keys_of = {}  # term id -> its keys, so a changed term can be taken out
        for name, target in names:
            self._add(name, target)
        self.longest = max((len(key) for key in self.table), default=0)
        self.prefix_counts = Counter(key[:n] for key in self.table for n in range(1, len(key)))
        self.prefixes = self.prefix_counts.keys()
        # The first word of every name: most words of a body start none, and one set
        # lookup says so (find() is called for every word of every body).
        self.first_counts = Counter(key[0] for key in self.table)
        self.first_words = self.first_counts.keys()
        self.never_in = tuple(never_in)
        self.phrase_index = None  # phrases.PhraseIndex, made when first asked

    def _add(self, name, target):
        """Put a name and its other forms in the table; the keys new to it. A name with
        its acronym or expansion in parentheses is also each of them alone: "SLO" and
        "Service Level Objective" for "SLO (Service Level Objective)"."""
        new = []
        for part in judgement.acronym_parts(name):
            new += self._add_name(part, target)
        return new + self._add_name(name, target)

    def _add_name(self, name, target):
        words = scripts.words(name)
        if not words or (scripts.single_character(words) and target.match_case != MatchCase.ALWAYS):
            return []
        forms = [(words, False)]
        if target.match_case != MatchCase.ALWAYS and "(" not in name:
            forms += [(form, True) for form in wordforms.variants_in(self.language, words)]
        new = []
        for form, variant in forms:
            key = tuple(_fold_word(word) for word in form)
            entry = (target, _exact_words(form, target.match_case), variant)
            entries = self.table.setdefault(key, [])
            if entry not in entries:
                entries.append(entry)
                if len(entries) == 1:
                    new.append(key)
            self.keys_of.setdefault(target.term_id, set()).add(key)
        return new

    def replace_terms(self, term_ids, names):
        """Take the given terms out and put `names` ((name, Target) of those that still
        exist) in: the few terms a save changed, not the whole glossary again."""
        for term_id in term_ids:
            self.vocabularies.pop(term_id, None)
            for key in self.keys_of.pop(term_id, ()):
                entries = [entry for entry in self.table.get(key, []) if entry[0].term_id != term_id]
                if entries:
                    self.table[key] = entries
                elif self.table.pop(key, None) is not None:
                    self.prefix_counts.subtract(key[:n] for n in range(1, len(key)))
                    self.first_counts.subtract(key[:1])
        for name, target in names:
            for key in self._add(name, target):
                self.prefix_counts.update(key[:n] for n in range(1, len(key)))
                self.first_counts.update(key[:1])
                self.longest = max(self.longest, len(key))
        self.prefix_counts += Counter()  # drops prefixes no key starts with any more
        self.prefixes = self.prefix_counts.keys()
        self.first_counts += Counter()
        self.first_words = self.first_counts.keys()

    def link(self, html, exclude_term_id=None, own_names=()):
        """Return (html with links, ids of the terms linked, in order).

        exclude_term_id: the term whose body this is; own_names: its title and
        aliases, which are never linked to anything (known even before its first
        save), nor is any part of them ("event" on the page of Event Sourcing)."""
        if not self.table:
            return html, []
        own = (
            TermMatcher(
                ((name, _OWN) for name in judgement.own_name_parts(own_names)), language=self.language
            )
            if own_names
            else None
        )
        rewriter = _Rewriter(self, exclude_term_id, own)
        rewriter.feed(html)
        rewriter.close()
        return "".join(rewriter.out), rewriter.linked

    def find(self, text, words, start):
        """The longest name starting at words[start]: a Found, or None.

        words are (start, end, folded word) for each word of text. The name grows a
        word at a time while it is still the beginning of some known name; an open
        or hyphenated compound of a one-word name ("time stamp") is tried too. A name
        several terms share, or one that only masks, is found with target None."""
        word, first = words[start][2], self.first_words
        pair = self.english and start + 1 < len(words) and word + words[start + 1][2] in first
        if word not in first and not pair:
            return None
        if _glued(text, words[start][0], -1) or scripts.continues_a_word(text, words[start][0]):
            return None
        closed = self._closed_compound(text, words, start) if pair else None
        best, prefix = closed, ()
        for k in range(start, min(start + self.longest, len(words))):
            if k > start and not _JOINER.fullmatch(text, words[k - 1][1], words[k][0]):
                break
            prefix = (*prefix, words[k][2])
            entries = self.table.get(prefix)
            if (
                entries
                and not _glued(text, words[k][1], 1)
                and (best is None or k - start + 1 >= best.length)
            ):
                chosen = self._choose(entries, text, words[start : k + 1])
                if chosen:
                    best = Found(k - start + 1, *chosen)
            if prefix not in self.prefixes:
                break
        return best

    def _closed_compound(self, text, words, start):
        """The one-word name two words written open or hyphenated stand for
        ("time stamp", "work-flow" for Workflow), or None. A verb and its particle
        ("set up") are no compound noun ("Setup")."""
        (_, end, word), (after, last, second) = words[start], words[start + 1]
        joiner = text[end:after]
        if joiner not in (" ", "-") or joiner == " " and second in wordforms.PARTICLES:
            return None
        entries = self.table.get((word + second,))
        if not entries or _glued(text, last, 1):
            return None
        # A one-word alias may be a shortening ("Runtime" of Container Runtime) that "run
        # time" does not mean; a title written open is still the title.
        entries = [entry for entry in entries if _open_form_of_title(entry[0], word + second)]
        chosen = self._choose(entries, text, words[start : start + 2], compound=True) if entries else None
        return Found(2, *chosen) if chosen else None

    @staticmethod
    def _choose(entries, text, span, compound=False):
        """(Target, variant) for the words as written: the one Target they fit best, a
        term's own name before another's variant, a linked term before a masking one;
        target None when the best fit is shared by several terms or only masks. None
        when nothing fits."""
        written = None
        best, fitting = None, set()
        for target, exact, variant in entries:
            if compound and target.match_case == MatchCase.ALWAYS:
                continue
            if exact is not None:
                written = written or tuple(text[a:b] for a, b, _ in span)
                if not _same_case(exact, written):
                    continue
            rank = (not target.link_automatically, variant or compound)
            if best is None or rank < best:
                best, fitting = rank, set()
            if rank == best:
                fitting.add(target)
        if best is None:
            return None
        if len(fitting) > 1 or best[0]:
            return None, best[1]
        return fitting.pop(), best[1]

    def names_a_term(self, word):
        """Whether the folded word is by itself a name the table holds."""
        return (word,) in self.table

    def other_sense(self, target, text, words, index):
        """Whether the words beside the one-word mention at words[index] make it a kind
        of thing the term's own texts never speak of: a modifier ("CPU cache",
        judgement.modifier()), or for an everyday word an adjective that judges ("a
        poor proxy"), its noun modifiers or its list (senses.py)."""
        token = judgement.modifier(text, words, index)
        if token is not None:
            return not senses.knows(self._vocabulary(target), token.lower())
        if senses.judged(text, words, index):
            return True
        kind = senses.kind_words(text, words, index)
        return bool(kind) and not any(senses.knows(self._vocabulary(target), word) for word in kind)

    def _vocabulary(self, target):
        known = self.vocabularies.get(target.term_id)
        if known is None:
            texts = [
                target.title,
                target.summary,
                *(" ".join(key) for key in self.keys_of.get(target.term_id, ())),
            ]
            if self.own_texts is not None:
                texts += self.own_texts(target.term_id)
            known = self.vocabularies[target.term_id] = judgement.vocabulary(texts)
        return known

    def hidden_by_phrase(self, target, words, index, length):
        """Whether words[index:index+length] sit inside a phrase that keeps them unlinked."""
        if self.phrase_index is None:
            # Every term's phrases at once, so a text is scanned once for all of them.
            self.phrase_index = PhraseIndex()
            for entries in self.table.values():
                for entry in entries:
                    self.phrase_index.add(entry[0].never_in)
        return self.phrase_index.hides(target.never_in, self.never_in, words, index, length)


class _Rewriter(HTMLParser):
    def __init__(self, matcher, exclude_term_id, own):
        super().__init__(convert_charrefs=True)
        self.matcher = matcher
        self.own = own
        self.exclude = exclude_term_id
        self.out = []
        self.linked = []
        self.skip_depth = 0
        self.spans = []  # for each open <span>: whether it is an author's "no link" span

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            opted_out = any(name == NO_LINK_ATTRIBUTE for name, _ in attrs)
            self.spans.append(opted_out)
            if opted_out:
                self.skip_depth += 1
                return  # the author's mark has done its work: nothing of it shows
        self.out.append(self.get_starttag_text())
        if tag in SKIP_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "span" and self.spans and self.spans.pop():
            self.skip_depth -= 1
            return
        self.out.append(f"</{tag}>")
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.skip_depth:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self._link_text(data))

    def _next_name(self, text, words, index):
        """The name at words[index] (a Found), the body's own names winning ties."""
        found = self.matcher.find(text, words, index)
        mine = self.own.find(text, words, index) if self.own else None
        if mine and (not found or mine.length >= found.length):
            return Found(mine.length, None, mine.variant)
        return found

    def _judged_otherwise(self, target, text, words, index, length):
        """Whether an English sentence says the name found is no mention of the term."""
        return (
            judgement.inside_a_longer_name(text, words, index, length, self.matcher.names_a_term)
            or (length == 1 and judgement.used_as_verb(text, words, index))
            or (length == 1 and self.matcher.other_sense(target, text, words, index))
        )

    def _link_text(self, text):
        words = [(m.start(), m.end(), _fold_word(m.group())) for m in scripts.tokens(text)]
        english = self.matcher.english
        pieces, position, index = [], 0, 0
        while index < len(words):
            found = self._next_name(text, words, index)
            if not found:
                index += 1
                continue
            target, length = found.target, found.length
            if (
                target is None
                or target.term_id == self.exclude
                or target.term_id in self.linked
                or self.matcher.hidden_by_phrase(target, words, index, length)
                or (english and self._judged_otherwise(target, text, words, index, length))
            ):
                index += length
                continue
            start, end = words[index][0], words[index + length - 1][1]
            if text.startswith(")", end) and "(" in text[start:end]:
                end += 1  # "Node (DOM)": the qualifier's closing parenthesis too
            pieces += [escape(text[position:start], quote=False), _anchor(text[start:end], target)]
            self.linked.append(target.term_id)
            position, index = end, index + length
        pieces.append(escape(text[position:], quote=False))
        return "".join(pieces)


def _anchor(label, target):
    if not target.summary:
        return f'<a class="term-link" href="{escape(target.url)}">{escape(label, quote=False)}</a>'
    tip_id = f"term-tip-{target.slug}"
    summary = escape(target.summary)
    return (
        f'<a class="term-link" href="{escape(target.url)}" title="{summary}" aria-describedby="{tip_id}">'
        f"{escape(label, quote=False)}</a>"
        f'<span class="term-tip" role="tooltip" id="{tip_id}" hidden>{summary}</span>'
    )
