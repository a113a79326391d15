"""Characters no text of ours may hold, refused wherever text comes in.

XML 1.0 cannot carry the C0 control characters other than tab, line feed and
carriage return, lone surrogates, U+FFFE or U+FFFF: one of them in a summary made
every feed that lists it fail for everyone (issue 26). DEL and the C1 controls
(U+0080 to U+009F) are valid XML but never meant in text an editor writes: they
come from pasting text decoded with the wrong encoding, and they are invisible, so
they are refused too, with the same message, rather than kept to surprise someone
later. Refused by a model validator on every field an editor or an import fills,
so the admin's forms and the import say the same; what is already stored is
dropped where XML is written (content/feeds.py)."""

import re

from django.core.exceptions import ValidationError

REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# How much of the text before a refused character the message quotes, so an editor
# can find an invisible character.
_CONTEXT = 20


def first_refused(text):
    """(position, character) of the first character text may not hold, or None."""
    found = REFUSED.search(text) if text else None
    return None if found is None else (found.start(), found.group())


def describe(text, position, char):
    """Where the character is and what it is, in words an editor can act on."""
    line = REFUSED.sub("", text[max(0, position - 4 * _CONTEXT) : position].rsplit("\n", 1)[-1]).strip()
    before = line[-_CONTEXT:] if len(line) <= _CONTEXT else "…" + line[-_CONTEXT:].lstrip()
    where = f"after “{before}”" if before else "at the start of a line"
    return f"Remove the invisible control character U+{ord(char):04X} {where} (pasted text may bring one)."


def validate_plain_characters(value):
    """Model field validator: a text holding a refused character is a form error."""
    if not isinstance(value, str):
        return
    found = first_refused(value)
    if found is not None:
        raise ValidationError(describe(value, *found), code="control_character")


def without_refused(text):
    """The text with every refused character dropped: they have no visible form, so
    the rest reads as the editor saw it."""
    return REFUSED.sub("", text) if isinstance(text, str) else text
