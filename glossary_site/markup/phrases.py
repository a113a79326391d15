"""Phrases in which a term is never linked ("for instance", a term's own "never link
in" list): how many a term may have, and finding them in a body in one pass.

A term's list is bounded (MAX_PHRASES of at most MAX_PHRASE_CHARS each), and the
linker no longer compares every mention with every phrase: the phrases of every
term and the site-wide ones share one trie of words, each text is scanned once
for all of them, and a mention asks only the few positions a phrase holding it
could start at. The cost grows with the body, not with mentions × phrases.
"""

from django.core.exceptions import ValidationError

MAX_PHRASES = 50
MAX_PHRASE_CHARS = 100
_END = object()  # in a trie node: the id of the phrase that ends there


def lines(text):
    """The phrases of a "never link in" field: one a line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def problem(phrases):
    """What is wrong with a list of phrases, in words an editor can act on; None if nothing."""
    if len(phrases) > MAX_PHRASES:
        return f"{len(phrases)} phrases: at most {MAX_PHRASES} are accepted. Keep the ones that matter."
    for phrase in phrases:
        if len(phrase) > MAX_PHRASE_CHARS:
            return f"The phrase “{phrase[:40]}…” is longer than {MAX_PHRASE_CHARS} characters."
    return None


def validate_never_link_in(text):
    """Model field validator: the bounds as a form error, what was typed kept."""
    if found := problem(lines(text)):
        raise ValidationError(found, code="too_many_phrases")


class PhraseIndex:
    """Phrases (tuples of folded words) in one trie; which of them a text holds where."""

    def __init__(self):
        self.root, self.ids, self.longest = {}, {}, 0
        self._sets = {}  # (own phrases, shared phrases) -> frozenset of their ids
        self._scanned = (None, {})  # (the words last scanned, what was found in them)

    def add(self, phrases):
        """Put phrases in; the ids of the set. A new phrase makes the last scan stale."""
        ids = []
        for phrase in phrases:
            if phrase not in self.ids:
                node = self.root
                for word in phrase:
                    node = node.setdefault(word, {})
                node[_END] = self.ids[phrase] = len(self.ids)
                self.longest = max(self.longest, len(phrase))
                self._scanned = (None, {})
            ids.append(self.ids[phrase])
        return frozenset(ids)

    def _wanted(self, own, shared):
        key = (own, shared)
        if key not in self._sets:
            self._sets[key] = self.add(own) | self.add(shared)
        return self._sets[key]

    def _found(self, words):
        """{start: [(end, phrase id), ...]} of every phrase in words, found once a text."""
        last, found = self._scanned
        if last is words:
            return found
        found = {}
        for begin in range(len(words)):
            node = self.root
            for k in range(begin, min(begin + self.longest, len(words))):
                node = node.get(words[k][2])
                if node is None:
                    break
                if _END in node:
                    found.setdefault(begin, []).append((k + 1, node[_END]))
        # One tuple, assigned at once: a thread reading it sees a whole pair.
        self._scanned = (words, found)
        return found

    def hides(self, own, shared, words, index, length):
        """Whether words[index:index+length] sit inside one of the phrases `own` or `shared`.
        words: (start, end, folded word) for each word of the text, as the linker has them."""
        wanted = self._wanted(own, shared)
        if not wanted:
            return False
        found, need = self._found(words), index + length
        for begin in range(max(0, need - self.longest), index + 1):
            for end, phrase in reversed(found.get(begin, ())):
                if end < need:
                    break  # found in order of their ends: the rest end sooner
                if phrase in wanted:
                    return True
        return False
