"""When a name the linker found is still not a mention of the term: the judgement a
careful editor brings to a sentence (issue 25), kept apart from the matching.

- a name inside a longer capitalised name is part of that name: "Cache" in "the Edge
  Cache Protocol" names no cache;
- a one-word noun after "to" and before its object, or after a modal ("big enough
  to host it", "proxies can cache"), is a verb;
- a page is about every part of its own names: an "Event Sourcing" page links no
  "event", "NaN (Not a Number)" no "Number";
- a modifier the term's own text never uses makes a one-word name another kind of
  thing: "CPU cache" for an HTTP-cache term, "append-only log" for one about logs
  a program writes.

`words` are the linker's (start, end, folded word) of a text.
"""

import re

from glossary_site.content.wordforms import singulars

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?:;\n]")
_MODALS = frozenset("can could may might must shall should will would cannot do does did".split())
# What follows a verb more often than a noun: its object ("to host it", "to cache the page").
_OBJECTS = frozenset(
    "it them the a an this that these those its their our your his her each every all any some "
    "one up out down off".split()
)
# Words that make the next word ending in s a verb rather than a plural noun.
_SUBJECTS = frozenset("it he she that which who everything something nothing everyone anyone nobody".split())
# Words after which "that" opens a clause ("say that caches rely on it") rather than
# standing for the noun before it ("a value that records a moment").
_CLAUSE_VERBS = frozenset(
    "say says said mean means meant ensure ensures know knows show shows note notes so such is are "
    "was were given assume assumes check checks".split()
)
# Words of a page's own name that say nothing of its subject on their own.
_MINOR = frozenset("a an the of as in on for to and or not no with by from at is be into per via vs".split())


# Words that open a sentence with a capital they do not otherwise have.
_OPENERS = _MINOR | frozenset(
    "this these those that each every some any all our your their its my we you they it "
    "when if while after before since because but so then there here why how what which "
    "see also use most many".split()
)


def inside_a_longer_name(text, words, index, length, known):
    """Whether the capitalised name at words[index:index+length] is part of a longer
    proper name: a run of capitalised words, one of them no name of a term
    (`known(folded word)` says which are). A list of terms ("Alpha Bravo Charlie") is
    no proper name; an acronym found stands alone ("the REST API"), though beside a
    capitalised name it is a part ("the Gateway API"); the first word of a
    sentence is capitalised anyway, so it counts only before two more ("Edge Cache
    Protocol"), never when it is a word such as "The"."""
    if not _titled(text, words[index]):
        return False
    after = index + length
    while (
        after < len(words) and _spaced(text, words[after - 1], words[after]) and _capital(text, words[after])
    ):
        after += 1
    before = index
    while (
        before > 0 and _spaced(text, words[before - 1], words[before]) and _capital(text, words[before - 1])
    ):
        if _starts_sentence(text, words, before - 1) and (
            words[before - 1][2] in _OPENERS or after - before - length + 1 < 2
        ):
            break
        before -= 1
    outside = [*range(before, index), *range(index + length, after)]
    return not all(known(words[n][2]) for n in outside)


def used_as_verb(text, words, index):
    """Whether the one lowercase word at words[index] is used as a verb: after a modal
    or "to" and before an object ("can cache", "to host it") or, ending in s, after a
    subject ("everything queues", "a proxy that caches"), or not ending in s, after a
    plural that opens its sentence and before the end of its clause ("Clocks drift,
    and ..."). A verb anywhere else needs a parser to tell."""
    start, end, _ = words[index]
    if index == 0 or not text[start:end].islower() or not _spaced(text, words[index - 1], words[index]):
        return False
    before = words[index - 1][2]
    if _plural_subject(text, words, index - 1):
        return not text[start:end].endswith("s") and bool(_CLAUSE_END.match(text, end))
    if before in _SUBJECTS:
        return text[start:end].endswith("s") and not _that_opens_a_clause(words, index - 1)
    if before in _MODALS or (before == "t" and text[words[index - 1][0] - 1 : words[index - 1][0]] in "'’"):
        return True
    if before != "to" or index + 1 >= len(words) or not _spaced(text, words[index], words[index + 1]):
        return False
    return words[index + 1][2] in _OBJECTS


_CLAUSE_END = re.compile(r"[,;:.!?)]|\s+(?:and|but|or|apart|over|when)\b")


def _plural_subject(text, words, index):
    """Whether words[index] is a plural noun with a capital opening its sentence ("Clocks")."""
    written = text[words[index][0] : words[index][1]]
    return _titled(text, words[index]) and bool(singulars(written)) and _starts_sentence(text, words, index)


# What may stand before a modifier: the start of a sentence's words.
_BEFORE_MODIFIER = frozenset(" \t\n(\"'“‘")
BEFORE_A_WORD = _BEFORE_MODIFIER
# Words that tie the words of a sentence together rather than name anything.
FUNCTION_WORDS = _MINOR | _OBJECTS | _MODALS | _SUBJECTS
_COMPOUND = re.compile(r"[a-z]+(?:-[a-z]+)+")
_ACRONYM = re.compile(r"[A-Z]{2,}")


def modifier(text, words, index):
    """The modifier directly before the lowercase one-word mention at words[index] that
    may make it another kind of thing: an acronym ("CPU" cache) or a hyphenated compound
    ("append-only" log, "top-level" containers); None otherwise."""
    start, end, _ = words[index]
    if index == 0 or not text[start:end].islower() or text[start - 1 : start] != " ":
        return None
    begin = start - 1  # walked back over the token, not searched for: a body is long
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-_"):
        begin -= 1
    if begin > 0 and text[begin - 1] not in _BEFORE_MODIFIER:
        return None
    token = text[begin : start - 1]
    return token if _ACRONYM.fullmatch(token) or _COMPOUND.fullmatch(token) else None


def vocabulary(texts):
    """The folded words and hyphenated compounds of a term's own texts (title, aliases,
    summary, body), each with its singular: what a modifier must be among to keep
    its link."""
    tokens = {token.lower() for text in texts for token in re.findall(r"\w+(?:-\w+)*", text)}
    tokens |= {part for token in tokens if "-" in token for part in token.split("-")}
    return frozenset(tokens | {form for token in tokens for form in singulars(token)})


def _that_opens_a_clause(words, that):
    return words[that][2] == "that" and that > 0 and words[that - 1][2] in _CLAUSE_VERBS


def own_name_parts(names):
    """A page's names (its title first, then its aliases), and what it is about
    besides: the parts of a name with its expansion in parentheses ("NaN", "Not a
    Number"), and each word of the title or of its acronym's expansion that says
    something on its own ("Event", "Sourcing"). An alias is a name of the page, not its
    subject: "Post-Incident Review" keeps "incident" a link to Incident."""
    if not names:
        return []
    title, *aliases = names
    subject = [title, *acronym_parts(title)]
    acronyms = {part for part in subject if is_acronym(part)}
    subject += [alias for alias in aliases if any(expands(alias, acronym) for acronym in acronyms)]
    words = [word for name in subject for word in _WORD.findall(name)]
    parts = [*names, *subject, *(word for word in words if word.lower() not in _MINOR and len(word) > 1)]
    return [part for part in dict.fromkeys(parts) if part]


def acronym_parts(name):
    """The acronym and its expansion of a name written "SLO (Service Level Objective)"
    or "Service Level Objective (SLO)"; none for a qualifier ("Node (DOM)")."""
    outside, _, inside = name.partition("(")
    outside, inside = outside.strip(), inside.rstrip(") ").strip()
    if inside and (expands(inside, outside) or expands(outside, inside)):
        return [outside, inside]
    return []


def is_acronym(word):
    return len(_WORD.findall(word)) == 1 and sum(ch.isupper() for ch in word) >= 2


def expands(phrase, acronym):
    """Whether the phrase's initials spell the acronym: "Mutual TLS" mTLS, "Not a
    Number" NaN, "Identity and Access Management" IAM (small words may be left
    out), "Database as a Service" DBaaS (a word may give more than its initial)."""
    words = _WORD.findall(phrase)
    if len(words) < 2 or not is_acronym(acronym):
        return False
    letters = acronym.lower()
    initials = "".join(word if word.isupper() else word[0] for word in words).lower()
    major = "".join(word if word.isupper() else word[0] for word in words if word.lower() not in _MINOR)
    return letters in (initials, major.lower()) or (initials[0] == letters[0] and _within(initials, letters))


def _within(initials, letters):
    """Whether the initials appear in order in the letters."""
    rest = iter(letters)
    return all(initial in rest for initial in initials)


def _titled(text, word):
    written = text[word[0] : word[1]]
    return written[:1].isupper() and not (len(written) > 1 and written.isupper())


def _capital(text, word):
    return text[word[0] : word[0] + 1].isupper()


def _spaced(text, left, right):
    return text[left[1] : right[0]] == " "


def _starts_sentence(text, words, index):
    return index == 0 or bool(_SENTENCE_END.search(text, words[index - 1][1], words[index][0]))
