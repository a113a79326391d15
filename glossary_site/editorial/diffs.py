"""Line diffs of Markdown for people: which lines went, which came, a little context.

Returned as plain data and rendered by templates with autoescaping on, so an
editor's text (which may contain HTML) is only ever shown, never interpreted."""

import difflib
from dataclasses import dataclass

CONTEXT_LINES = 2


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "same" or "gap"
    text: str

    @property
    def sign(self):
        """The mark a reader sees before the line, so the kind is not told by colour alone."""
        return {"added": "+", "removed": "−", "same": " ", "gap": "…"}[self.kind]


def line_diff(old, new, context=CONTEXT_LINES):
    """The lines that differ between two texts, with a few unchanged lines around each change."""
    old_lines, new_lines = (old or "").splitlines(), (new or "").splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines = []
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", text) for text in old_lines[i1:i2]]
                continue
            lines += [DiffLine("removed", text) for text in old_lines[i1:i2]]
            lines += [DiffLine("added", text) for text in new_lines[j1:j2]]
    return lines


def field_changes(old, new, fields):
    """[(label, old value, new value, line diff or None)] for the fields that differ.

    `old` and `new` are dicts of field name -> value; `fields` maps names to labels.
    Multi-line text gets a line diff; short values are shown before and after."""
    changes = []
    for name, label in fields.items():
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        multiline = isinstance(before, str) and isinstance(after, str) and ("\n" in before + after)
        changes.append((label, before, after, line_diff(before, after) if multiline else None))
    return changes
