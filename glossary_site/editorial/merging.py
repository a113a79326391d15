"""Three-way merges of an edit conflict: the version the editor opened (base), the
version saved since (theirs) and the editor's form (mine).

A field only one side changed takes that side's value, so a second save can never
undo a change its editor did not make; a field both changed differently is a
conflict for the editor to settle. Bodies merge line by line (the way diff3 does),
leaving marked blocks where both changed the same lines."""

import difflib
from dataclasses import dataclass, field

MINE_MARK = "<<<<<<< Your text"
SPLIT_MARK = "======="
THEIRS_MARK = ">>>>>>> Saved by "


def comparable(value):
    """Text as an editor sees it: browsers send CRLF, and the form strips the ends."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


@dataclass
class Merge:
    result: dict  # field name -> the value the save should keep
    taken: list = field(default_factory=list)  # names only the other editor changed
    conflicts: list = field(default_factory=list)  # names both changed, differently


def merge_fields(base, theirs, mine):
    """Field by field; all three are dicts over the same names."""
    merge = Merge(result=dict(mine))
    for name in mine:
        old, saved, yours = (comparable(side[name]) for side in (base, theirs, mine))
        if saved == old or saved == yours:
            continue  # they did not change it, or made the same change
        if yours == old:
            merge.result[name] = theirs[name]
            merge.taken.append(name)
        else:
            merge.conflicts.append(name)
    return merge


def _sync_regions(base, mine, theirs):
    """(base start, base end, mine start, theirs start) of the base lines both kept."""
    to_mine = difflib.SequenceMatcher(a=base, b=mine, autojunk=False).get_matching_blocks()
    to_theirs = difflib.SequenceMatcher(a=base, b=theirs, autojunk=False).get_matching_blocks()
    regions, i, j = [], 0, 0
    while i < len(to_mine) and j < len(to_theirs):
        (b1, m, n1), (b2, t, n2) = to_mine[i], to_theirs[j]
        start, end = max(b1, b2), min(b1 + n1, b2 + n2)
        if start < end:
            regions.append((start, end, m + start - b1, t + start - b2))
        if b1 + n1 < b2 + n2:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(theirs)))
    return regions


def merge_text(base, mine, theirs, their_name):
    """(merged text, number of conflicts): changes to different lines combine; where
    both changed the same lines, both versions stand between conflict markers."""
    base, mine, theirs = (comparable(text or "").split("\n") for text in (base, mine, theirs))
    out, conflicts, b, m, t = [], 0, 0, 0, 0
    for start, end, mine_at, theirs_at in _sync_regions(base, mine, theirs):
        old, yours, saved = base[b:start], mine[m:mine_at], theirs[t:theirs_at]
        if yours == old or yours == saved:
            out += saved
        elif saved == old:
            out += yours
        else:
            conflicts += 1
            out += _marked(yours, saved, their_name)
        out += base[start:end]
        b, m, t = end, mine_at + end - start, theirs_at + end - start
    return "\n".join(out), conflicts


def _marked(yours, saved, their_name):
    """Both versions between markers, the lines they share at either end left outside."""
    head = 0
    while head < min(len(yours), len(saved)) and yours[head] == saved[head]:
        head += 1
    tail = 0
    while tail < min(len(yours), len(saved)) - head and yours[-1 - tail] == saved[-1 - tail]:
        tail += 1
    end_mine, end_saved = len(yours) - tail, len(saved) - tail
    return [
        *yours[:head],
        MINE_MARK,
        *yours[head:end_mine],
        SPLIT_MARK,
        *saved[head:end_saved],
        f"{THEIRS_MARK}{their_name}",
        *yours[end_mine:],
    ]


def has_markers(text):
    """Whether a body still holds a block merge_text marked and nobody settled."""
    lines = comparable(text or "").split("\n")
    return any(line == MINE_MARK for line in lines) or any(line.startswith(THEIRS_MARK) for line in lines)
